package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The edge tier: HAProxy's per-address ceiling drops a flood with 429 problem+json before it reaches an
 * instance, while other addresses are served. Clients come from distinct loopback addresses, as
 * distinct machines would.
 */
class EdgeRateLimitIT {

    @Test
    void aFloodFromOneAddressIsDroppedAtTheEdgeAndOtherAddressesAreServed() {
        String path = "/api/v1/products/SKU-000001";
        FromAddress flooder = new FromAddress("127.0.0.2", Stack.get().baseUrl());
        FromAddress neighbour = new FromAddress("127.0.0.3", Stack.get().baseUrl());
        Stack.get().script("edge-limit", "30");
        try {
            int admitted = 0;
            for (int i = 0; i < 100; i++) {
                FromAddress.Answer answer = flooder.get(path);
                if (answer.status() == 200) {
                    admitted++;
                    continue;
                }
                assertThat(answer.status()).isEqualTo(429);
                assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(Api.json(answer.body()).getString("type")).isEqualTo("https://scaleshop.dev/problems/rate-limited");
                assertThat(answer.header("Retry-After")).isEqualTo("10");
                assertThat(answer.header("RateLimit-Policy")).isEqualTo("\"edge\";q=30;w=10");
                assertThat(answer.header("RateLimit")).isEqualTo("\"edge\";r=0;t=10");
                assertThat(answer.header("X-Request-Id")).isNotBlank();
                assertThat(answer.header("X-Served-By")).as("answered by HAProxy, no instance involved").isNull();
            }
            assertThat(admitted).as("requests of the flooding address that reached the application").isBetween(30, 32);

            for (int i = 0; i < 20; i++) {
                assertThat(neighbour.get(path).status()).as("another address during the flood").isEqualTo(200);
            }
            // a third address, not 127.0.0.1: the test classes before this one may have sent more than the
            // lowered ceiling from there within the last 10 s
            assertThat(new FromAddress("127.0.0.4", Stack.get().baseUrl()).get(path).status()).isEqualTo(200);
        } finally {
            Stack.get().script("limits", "raised"); // back to the suite's lifted ceiling
        }
        assertThat(flooder.get(path).status()).as("the lifted ceiling is far above 100 in 10 s").isEqualTo(200);
    }
}
