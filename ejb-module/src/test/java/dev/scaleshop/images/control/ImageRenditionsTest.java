package dev.scaleshop.images.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import dev.scaleshop.platform.control.Sha256;
import org.junit.jupiter.api.Test;

class ImageRenditionsTest {

    @Test
    void aLandscapePngIsScaledIntoEachBoxKeepingItsAspectRatio() throws Exception {
        List<ImageRenditions.Rendition> renditions = ImageRenditions.render(ImageInspectorTest.encode(1600, 900, "png"), "image/png");

        assertThat(renditions).extracting(r -> r.size().key() + " " + r.width() + "x" + r.height() + " " + r.contentType())
                .containsExactly("thumb 128x72 image/png", "small 320x180 image/png", "medium 800x450 image/png");
        for (ImageRenditions.Rendition rendition : renditions) {
            BufferedImage decoded = decode(rendition.data());
            assertThat(decoded.getWidth()).isEqualTo(rendition.width());
            assertThat(decoded.getHeight()).isEqualTo(rendition.height());
            assertThat(rendition.sha256()).isEqualTo(Sha256.hex(rendition.data())).hasSize(64);
        }
    }

    @Test
    void jpegStaysJpegAndAPortraitFitsByItsHeight() throws Exception {
        List<ImageRenditions.Rendition> renditions = ImageRenditions.render(ImageInspectorTest.encode(600, 1200, "jpg"), "image/jpeg");

        assertThat(renditions).extracting(r -> r.width() + "x" + r.height() + " " + r.contentType())
                .containsExactly("64x128 image/jpeg", "160x320 image/jpeg", "400x800 image/jpeg");
        assertThat(decode(renditions.get(0).data()).getHeight()).isEqualTo(128);
    }

    @Test
    void aSmallImageIsNeverEnlarged() throws Exception {
        List<ImageRenditions.Rendition> renditions = ImageRenditions.render(ImageInspectorTest.encode(200, 100, "gif"), "image/gif");

        assertThat(renditions).extracting(r -> r.size().key() + " " + r.width() + "x" + r.height() + " " + r.contentType())
                .containsExactly("thumb 128x64 image/png", "small 200x100 image/png", "medium 200x100 image/png");
    }

    @Test
    void anImageWhoseHeaderIsFineButWhosePixelsAreMissingCannotBeDecoded() {
        byte[] headerOnly = ImageInspectorTest.pngHeaderOnly(40, 30);

        assertThatThrownBy(() -> ImageRenditions.render(headerOnly, "image/png"))
                .isInstanceOf(ImageRenditions.UndecodableImageException.class);
    }

    private static BufferedImage decode(byte[] data) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(data));
    }
}
