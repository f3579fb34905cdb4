package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The documented behaviour when the grid cannot answer: instance i2 is frozen (SIGSTOP — a hung JVM,
 * the hard case: its grid partitions neither answer nor fail until the member is declared dead), and
 * instance i1 keeps limiting on its own with half of each policy, counted in
 * {@code scaleshop_ratelimit_degraded_total}. After i2 resumes, both instances share one bucket again.
 */
class RateLimitGridFailureIT {

    private final Random random = new Random();

    @Test
    void whileTheGridHangsAnInstanceLimitsAloneWithItsShareThenTheClusterSharesAgain() {
        Api i1 = Api.asLoadBalancer(Stack.get().instanceUrl("i1"));
        long i2 = Stack.get().instancePid("i2");
        double before = degraded(i1);
        signal("STOP", i2);
        try {
            // a fresh key's first answer tells who decided: the grid's bucket holds 60 (59 left), i1's own half 30
            // (no /metrics while frozen: Payara's config lookups behind it wait on the grid too)
            Await.until("i1 finds the grid unresponsive", 30, () -> remaining(login(i1, freshClient())) == 29);
            String client = freshClient();
            int admitted = 0;
            for (int i = 0; i < 60; i++) { // within the 5 s the grid rests: every decision is i1's own
                HttpResponse<String> response = login(i1, client);
                assertThat(response.statusCode()).as(response.body()).isIn(400, 429);
                assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"login\";q=60;w=60");
                admitted += response.statusCode() == 400 ? 1 : 0;
            }
            assertThat(admitted).as("i1 alone admits its half of the login policy (60 per minute)").isBetween(30, 33);
        } finally {
            signal("CONT", i2);
        }
        Stack.get().awaitAllInRotation();
        assertThat(degraded(i1)).as("decisions i1 took alone, counted").isGreaterThan(before);
        Await.sleep(6000); // the grid rests 5 s after its last failure

        List<Api> instances = List.of(i1, Api.asLoadBalancer(Stack.get().instanceUrl("i2")));
        String client = freshClient();
        assertThat(remaining(login(i1, client))).as("the grid decides again").isEqualTo(59);
        int admitted = 1;
        long started = System.nanoTime();
        for (int i = 1; i < 80; i++) {
            admitted += login(instances.get(i % 2), client).statusCode() == 400 ? 1 : 0;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
        assertThat(admitted).as("one bucket for both instances again").isBetween(60, 60 + (int) seconds);
    }

    private String freshClient() {
        return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(250));
    }

    private static long remaining(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("RateLimit").orElseThrow().replaceAll(".*;r=(\\d+);.*", "$1"));
    }

    /** An empty body: admitted attempts answer 400 at once, without hashing a password. */
    private static HttpResponse<String> login(Api instance, String client) {
        return instance.send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", client);
    }

    /** The instance's count of requests it decided without the grid (all policies). */
    private static double degraded(Api instance) {
        return instance.get("/metrics").body().lines()
                .filter(line -> line.startsWith("scaleshop_ratelimit_degraded_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", signal, pid).isTrue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
