package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Input made to hurt the parsers is the client's mistake: a clear 4xx problem, and nothing in the server's
 * log that an attacker could use to flood it.
 */
class HostileInputIT {

    /**
     * 1,200 levels: past the JSON parser's limit of 1,000 (before: 500 and a SEVERE stack trace per request). A
     * whole body that deep is malformed JSON; a field that deep is malformed too, or — where the binding skips a
     * field it does not know — the body lacks what the resource needs: 400 either way.
     */
    @Test
    void jsonNestedDeeperThanTheParserAllowsIsA400ProblemAndLogsNoFailure() {
        String deep = "[".repeat(1200) + "]".repeat(1200);
        Api api = Api.throughHaproxy();
        for (String path : List.of("/api/v1/jobs/echo", "/api/v1/customers", "/api/v1/auth/token")) {
            for (String body : List.of(deep, "{\"message\":" + deep + "}", "{\"email\":" + deep + "}")) {
                String requestId = UUID.randomUUID().toString();
                HttpResponse<String> response = api.postJson(path, body, requestId);
                assertThat(response.statusCode()).as(path + " " + body.substring(0, 12)).isEqualTo(400);
                assertThat(Api.json(response).getString("type")).as(path + " " + body.substring(0, 12))
                        .isIn("https://scaleshop.dev/problems/malformed-json", "https://scaleshop.dev/problems/validation-failed");
                if (body.startsWith("[")) {
                    CatalogIT.assertProblem(response, 400, "malformed-json");
                }
                assertThat(Stack.get().anyInstanceLogged("SCALESHOP-API-500", requestId)).as(path + " logged a failure").isFalse();
            }
        }
    }

    /** What the fuzzing tier (ApiFuzzIT) found, one request each, so a regression names itself. */
    @Test
    void whatTheFuzzerFoundIsAClearClientErrorNowAndHarmsNoOtherRequest() throws Exception {
        Api api = Api.throughHaproxy();
        String base = Stack.get().baseUrl();
        // a TRACE with a body was answered 405 by an instance, which left the body on the kept-alive connection:
        // the next request HAProxy sent on it, someone else's, came back 505 or 501
        CatalogIT.assertProblem(api.send("TRACE", "/api/v1/categories", "{\"a\":1}"), 405, "method-not-allowed");
        // a GET or DELETE with a body: the instance's own empty 400 raced HAProxy's body forwarding, and HAProxy
        // relayed it raw or closed without an answer
        for (String method : List.of("GET", "DELETE")) {
            RawHttp.Answer withBody = RawHttp.send(null, base, method, "/api/v1/cart", java.util.Map.of(), new byte[200_000]);
            assertThat(withBody.status()).as(method).isEqualTo(400);
            assertThat(withBody.contentType()).as(method).startsWith("application/problem+json");
            assertThat(Api.json(withBody.body()).getString("type")).isEqualTo("https://scaleshop.dev/problems/body-not-allowed");
        }
        // a charset the JVM does not know: the JSON reader failed with a 500
        RawHttp.Answer charset = RawHttp.send(null, base, "POST", "/api/v1/jobs/echo",
                java.util.Map.of("Content-Type", "application/json; charset=nope"), "{\"message\":\"x\"}".getBytes());
        assertThat(charset.status()).isEqualTo(415);
        assertThat(Api.json(charset.body()).getString("type")).isEqualTo("https://scaleshop.dev/problems/unsupported-charset");
        // an If-None-Match Jersey cannot parse: a 500
        CatalogIT.assertProblem(api.get("/api/v1/categories", "If-None-Match", "garbage"), 400, "malformed-header");
        // an X-Request-Id with a comma: HAProxy checked one part and echoed another, unchecked, into the problem
        HttpResponse<String> forged = api.get("/api/v1/products/SKU-%00", "X-Request-Id", "good-part,bad\\\"part");
        assertThat(forged.statusCode()).isEqualTo(400);
        String echoed = Api.json(forged).getString("requestId");
        assertThat(echoed).as("a fresh id, not a part of the header").matches("[0-9a-f-]{36}");
        // the partner service refuses a bearer token (or none) with a SOAP fault, not the REST API's problem
        HttpResponse<String> soap = api.postBytes("/soap/partner/v1", "<a/>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/xml; charset=utf-8", "Authorization", "Bearer x");
        assertThat(soap.statusCode()).isEqualTo(401);
        assertThat(soap.body()).contains("<faultcode>soap:Client</faultcode>").contains("<code>authentication-required</code>");
    }
}
