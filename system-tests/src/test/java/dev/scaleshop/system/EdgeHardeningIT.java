package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What HAProxy guarantees every client: errors — its own and the servlet container's — are problem+json, not
 * empty bodies or HTML pages; metrics and health details only for operators' addresses; absolute URLs from
 * configuration, whatever Host a client sends.
 */
class EdgeHardeningIT {

    private static final String HOST = URI.create(Stack.get().baseUrl()).getAuthority();

    /**
     * Requests HAProxy passes on but the servlet container refuses. (A request HAProxy itself cannot parse —
     * no valid request line, a header without ':' — still gets HAProxy 2.6's built-in HTML 400: haproxy#3032.)
     */
    @Test
    void malformedRequestsTheContainerRefusesGetProblemJson() {
        FromAddress client = new FromAddress("127.0.0.1", Stack.get().baseUrl());
        List<String> requests = List.of(
                "GET /api/v1/products/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",         // container: invalid URI
                "GET /api/v1/products HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}",                          // container: two Content-Types
                "GET /api/v1/products/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");  // a GET with a body
        for (String request : requests) {
            FromAddress.Answer answer = client.send(request);
            String what = request.lines().findFirst().orElseThrow();
            assertThat(answer.status()).as(what).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(what).isEqualTo("application/problem+json");
            assertThat(Api.json(unchunked(answer)).getInt("status")).as(what).isEqualTo(answer.status());
            assertThat(answer.header("Server")).as(what).isNull();
        }
    }

    /** The application's 429 keeps its standard reason phrase through HAProxy (Grizzly writes "CUSTOM"). */
    @Test
    void aRateLimitRefusalFromAnInstanceReadsTooManyRequests() {
        FromAddress client = new FromAddress("127.0.0.6", Stack.get().baseUrl());
        FromAddress.Answer answer = null;
        for (int i = 0; i < 80 && (answer == null || answer.status() != 429); i++) { // the login policy: 60 a minute
            answer = client.send("POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        }
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.reason()).isEqualTo("Too Many Requests");
        assertThat(answer.header("X-Served-By")).as("refused by an instance, not the edge").isNotNull();
    }

    @Test
    void noInstanceInRotationIsA503ProblemFromTheProxy() {
        List<String> instances = List.copyOf(Stack.get().instances().keySet());
        try {
            instances.forEach(instance -> Stack.get().script("drain", instance));
            HttpResponse<String> answer = Api.throughHaproxy().getFromOrigin("/api/v1/products/SKU-000002");
            CatalogIT.assertProblem(answer, 503, "service-unavailable");
        } finally {
            instances.forEach(instance -> Stack.get().script("ready", instance));
        }
        Stack.get().awaitAllInRotation();
    }

    @Test
    void metricsAndHealthAreServedToOperatorAddressesOnly() {
        FromAddress operator = new FromAddress("127.0.0.1", Stack.get().baseUrl());
        FromAddress stranger = new FromAddress("127.0.0.5", Stack.get().baseUrl());
        assertThat(operator.get("/metrics").status()).isEqualTo(200);
        assertThat(operator.get("/health/ready").status()).isEqualTo(200);
        for (String path : List.of("/metrics", "/health/ready", "/health", "//metrics", "/%6detrics", "/api/../health/ready",
                "/./metrics", "/METRICS")) {
            FromAddress.Answer answer = stranger.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Content-Type")).as(path).isEqualTo("application/problem+json");
        }
        assertThat(stranger.get("/api/v1/products/SKU-000001").status()).as("the API itself").isEqualTo(200);
    }

    @Test
    void absoluteUrlsComeFromConfigurationNotFromTheHostHeader() {
        FromAddress client = new FromAddress("127.0.0.1", Stack.get().baseUrl());
        FromAddress.Answer wsdl = client.send("GET /soap/partner/v1?wsdl HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("http://" + HOST + "/soap/partner/v1").doesNotContain("evil.example");

        String sku = "HOST-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String draft = """
                {"sku":"%s","name":"Host check","description":"system test","price":{"amount":1.00,"currency":"EUR"},
                 "stock":1,"category":"toys-premium"}""".formatted(sku);
        FromAddress.Answer created = client.send("POST /api/v1/products HTTP/1.1\r\nHost: evil.example\r\nAuthorization: "
                + Stack.get().catalogAdmin() + "\r\nContent-Type: application/json\r\nContent-Length: " + draft.length()
                + "\r\nConnection: close\r\n\r\n" + draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("http://" + HOST + "/api/v1/products/" + sku);
    }

    /** A chunked body as one string (the answers here are small: one chunk). */
    private static String unchunked(FromAddress.Answer answer) {
        if (!"chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))) {
            return answer.body();
        }
        String body = answer.body();
        int start = body.indexOf("\r\n") + 2;
        return body.substring(start, body.indexOf("\r\n", start));
    }
}
