package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * A submission still committing when its time is up — what a broker dying between prepare and commit
     * causes: the transaction manager retries the broker's commit a minute later — is answered 503
     * {@code submission-in-doubt} at once, and the job still completes. The timeout is set to 0 here so
     * that every submission outlasts it.
     */
    @Test
    void aSubmissionOutlastingItsTimeoutIsAnsweredInDoubtAndStillCompletes() {
        String run = "in-doubt-" + System.nanoTime();
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<HttpResponse<String>> inDoubt = new AtomicReference<>();
        AtomicReference<String> inDoubtRequestId = new AtomicReference<>();
        Stack.get().script("config", "scaleshop.jobs.submission-timeout-ms", "0");
        try {
            Await.until("a submission answered in doubt", 30, () -> { // each instance sees the change within 5 s
                String requestId = run + "-" + sent.incrementAndGet();
                HttpResponse<String> answer = api.postJson("/api/v1/jobs/echo", "{\"message\":\"in doubt\"}", requestId);
                if (answer.statusCode() == 202) {
                    Await.sleep(200);
                    return false;
                }
                inDoubt.set(answer);
                inDoubtRequestId.set(requestId);
                return true;
            });
        } finally {
            Stack.get().script("config", "scaleshop.jobs.submission-timeout-ms", "10000");
        }
        HttpResponse<String> answer = inDoubt.get();
        CatalogIT.assertProblem(answer, 503, "submission-in-doubt");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        Await.until("the job answered in doubt succeeded", 60, () -> JobDurabilityIT.grouped(
                "SELECT status, count(*) FROM job WHERE request_id = ? GROUP BY status", inDoubtRequestId.get())
                .equals(Map.of("SUCCEEDED", 1L)));

        awaitAcceptedByEveryInstance(api, 30); // both back at the configured timeout before the next test
    }

    /** Waits until four echo submissions in a row are accepted through HAProxy, which alternates the instances. */
    static void awaitAcceptedByEveryInstance(Api client, int timeoutSeconds) {
        Await.until("job submissions accepted by every instance", timeoutSeconds, () -> {
            for (int i = 0; i < 4; i++) {
                if (client.postJson("/api/v1/jobs/echo", "{\"message\":\"probe\"}").statusCode() != 202) {
                    return false;
                }
            }
            return true;
        });
    }

    private static boolean workerLogged(String jobId, String requestId) {
        return Stack.get().anyInstanceLogged("SCALESHOP-JOB-004 job " + jobId + " type=echo succeeded: ", "requestId=" + requestId);
    }
}
