package dev.scaleshop.images.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import dev.scaleshop.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {

    @Test
    void readsFormatAndDimensionsFromTheBytes() throws IOException {
        assertThat(ImageInspector.inspect(encode(640, 480, "png"), 16_777_216))
                .isEqualTo(new ImageInspector.Inspected("image/png", 640, 480));
        assertThat(ImageInspector.inspect(encode(30, 20, "jpg"), 16_777_216))
                .isEqualTo(new ImageInspector.Inspected("image/jpeg", 30, 20));
        assertThat(ImageInspector.inspect(encode(7, 9, "gif"), 16_777_216))
                .isEqualTo(new ImageInspector.Inspected("image/gif", 7, 9));
    }

    @Test
    void somethingThatIsNotAnImageIs415() {
        assertThatThrownBy(() -> ImageInspector.inspect("%PDF-1.7 hello".getBytes(StandardCharsets.US_ASCII), 1_000))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.problemType()).isEqualTo("unsupported-image");
                });
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderAlone() {
        byte[] bomb = pngHeaderOnly(60_000, 60_000); // 60 bytes on the wire, 14 GB of pixels once decoded

        assertThatThrownBy(() -> ImageInspector.inspect(bomb, 16_777_216))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.problemType()).isEqualTo("image-too-large");
                    assertThat(e.getMessage()).contains("60000 x 60000");
                });
    }

    @Test
    void theLimitIsInclusive() throws IOException {
        assertThat(ImageInspector.inspect(encode(100, 100, "png"), 10_000).width()).isEqualTo(100);
        assertThatThrownBy(() -> ImageInspector.inspect(encode(100, 101, "png"), 10_000)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aTruncatedHeaderIs422() {
        byte[] truncated = java.util.Arrays.copyOf(pngHeaderOnly(10, 10), 12);

        assertThatThrownBy(() -> ImageInspector.inspect(truncated, 1_000))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isIn(415, 422));
    }

    static byte[] encode(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A PNG signature and an IHDR chunk claiming the given size (valid CRC), then IEND: no pixel data at all. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IEND", new byte[0]);
        return png.array();
    }

    private static void chunk(ByteBuffer png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
    }
}
