package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.scaleshop.jobs.control.JobQueues;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Backpressure on job submissions: the echo workers are held back (the broker pauses delivery from their
 * queue), so accepted jobs pile up; once the queue holds more than its high-water mark (set to 3 for the
 * test) a submission is refused with 503, Retry-After and a problem document, and nothing of it is stored.
 * When delivery resumes and the queue drains, submissions are accepted again and every accepted job is done.
 */
class BackpressureIT {

    private static final String QUEUE = "queue." + JobQueues.ECHO;

    private final Api api = Api.throughHaproxy();

    @Test
    void aboveTheHighWaterMarkSubmissionsAreRefusedWith503AndBelowItAcceptedAgain() throws Exception {
        Stack.get().script("config", "scaleshop.jobs.echo.high-water", "3");
        List<String> accepted = new ArrayList<>();
        try {
            Stack.get().brokerOperation(QUEUE, "pause");
            AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
            AtomicReference<String> refusedRequestId = new AtomicReference<>();
            try {
                Await.until("a submission is refused above the high-water mark", 60, () -> {
                    String requestId = "backpressure-" + System.nanoTime();
                    HttpResponse<String> answer = api.send("POST", "/api/v1/jobs/echo", "{\"message\":\"pile up\"}",
                            "X-Request-Id", requestId);
                    if (answer.statusCode() == 202) {
                        accepted.add(jobPath(answer));
                        Await.sleep(200);
                        return false;
                    }
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                    refused.set(answer);
                    refusedRequestId.set(requestId);
                    return true;
                });
                HttpResponse<String> answer = refused.get();
                assertThat(accepted.size()).as("accepted before the queue went above 3").isGreaterThan(3);
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonObject problem = Api.json(answer);
                assertThat(problem.getString("type")).endsWith("/queue-full");
                assertThat(problem.getString("detail")).contains("limit 3");
                assertThat(jobsOfRequest(refusedRequestId.get())).as("nothing stored for a refused submission").isZero();

                // each instance reads the depth every second: the one answering may still hold the reading before
                Await.until("the admin view shows the echo queue above its mark", 10, () -> {
                    JsonObject queues = Api.json(api.get("/api/v1/admin/jobs/queues", "Authorization", Stack.get().catalogAdmin()));
                    JsonObject echo = queues.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                            .filter(q -> q.getString("queue").equals(JobQueues.ECHO)).findFirst().orElseThrow();
                    return echo.getInt("highWater") == 3 && echo.getInt("depth") > 3 && !echo.getBoolean("accepting");
                });
            } finally {
                Stack.get().brokerOperation(QUEUE, "resume");
            }

            Await.until("submissions accepted again once the queue drained", 60, () -> {
                HttpResponse<String> answer = api.postJson("/api/v1/jobs/echo", "{\"message\":\"drained\"}");
                if (answer.statusCode() == 202) {
                    accepted.add(jobPath(answer));
                    return true;
                }
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                Await.sleep(500);
                return false;
            });
            for (String job : accepted) {
                Await.until(job + " succeeded", 60, () -> "succeeded".equals(Api.json(api.get(job)).getString("status")));
            }
        } finally {
            Stack.get().script("config", "scaleshop.jobs.echo.high-water", "10000");
        }
    }

    private static String jobPath(HttpResponse<String> accepted) {
        String location = accepted.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("/api/v1/"));
    }

    private static long jobsOfRequest(String requestId) throws Exception {
        try (Connection db = Stack.get().primary();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM job WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
