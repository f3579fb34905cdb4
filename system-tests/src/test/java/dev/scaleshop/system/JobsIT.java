package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Asynchronous work: 202 + job resource, an MDB on Artemis completes it, the request id follows. */
class JobsIT {

    private final Api api = Api.throughHaproxy();

    @Test
    void acceptsAnEchoJobAndAWorkerCompletesIt() {
        String requestId = "jobs-it-" + System.nanoTime();
        HttpResponse<String> accepted = api.postJson("/api/v1/jobs/echo", "{\"message\":\"hello cluster\"}", requestId);

        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/api/v1/jobs/[0-9a-f-]{36}");
        assertThat(Api.json(accepted).getString("status")).isIn("queued", "running", "succeeded");

        String jobPath = location.substring(location.indexOf("/api/v1/"));
        Await.until("job succeeded", 60, () -> "succeeded".equals(Api.json(api.get(jobPath)).getString("status")));
        JsonObject job = Api.json(api.get(jobPath));
        assertThat(job.getString("result")).isEqualTo("hello cluster");
        assertThat(job.getString("requestId")).isEqualTo(requestId);
        assertThat(job.getInt("attempts")).isEqualTo(1);

        String jobId = job.getString("id");
        Await.until("worker log line with the request id", 30, () -> workerLogged(jobId, requestId));
    }

    @Test
    void unknownJobsAreProblemJson404() {
        CatalogIT.assertProblem(api.get("/api/v1/jobs/01890000-0000-7000-8000-000000000000"), 404, "not-found");
        CatalogIT.assertProblem(api.get("/api/v1/jobs/not-a-uuid"), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{}", "{\"message\":42}", "{\"message\":\"\"}"})
    void rejectsMalformedSubmissionsWithoutCreatingAJob(String body) {
        HttpResponse<String> response = api.postJson("/api/v1/jobs/echo", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void rejectsTheWrongMediaTypeWith415() {
        HttpResponse<String> response = api.putText("/api/v1/jobs/echo", "hello");

        assertThat(response.statusCode()).isIn(405, 415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static boolean workerLogged(String jobId, String requestId) {
        return Stack.get().anyInstanceLogged("SCALESHOP-JOB-004 job " + jobId + " type=echo succeeded: ", "requestId=" + requestId);
    }
}
