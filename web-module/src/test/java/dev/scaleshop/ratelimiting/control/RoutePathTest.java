package dev.scaleshop.ratelimiting.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutePathTest {

    @Test
    void everySpellingJaxRsResolvesToTheLoginResourceIsTheLoginPath() {
        for (String variant : new String[] {"/api/v1/auth/token", "/api/v1/auth/token/", "/api/v1/auth/token;x=1",
                "/api/v1/auth/token;x=1/", "/api/v1//auth/token", "/api/v1/auth/%74oken", "/api/v1/auth/./token",
                "/api/v1/x/../auth/token", "/api;a=b/v1/auth/token"}) {
            assertThat(RoutePath.of(variant)).as(variant).isEqualTo("/api/v1/auth/token");
        }
    }

    @Test
    void aMatrixParameterInsideThePathIsDroppedToo() {
        assertThat(RoutePath.of("/api/v1/jobs;x=1/echo")).isEqualTo("/api/v1/jobs/echo");
    }

    @Test
    void plusSignsAndMalformedEscapesStayAsSent() {
        assertThat(RoutePath.of("/api/v1/a+b")).isEqualTo("/api/v1/a+b");
        assertThat(RoutePath.of("/api/v1/%zz")).isEqualTo("/api/v1/%zz");
        assertThat(RoutePath.of("/api/v1/%4")).isEqualTo("/api/v1/%4");
        assertThat(RoutePath.of("/")).isEqualTo("/");
    }
}
