package dev.scaleshop.ratelimiting.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void anExactRouteMatchesItsMethodAndPathOnly() {
        Policies.Route login = Policies.Route.parse("POST /api/v1/auth/token=login");

        assertThat(login.policy()).isEqualTo("login");
        assertThat(login.matches("POST", "/api/v1/auth/token")).isTrue();
        assertThat(login.matches("GET", "/api/v1/auth/token")).isFalse();
        assertThat(login.matches("POST", "/api/v1/auth/token/x")).isFalse();
    }

    @Test
    void aTrailingStarMatchesAPrefixAndAStarMethodAnyMethod() {
        Policies.Route jobs = Policies.Route.parse("* /api/v1/jobs/*=jobs");

        assertThat(jobs.matches("POST", "/api/v1/jobs/echo")).isTrue();
        assertThat(jobs.matches("GET", "/api/v1/jobs/0192")).isTrue();
        assertThat(jobs.matches("POST", "/api/v1/jobsx")).isFalse();
    }

    @Test
    void aMalformedRouteFailsTheDeploymentLoudly() {
        assertThatThrownBy(() -> Policies.Route.parse("/api/v1/jobs=jobs")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Policies.Route.parse("POST /api/v1/jobs")).isInstanceOf(IllegalStateException.class);
    }
}
