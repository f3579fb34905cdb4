package dev.scaleshop.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void rendersStableTypeUriAndOmitsAbsentMembers() {
        JsonObject json = new Problem("invalid-paging", "Bad Request", 400, null, "/api/v1/products", "r-1").toJson();
        assertThat(json.getString("type")).isEqualTo("https://scaleshop.dev/problems/invalid-paging");
        assertThat(json.getInt("status")).isEqualTo(400);
        assertThat(json.getString("instance")).isEqualTo("/api/v1/products");
        assertThat(json.getString("requestId")).isEqualTo("r-1");
        assertThat(json.containsKey("detail")).isFalse();
    }

    @Test
    void namesProblemTypesAfterTheHttpStatus() {
        assertThat(WebApplicationExceptionMapper.slugFor(404)).isEqualTo("not-found");
        assertThat(WebApplicationExceptionMapper.slugFor(415)).isEqualTo("unsupported-media-type");
        assertThat(WebApplicationExceptionMapper.slugFor(599)).isEqualTo("http-599");
    }
}
