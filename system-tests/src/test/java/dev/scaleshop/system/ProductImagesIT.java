package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Product image uploads through HAProxy: accepted images are scaled by the thumbnail worker into sizes
 * with the right dimensions and content types, served with year-long caching and 304s; what is not an
 * image, a decompression bomb or an oversized body is refused before anything is stored or queued; an
 * image that cannot be decoded fails its job once, without retries.
 */
class ProductImagesIT {

    private static final String SKU = "SKU-000150";

    private final Api api = Api.throughHaproxy();

    @Test
    void anUploadedPngIsScaledIntoEverySizeAndServedCacheable() throws Exception {
        byte[] png = image(1200, 800, "png");
        String requestId = "image-it-" + System.nanoTime();
        HttpResponse<String> accepted = api.postBytes("/api/v1/products/" + SKU + "/images", png, "image/png",
                "Authorization", Stack.get().catalogAdmin(), "X-Request-Id", requestId);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobPath = accepted.headers().firstValue("Location").map(l -> l.substring(l.indexOf("/api/v1/"))).orElseThrow();
        JsonObject upload = Api.json(accepted);
        assertThat(upload.getString("status")).isEqualTo("pending");
        assertThat(upload.getInt("width")).isEqualTo(1200);
        String imagePath = "/api/v1/products/" + SKU + "/images/" + upload.getString("id");

        Await.until("the thumbnail job succeeded", 60,
                () -> "succeeded".equals(Api.json(api.get(jobPath, "Authorization", Stack.get().catalogAdmin())).getString("status")));
        // the submission ran on a thread of its own, with the context of the request: its caller is the admin
        assertThat(Stack.get().anyInstanceLogged("SCALESHOP-JOB-001 queued job " + jobPath.substring(jobPath.lastIndexOf('/') + 1)
                + " type=thumbnail by=" + Stack.get().adminEmail() + " requestId=" + requestId)).isTrue();
        JsonObject image = Api.json(api.get(imagePath));
        assertThat(image.getString("status")).isEqualTo("ready");
        JsonObject sizes = image.getJsonObject("sizes");
        assertThat(sizes.keySet()).containsExactlyInAnyOrder("thumb", "small", "medium");
        assertSize(sizes.getJsonObject("thumb"), 128, 85, "image/png");
        assertSize(sizes.getJsonObject("small"), 320, 213, "image/png");
        assertSize(sizes.getJsonObject("medium"), 800, 533, "image/png");

        HttpResponse<byte[]> original = api.getBytes(imagePath + "/original");
        assertThat(original.body()).isEqualTo(png);
        HttpResponse<byte[]> medium = api.getBytes(sizes.getJsonObject("medium").getString("url"));
        assertThat(medium.headers().firstValue("Cache-Control")).get().asString().contains("public", "max-age=31536000", "immutable");
        String etag = medium.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = api.getBytes(sizes.getJsonObject("medium").getString("url"), "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(Api.json(api.get("/api/v1/products/" + SKU + "/images")).getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("id")).contains(upload.getString("id"));
        assertThat(Stack.get().anyInstanceLogged("type=thumbnail succeeded", "requestId=" + requestId)).isTrue();
    }

    @Test
    void aJpegStaysJpeg() throws Exception {
        HttpResponse<String> accepted = api.postBytes("/api/v1/products/" + SKU + "/images", image(500, 1000, "jpg"), "image/jpeg",
                "Authorization", Stack.get().catalogAdmin());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String imagePath = "/api/v1/products/" + SKU + "/images/" + Api.json(accepted).getString("id");
        Await.until("scaled", 60, () -> "ready".equals(Api.json(api.get(imagePath)).getString("status")));

        assertSize(Api.json(api.get(imagePath)).getJsonObject("sizes").getJsonObject("thumb"), 64, 128, "image/jpeg");
    }

    @Test
    void notAnImageABombAnOversizedBodyAndStrangersAreRefusedWithNothingStoredOrQueued() throws Exception {
        long imagesBefore = count("SELECT count(*) FROM product_image WHERE sku = ?", SKU);
        long jobsBefore = count("SELECT count(*) FROM job WHERE type = ?", "thumbnail");
        String admin = Stack.get().catalogAdmin();
        String path = "/api/v1/products/" + SKU + "/images";

        CatalogIT.assertProblem(api.postBytes(path, "%PDF-1.7 not an image".getBytes(StandardCharsets.US_ASCII), "image/png",
                "Authorization", admin), 415, "unsupported-image");
        CatalogIT.assertProblem(api.postBytes(path, pngHeaderOnly(60_000, 60_000), "image/png", "Authorization", admin), 413, "image-too-large");
        // refused on its declared length: the body is written while the answer is read (RawHttp says why)
        String oversized = RawHttp.postFiller(Stack.get().baseUrl(), path, "Content-Type: image/png\r\nAuthorization: " + admin + "\r\n",
                9L * 1024 * 1024, false);
        assertThat(oversized).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("https://scaleshop.dev/problems/image-too-large");
        CatalogIT.assertProblem(api.postBytes(path, new byte[0], "image/png", "Authorization", admin), 400, "empty-image");
        CatalogIT.assertProblem(api.postBytes("/api/v1/products/SKU-999999/images", image(10, 10, "png"), "image/png", "Authorization", admin),
                404, "not-found");
        assertThat(api.postBytes(path, image(10, 10, "png"), "image/png").statusCode()).isEqualTo(401);
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "ines");
        assertThat(api.postBytes(path, image(10, 10, "png"), "image/png", "Authorization", customer.bearer()).statusCode())
                .isEqualTo(403);
        assertThat(api.postBytes(path, "{}".getBytes(StandardCharsets.US_ASCII), "application/json", "Authorization", admin)
                .statusCode()).isEqualTo(415);

        assertThat(count("SELECT count(*) FROM product_image WHERE sku = ?", SKU)).isEqualTo(imagesBefore);
        assertThat(count("SELECT count(*) FROM job WHERE type = ?", "thumbnail")).isEqualTo(jobsBefore);
    }

    @Test
    void anImageWhosePixelsCannotBeDecodedFailsItsJobOnceWithoutRetries() {
        HttpResponse<String> accepted = api.postBytes("/api/v1/products/" + SKU + "/images", pngHeaderOnly(40, 30), "image/png",
                "Authorization", Stack.get().catalogAdmin());
        assertThat(accepted.statusCode()).as("the header is a valid PNG's").isEqualTo(202);
        String jobPath = accepted.headers().firstValue("Location").map(l -> l.substring(l.indexOf("/api/v1/"))).orElseThrow();

        Await.until("the job failed", 60,
                () -> "failed".equals(Api.json(api.get(jobPath, "Authorization", Stack.get().catalogAdmin())).getString("status")));
        JsonObject job = Api.json(api.get(jobPath, "Authorization", Stack.get().catalogAdmin()));
        assertThat(job.getInt("attempts")).isEqualTo(1);
        assertThat(job.getString("error")).contains("decode");
        JsonObject image = Api.json(api.get("/api/v1/products/" + SKU + "/images/" + Api.json(accepted).getString("id")));
        assertThat(image.getString("status")).isEqualTo("failed");
        assertThat(api.get("/api/v1/products/" + SKU + "/images/" + image.getString("id") + "/thumb").statusCode()).isEqualTo(409);
    }

    private void assertSize(JsonObject size, int width, int height, String contentType) throws IOException {
        assertThat(size.getInt("width")).isEqualTo(width);
        assertThat(size.getInt("height")).isEqualTo(height);
        assertThat(size.getString("contentType")).isEqualTo(contentType);
        HttpResponse<byte[]> bytes = api.getBytes(size.getString("url"));
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.headers().firstValue("Content-Type")).hasValue(contentType);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.body()));
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection db = Stack.get().primary(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static byte[] image(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A PNG signature and an IHDR chunk claiming the given size (valid CRC), then IEND: no pixels at all. */
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
