package dev.scaleshop.images.control;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import dev.scaleshop.platform.control.Sha256;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Scales an image into the fixed sizes the shop serves, with Thumbnailator: each fits in a square box
 * keeping its aspect ratio and is never enlarged. JPEG stays JPEG (quality 0.85); PNG and GIF become PNG
 * (transparency kept; an animated GIF gives its first frame). Re-encoding drops the original's metadata.
 */
public final class ImageRenditions {

    /** The sizes, as the URL names them, and the box each fits in. */
    public enum Size {
        THUMB(128), SMALL(320), MEDIUM(800);

        private final int box;

        Size(int box) {
            this.box = box;
        }

        public int box() {
            return box;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static java.util.Optional<Size> of(String key) {
            for (Size size : values()) {
                if (size.key().equals(key)) {
                    return java.util.Optional.of(size);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** One scaled image. */
    public record Rendition(Size size, int width, int height, String contentType, byte[] data, String sha256) {
    }

    /** The original cannot be decoded (corrupt after its header): scaling it again will not help. */
    public static class UndecodableImageException extends Exception {

        private static final long serialVersionUID = 1L;

        UndecodableImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ImageRenditions() {
    }

    public static List<Rendition> render(byte[] original, String contentType) throws UndecodableImageException {
        BufferedImage source;
        try {
            source = ImageIO.read(new ByteArrayInputStream(original));
        } catch (IOException | RuntimeException e) {
            throw new UndecodableImageException("the image cannot be decoded: " + e.getMessage(), e);
        }
        if (source == null) {
            throw new UndecodableImageException("no decoder read the image", null);
        }
        boolean jpeg = "image/jpeg".equals(contentType);
        List<Rendition> renditions = new ArrayList<>();
        for (Size size : Size.values()) {
            renditions.add(scale(source, size, jpeg));
        }
        return renditions;
    }

    private static Rendition scale(BufferedImage source, Size size, boolean jpeg) {
        try {
            Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(source);
            if (source.getWidth() <= size.box() && source.getHeight() <= size.box()) {
                builder.scale(1.0);
            } else {
                builder.size(size.box(), size.box());
            }
            BufferedImage scaled = builder.asBufferedImage();
            Thumbnails.Builder<BufferedImage> encoder = Thumbnails.of(scaled).scale(1.0);
            if (jpeg) {
                encoder.outputFormat("jpg").outputQuality(0.85);
            } else {
                encoder.outputFormat("png");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encoder.toOutputStream(out);
            byte[] data = out.toByteArray();
            return new Rendition(size, scaled.getWidth(), scaled.getHeight(), jpeg ? "image/jpeg" : "image/png", data, Sha256.hex(data));
        } catch (IOException e) {
            throw new IllegalStateException("scaling to " + size + " failed", e);
        }
    }
}
