package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Split brain (issue 15): app host 1 cut off from the other data-grid members (the DAS and app host 2) for 30 s,
 * under catalog reads through HAProxy, then healed. Each side becomes a grid of its own; the side without a
 * majority of the grid's members (i1 alone: 1 of 3) limits with its local share. The times and counts measured
 * are printed.
 */
class SplitBrainIT {

    private static final int SPLIT_SECONDS = 30;
    private static final int LOGIN_QUOTA = 60;
    private static final int MEASURED_SECONDS = 10;

    private final HttpClient metricsClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void everyInstanceBackInRotation() {
        Stack.get().awaitAllInRotation();
    }

    @Test
    void anAppHostCutOffFromTheGridKeepsServingAdmitsOnlyItsShareAndMergesBackWithItsCarts() throws Exception {
        Stack stack = Stack.get();
        String i1 = stack.instanceUrl("i1");
        String i2 = stack.instanceUrl("i2");
        Await.until("both instances see the whole grid", 60, () -> gridMembers(i1) == 3 && gridMembers(i2) == 3);
        String address = stack.property("scaleshop.instance.i1.address");
        try (ReadLoad load = ReadLoad.start(2)) {
            Await.sleep(2000);
            String cartOnI1;
            String cartOnI2;
            int[] admitted;
            long detected;
            long healedAt;
            try (Partition fromDas = Partition.between(address, stack.property("scaleshop.admin.host"));
                 Partition fromI2 = Partition.between(address, stack.property("scaleshop.instance.i2.address"))) {
                long cutAt = System.nanoTime();
                Await.until("each side sees a grid of its own", 60, () -> gridMembers(i1) == 1 && gridMembers(i2) == 2);
                detected = millisSince(cutAt);

                // a cart written on each side while they cannot see each other
                cartOnI1 = addToNewCart(i1, "SKU-000011");
                cartOnI2 = addToNewCart(i2, "SKU-000012");

                // one client, its login attempts alternating between the sides: i2's side is the majority (it keeps
                // the cluster-wide bucket, 60 a minute), i1 alone decides with its local half (30)
                Await.sleep(6000); // past the grid's rest after the timeouts of the split's first seconds
                admitted = loginsDuring(MEASURED_SECONDS, List.of(Api.asLoadBalancer(i1), Api.asLoadBalancer(i2)));

                long left = TimeUnit.SECONDS.toMillis(SPLIT_SECONDS) - millisSince(cutAt);
                Await.sleep(Math.max(0, left));
                healedAt = System.nanoTime();
            }
            Await.until("one grid again after the heal", 120, () -> gridMembers(i1) == 3 && gridMembers(i2) == 3);
            long merged = millisSince(healedAt);
            // and both limit with the cluster-wide buckets again (the next tests count on one bucket per client)
            Await.until("both instances decide with the grid again", 30,
                    () -> gauge(i1, "scaleshop_ratelimit_grid_in_use") == 1 && gauge(i2, "scaleshop_ratelimit_grid_in_use") == 1);
            // the gauge says the next request will ask the grid; right after a merge that first call can still fail and
            // rest the grid for a few seconds (decided alone meanwhile, as designed): seen in CI as the next test's
            // client drawing from two buckets. Done when fresh clients' requests on both instances are decided with the
            // grid with no degraded decision in between.
            Await.until("both instances decide fresh clients' requests with the grid, none degraded", 60,
                    () -> decidedWithTheGridOnly(List.of(i1, i2)));
            int exact = LOGIN_QUOTA + MEASURED_SECONDS; // a full bucket, refilled at one a second
            System.out.printf("[split-brain] i1 cut off from the grid for %d s: sides seen after %d ms; one client's logins "
                            + "in %d s: %d admitted by i1 (alone), %d by i2 (majority) — %d in all, the policy alone %d "
                            + "(%.2fx); one grid again %d ms after the heal%n", SPLIT_SECONDS, detected, MEASURED_SECONDS,
                    admitted[0], admitted[1], admitted[0] + admitted[1], exact, (admitted[0] + admitted[1]) / (double) exact,
                    merged);

            assertThat(admitted[1]).as("the majority side admits at most the policy").isLessThanOrEqualTo(exact + 1);
            assertThat(admitted[0]).as("i1, alone, admits at most its local half of the policy")
                    .isLessThanOrEqualTo(LOGIN_QUOTA / 2 + MEASURED_SECONDS / 2 + 1);
            assertThat(admitted[0]).as("i1 still admits (no outage on the minority side)").isGreaterThan(0);

            for (String instance : List.of(i1, i2)) {
                assertThat(cartSkus(instance, cartOnI1)).as("the cart written on i1's side, read on " + instance)
                        .containsExactly("SKU-000011");
                assertThat(cartSkus(instance, cartOnI2)).as("the cart written on i2's side, read on " + instance)
                        .containsExactly("SKU-000012");
            }
            load.close();
            assertThat(load.failures()).as("failed reads through HAProxy").isEmpty();
            assertThat(load.answered()).isGreaterThan(100);
        }
    }

    /** Login attempts of one fresh client for the given seconds, alternating between the instances: admitted per instance. */
    private static int[] loginsDuring(int seconds, List<Api> instances) {
        String client = "198.18." + new Random().nextInt(256) + "." + (1 + new Random().nextInt(250));
        int[] admitted = new int[instances.size()];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; System.nanoTime() < end; i++) {
            int side = i % instances.size();
            // an empty body: an admitted attempt answers 400 at once, without hashing a password
            HttpResponse<String> response = instances.get(side).send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", client);
            assertThat(response.statusCode()).as(response.body()).isIn(400, 429);
            admitted[side] += response.statusCode() == 400 ? 1 : 0;
            Await.sleep(20);
        }
        return admitted;
    }

    /** A new anonymous cart on this instance holding one item: its session cookies (JSESSIONID and JSESSIONIDVERSION). */
    private static String addToNewCart(String instanceUrl, String sku) {
        HttpResponse<String> added = new Api(instanceUrl).postJson("/api/v1/cart/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        List<String> cookies = added.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList();
        assertThat(cookies).as("session cookies").anyMatch(c -> c.startsWith("JSESSIONID="));
        return String.join("; ", cookies);
    }

    private static List<String> cartSkus(String instanceUrl, String cookies) {
        // from an address of its own: not the anonymous bucket the read load draws from (127.0.0.1)
        HttpResponse<String> cart = Api.from("127.0.0.9", instanceUrl).get("/api/v1/cart", "Cookie", cookies);
        assertThat(cart.statusCode()).as(instanceUrl + " " + cart.headers().map() + " " + cart.body()).isEqualTo(200);
        return Api.json(cart).getJsonArray("items").getValuesAs(JsonObject.class).stream().map(item -> item.getString("sku")).toList();
    }

    /**
     * Sends a login attempt of a fresh client to each instance (as the load balancer, naming the client); true when
     * neither instance counted a degraded (grid-less) decision meanwhile and both still decide with the grid.
     */
    private boolean decidedWithTheGridOnly(List<String> instances) {
        double before = 0;
        for (String instance : instances) {
            before += counterSum(instance, "scaleshop_ratelimit_degraded_total");
        }
        for (int round = 0; round < 3; round++) {
            for (String instance : instances) {
                Api.asLoadBalancer(instance).send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For",
                        "192.0.2." + (1 + new Random().nextInt(250)));
            }
        }
        double after = 0;
        for (String instance : instances) {
            after += counterSum(instance, "scaleshop_ratelimit_degraded_total");
        }
        return after == before && instances.stream().allMatch(i -> gauge(i, "scaleshop_ratelimit_grid_in_use") == 1);
    }

    /** The sum of a counter's series on an instance's /metrics (every policy's). */
    private double counterSum(String instanceUrl, String name) {
        try {
            HttpResponse<String> metrics = metricsClient.send(HttpRequest.newBuilder(URI.create(instanceUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The grid members an instance sees (its scaleshop_grid_members gauge); -1 when it does not answer within 3 s. */
    private int gridMembers(String instanceUrl) {
        return gauge(instanceUrl, "scaleshop_grid_members");
    }

    /** A gauge of the instance's /metrics as an integer; -1 when it does not answer within 3 s. */
    private int gauge(String instanceUrl, String name) {
        try {
            HttpResponse<String> metrics = metricsClient.send(HttpRequest.newBuilder(URI.create(instanceUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return metrics.body().lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
