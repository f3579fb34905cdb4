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
}
