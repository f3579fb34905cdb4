package dev.scaleshop.paymentprovider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in over real HTTP on an ephemeral port. */
class PaymentProviderTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new PaymentProvider().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anAuthorizationIsMadeOncePerIdempotencyKey() throws Exception {
        HttpResponse<String> first = authorize("k-1", "12.50", "order-1");
        HttpResponse<String> again = authorize("k-1", "12.50", "order-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"status\":\"AUTHORIZED\"").contains("\"reference\":\"order-1\"");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(send("GET", "/v1/authorizations?reference=order-1", null, null).body()).containsOnlyOnce("\"id\"");
    }

    @Test
    void largeAmountsAreDeclinedAndBadRequestsRefused() throws Exception {
        assertThat(authorize("k-2", "10000.01", "order-2").body()).contains("\"status\":\"DECLINED\"");
        assertThat(send("POST", "/v1/authorizations", "{\"amount\":\"1\"}", "k-3").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/authorizations", "not json", "k-4").statusCode()).isEqualTo(400);
    }

    @Test
    void anOutageIsSwitchedOnAndOffAtRunTime() throws Exception {
        assertThat(send("PUT", "/control", "{\"mode\":\"errors\"}", null).statusCode()).isEqualTo(200);
        assertThat(authorize("k-5", "1.00", "order-5").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/health", null, null).statusCode()).as("health is never affected").isEqualTo(200);

        send("PUT", "/control", "{\"mode\":\"up\",\"errorRate\":1.0}", null);
        assertThat(authorize("k-5", "1.00", "order-5").statusCode()).isEqualTo(500);

        send("PUT", "/control", "{\"mode\":\"up\"}", null);
        assertThat(authorize("k-5", "1.00", "order-5").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/control", "{\"mode\":\"sideways\"}", null).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> authorize(String key, String amount, String reference) throws Exception {
        return send("POST", "/v1/authorizations",
                "{\"amount\":\"" + amount + "\",\"currency\":\"EUR\",\"reference\":\"" + reference + "\"}", key);
    }

    private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
