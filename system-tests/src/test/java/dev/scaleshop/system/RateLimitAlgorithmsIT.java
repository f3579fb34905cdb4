package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The two algorithms under a real overload through HAProxy and both instances: a token bucket admits
 * its configured rate (plus the burst) and no more, a leaky bucket lets requests through at a constant
 * rate without a burst; partners get their own tier keyed by partner.
 */
class RateLimitAlgorithmsIT {

    private final Api api = Api.throughHaproxy();

    /** 10x the limit from 8 connections for 30 s: admitted = burst + rate x time, within 5 %. */
    @Test
    void aClientSendingTenTimesItsLimitIsAdmittedAtTheConfiguredRate() throws Exception {
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "ada");
        String admin = Stack.get().catalogAdmin();
        change("free", 20, 1, admin);
        try {
            RateLimitIT.awaitPolicy(instances(), "GET", "/api/v1/customers/me", null, "\"free\";q=20;w=1",
                    "Authorization", customer.bearer());
            Await.sleep(1500); // the bucket full again after those probes
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            long started = System.nanoTime();
            long end = started + TimeUnit.SECONDS.toNanos(30);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    long next = System.nanoTime();
                    while (next < end) { // 25 requests per second per connection: 200/s, 10x the rate
                        HttpResponse<String> response = api.get("/api/v1/customers/me", "Authorization", customer.bearer());
                        if (response.statusCode() == 429) {
                            refused.incrementAndGet();
                        } else if (response.statusCode() == 200) {
                            admitted.incrementAndGet();
                            servedBy.computeIfAbsent(Api.servedBy(response), k -> new AtomicInteger()).incrementAndGet();
                        } else {
                            unexpected.add(response.statusCode() + " " + response.body());
                        }
                        next += TimeUnit.MILLISECONDS.toNanos(40);
                        Await.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
                    }
                    return null;
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(unexpected).isEmpty();
            double expected = 20 + 20 * seconds;
            System.out.printf("token bucket accuracy: admitted %d, expected %.0f (%.2f %%), refused %d, %.1f s, by instance %s%n",
                    admitted.get(), expected, 100.0 * (admitted.get() - expected) / expected, refused.get(), seconds, servedBy);
            assertThat(refused.get()).as("the client did send far more than its limit").isGreaterThan(3 * admitted.get());
            assertThat((double) admitted.get()).as("admitted in %.1f s at 20/s with a burst of 20 (%d refused)", seconds, refused.get())
                    .isBetween(expected * 0.95, expected * 1.05);
            assertThat(servedBy.keySet()).as("admitted by both instances, from one bucket").hasSize(2);
        } finally {
            Stack.get().restoreLimit("free");
        }
    }

    /** 20x the rate for 6 s: about rate admissions in every second, none bunched at the start. */
    @Test
    void aLeakyBucketLetsRequestsThroughAtAConstantRate() throws Exception {
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "lea");
        String admin = Stack.get().catalogAdmin();
        change("jobs", 10, 1, admin);
        try { // an empty body: admitted submissions answer 400 at once, no job is created
            RateLimitIT.awaitPolicy(instances(), "POST", "/api/v1/jobs/echo", "{}", "\"jobs\";q=10;w=1");
            ConcurrentLinkedQueue<Long> admittedAtMillis = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            long started = System.nanoTime();
            long end = started + TimeUnit.SECONDS.toNanos(6);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<String> response = api.send("POST", "/api/v1/jobs/echo", "{}", "Authorization", customer.bearer());
                        if (response.statusCode() == 400) {
                            admittedAtMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                        } else if (response.statusCode() != 429) {
                            unexpected.add(response.statusCode() + " " + response.body());
                        }
                        Await.sleep(20);
                    }
                    return null;
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(unexpected).isEmpty();
            int[] perSecond = new int[6];
            admittedAtMillis.forEach(at -> perSecond[(int) Math.min(5, at / 1000)]++);
            System.out.println("leaky bucket admissions per second: " + java.util.Arrays.toString(perSecond));
            List<Integer> seconds = List.of(perSecond[0], perSecond[1], perSecond[2], perSecond[3], perSecond[4], perSecond[5]);
            for (int second = 0; second < 6; second++) {
                // the limiter's promise: no burst — never more than the rate in any second, the first included
                assertThat(perSecond[second]).as("admitted in second %d of %s (10 per second, no burst)", second, seconds)
                        .isLessThanOrEqualTo(12);
            }
            // and the rate itself over the 6 s; a single second may fall short when the clients stall (CI runs
            // saw a half-second pause of the busy box), which is the clients' doing, not the bucket's
            assertThat(java.util.Arrays.stream(perSecond).sum()).as("admitted in 6 s at 10 per second: %s", seconds)
                    .isBetween(45, 66);
        } finally {
            Stack.get().restoreLimit("jobs");
        }
    }

    /** A partner account's token draws from the partner tier, keyed by the partner, not by its address. */
    @Test
    void partnersHaveTheirOwnTierKeyedByPartner() {
        String admin = Stack.get().catalogAdmin();
        String acme = partner(admin);
        String globex = partner(admin);
        HttpResponse<String> product = api.get("/api/v1/products/SKU-000001", "Authorization", acme);
        assertThat(product.statusCode()).isEqualTo(200);
        assertThat(product.headers().firstValue("RateLimit-Policy")).hasValue("\"partner\";q=6000;w=60");

        change("partner", 3, 3600, admin);
        try {
            RateLimitIT.awaitPolicy(instances(), "GET", "/api/v1/products/SKU-000001", null, "\"partner\";q=3;w=3600",
                    "Authorization", globex);
            List<Integer> acmeStatuses = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acmeStatuses.add(api.get("/api/v1/products/SKU-000001", "Authorization", acme).statusCode());
            }
            // the bucket keeps its share of tokens across the change (2 or 3 of 3, depending on the refill)
            assertThat(acmeStatuses).as("the partner's own bucket, shrunk to 3").startsWith(200, 200).endsWith(429, 429)
                    .containsOnly(200, 429);
            assertThat(api.get("/api/v1/products/SKU-000001", "Authorization", globex).statusCode())
                    .as("another partner from the same address").isEqualTo(200);
        } finally {
            Stack.get().restoreLimit("partner");
        }
    }

    /** "Bearer …" of a new partner account an administrator created. */
    private String partner(String admin) {
        String email = "partner-" + Long.toString(System.nanoTime(), 36) + "@example.test";
        HttpResponse<String> created = api.send("POST", "/api/v1/accounts",
                "{\"email\":\"" + email + "\",\"password\":\"" + IdentityIT.Customer.PASSWORD + "\",\"roles\":[\"partner\"]}",
                "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return "Bearer " + Api.login(api, email, IdentityIT.Customer.PASSWORD).getString("access_token");
    }

    private void change(String policy, int quota, int windowSeconds, String admin) {
        HttpResponse<String> changed = api.send("PUT", "/api/v1/admin/rate-limits/" + policy,
                "{\"quota\":" + quota + ",\"windowSeconds\":" + windowSeconds + "}", "Authorization", admin);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    private static List<Api> instances() {
        return Stack.get().instances().keySet().stream().map(i -> new Api(Stack.get().instanceUrl(i))).toList();
    }
}
