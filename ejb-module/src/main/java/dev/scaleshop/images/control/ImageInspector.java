package dev.scaleshop.images.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.scaleshop.problems.InvalidRequestException;

/**
 * Decides whether uploaded bytes may be queued for scaling: the format is sniffed from the bytes (the
 * declared Content-Type is not trusted), and the dimensions are read from the header only — a
 * decompression bomb (a small file that decodes into gigabytes) is refused before any pixel is decoded.
 */
public final class ImageInspector {

    /** What the header says. */
    public record Inspected(String contentType, int width, int height) {
    }

    private static final Map<String, String> CONTENT_TYPES = Map.of("png", "image/png", "jpeg", "image/jpeg", "gif", "image/gif");

    private ImageInspector() {
    }

    public static Inspected inspect(byte[] data, long maxPixels) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw unsupported();
            }
            ImageReader reader = readers.next();
            try {
                String contentType = CONTENT_TYPES.get(reader.getFormatName().toLowerCase(java.util.Locale.ROOT));
                if (contentType == null) {
                    throw unsupported();
                }
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new InvalidRequestException(422, "invalid-image", "the image has no pixels");
                }
                if ((long) width * height > maxPixels) {
                    throw new InvalidRequestException(413, "image-too-large", "the image is " + width + " x " + height
                            + " pixels; at most " + maxPixels + " pixels are accepted");
                }
                return new Inspected(contentType, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidRequestException(422, "invalid-image", "the image header cannot be read");
        }
    }

    private static InvalidRequestException unsupported() {
        return new InvalidRequestException(415, "unsupported-image", "the body is not a PNG, JPEG or GIF image");
    }
}
