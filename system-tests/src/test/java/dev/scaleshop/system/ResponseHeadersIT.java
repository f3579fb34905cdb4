package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * No answer names the server software or its version — neither through HAProxy (the application's answers,
 * edge-cache hits, HAProxy's own refusals) nor straight from an instance — and answers through HAProxy forbid
 * MIME sniffing ({@code X-Content-Type-Options: nosniff}).
 */
class ResponseHeadersIT {

    @Test
    void noAnswerNamesTheServerSoftware() {
        Api edge = Api.throughHaproxy();
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(edge.get("/api/v1/products/SKU-000001"));                  // application
        answers.add(edge.get("/api/v1/products/SKU-000001"));                  // likely an edge-cache hit
        answers.add(edge.get("/api/v1/products/no-such-sku"));                 // application's 404 problem
        answers.add(edge.get("/no/such/path"));                                // the container's 404
        for (String instance : Stack.get().instances().keySet()) {
            Api direct = new Api(Stack.get().instanceUrl(instance));
            answers.add(direct.get("/api/v1/products/SKU-000001"));
            answers.add(direct.get("/no/such/path"));
        }
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().firstValue("Server")).as("Server on %s", answer.uri()).isEmpty();
            assertThat(answer.headers().firstValue("X-Powered-By")).as("X-Powered-By on %s", answer.uri()).isEmpty();
        }
    }

    @Test
    void answersThroughHaproxyForbidMimeSniffing() {
        Api edge = Api.throughHaproxy();
        for (String path : List.of("/api/v1/products/SKU-000001", "/api/v1/products/no-such-sku", "/no/such/path")) {
            assertThat(edge.get(path).headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    /** The session cookie (an anonymous cart starts one) is out of scripts' reach and not sent on cross-site posts. */
    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        HttpResponse<String> cart = Api.throughHaproxy().postJson("/api/v1/cart/items", "{\"sku\":\"SKU-000003\",\"quantity\":1}");
        assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
        List<String> session = cart.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(session).as("the session cookie").hasSize(1);
        assertThat(session.get(0)).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
    }
}
