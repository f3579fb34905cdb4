package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failure tests: real processes are killed with SIGKILL and the stack must absorb it. Each test
 * restarts what it killed with the operator script, so the stack is whole again afterwards.
 */
class FailoverIT {

    @BeforeAll
    static void diagnosticsOn() { // the replicated session is read through the cluster diagnostics
        Stack.get().diagnostics(true);
    }

    @AfterAll
    static void diagnosticsOff() {
        Stack.get().diagnostics(false);
    }

    @Test
    void killingAnInstanceLosesNeitherRequestsNorTheSessionNorTheCart() {
        Api browser = Api.throughHaproxy();
        String value = "survivor-" + System.nanoTime();
        String admin = Stack.get().catalogAdmin(); // the session is seen through the diagnostics, for administrators
        HttpResponse<String> write = browser.putText("/api/v1/cluster/session/failover", value, "Authorization", admin);
        assertThat(write.statusCode()).isEqualTo(204);
        browser.postJson("/api/v1/cart/items", "{\"sku\":\"SKU-000007\",\"quantity\":2}");
        HttpResponse<String> cartWrite = browser.postJson("/api/v1/cart/items", "{\"sku\":\"SKU-000008\",\"quantity\":3}");
        assertThat(cartWrite.statusCode()).as(cartWrite.body()).isEqualTo(200);
        String cartBefore = cartWrite.body();
        String victim = Api.servedBy(cartWrite); // the instance that last changed the session (no stickiness)

        Stack.kill9(Stack.get().instancePid(victim));
        try {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> product = browser.get("/api/v1/products/SKU-00010" + (i % 10));
                HttpResponse<String> session = browser.get("/api/v1/cluster/session/failover", "Authorization", admin);
                if (product.statusCode() != 200) {
                    failures.add("product " + product.statusCode() + " from " + Api.servedBy(product));
                }
                if (session.statusCode() != 200 || !value.equals(session.body())) {
                    failures.add("session " + session.statusCode() + " '" + session.body() + "' from " + Api.servedBy(session));
                }
                assertThat(Api.servedBy(product)).isNotEqualTo(victim);
                Await.sleep(100);
            }
            assertThat(failures).as("requests that failed after %s was killed", victim).isEmpty();
            HttpResponse<String> cartAfter = browser.get("/api/v1/cart");
            assertThat(Api.servedBy(cartAfter)).isNotEqualTo(victim);
            assertThat(cartAfter.body()).as("the cart after %s died", victim).isEqualTo(cartBefore);
            assertThat(Api.json(cartAfter).getInt("itemCount")).isEqualTo(5);
        } finally {
            Stack.get().script("start", victim);
        }
        Stack.get().awaitAllInRotation();
        // slowstart ramps a returning instance's weight up over 10 s: give it a little traffic first
        Await.until(victim + " serves again after its restart", 60, () -> servesFrom(browser, victim));
    }

    /**
     * A broker outage (both brokers of the live/backup pair gone, so nothing fails over) is a partial one: job submissions are refused at once (503 broker-unavailable with
     * Retry-After, not a connection timeout), everything else goes on — the instances stay in rotation,
     * catalog reads and checkouts work, a paid order's invoice request waits in the shard's outbox. After the
     * broker's restart jobs are accepted and done, and the waiting invoice is rendered.
     */
    @Test
    void brokerOutageRefusesJobSubmissionsAtOnceWhileCatalogAndCheckoutGoOn() throws Exception {
        Api client = Api.throughHaproxy();
        OrdersIT.setStock("SKU-000131", 1_000);
        IdentityIT.Customer olga = IdentityIT.Customer.register(client, "olga");
        String orderId;
        Stack.get().killEveryBroker();
        long killedAt = System.nanoTime();
        try {
            Await.until("job submissions are refused for the broker", 30, () -> {
                HttpResponse<String> refused = client.postJson("/api/v1/jobs/echo", "{\"message\":\"during the outage\"}");
                return refused.statusCode() == 503 && Api.json(refused).getString("type").endsWith("/broker-unavailable");
            });
            System.out.println("[FailoverIT] first broker-unavailable refusal " + (System.nanoTime() - killedAt) / 1_000_000
                    + " ms after the broker's kill");
            long started = System.nanoTime();
            HttpResponse<String> refused = client.postJson("/api/v1/jobs/echo", "{\"message\":\"during the outage\"}");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            System.out.println("[FailoverIT] job submission refused in " + millis + " ms during the broker outage");

            HttpResponse<String> product = client.getFromOrigin("/api/v1/products/SKU-000001");
            assertThat(product.statusCode()).as("instances stay in rotation").isEqualTo(200);
            HttpResponse<String> placed = client.send("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"SKU-000131\",\"quantity\":1}]}",
                    "Authorization", olga.bearer(), "Idempotency-Key", java.util.UUID.randomUUID().toString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            assertThat(Api.json(placed).getString("status")).isEqualTo("PAID");
            orderId = Api.json(placed).getString("id");
            HttpResponse<byte[]> invoice = client.getBytes("/api/v1/orders/" + orderId + "/invoice", "Authorization", olga.bearer());
            assertThat(invoice.statusCode()).as("the invoice request waits in the outbox").isEqualTo(202);
        } finally {
            Stack.get().script("start", "broker");
        }

        // each instance reconnects to the restarted broker on its own: both must accept
        JobsIT.awaitAcceptedByEveryInstance(client, 60);
        HttpResponse<String> accepted = client.postJson("/api/v1/jobs/echo", "{\"message\":\"after the outage\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        String jobPath = location.substring(location.indexOf("/api/v1/"));
        Await.until("job posted after the restart succeeded", 60,
                () -> "succeeded".equals(Api.json(client.get(jobPath)).getString("status")));
        String paidDuringOutage = orderId;
        Await.until("the invoice of the order paid during the outage is rendered", 60,
                () -> client.getBytes("/api/v1/orders/" + paidDuringOutage + "/invoice", "Authorization", olga.bearer())
                        .statusCode() == 200);
        Stack.get().awaitAllInRotation();
    }

    /**
     * Replicas killed one after the other during reads: the survivor takes all replica reads, then the
     * primary; no read fails, and restarted replicas come back into rotation on every instance.
     */
    @Test
    void killingReplicasFailsNoRead() {
        List<String> replicas = Stack.get().replicas();
        assertThat(replicas).as("the stack runs several replicas").hasSizeGreaterThan(1);
        Api client = Api.throughHaproxy();
        java.util.Random random = new java.util.Random(7);
        List<String> failures = new ArrayList<>();
        for (String instance : Stack.get().instances().keySet()) { // earlier tests restart instances and replicas
            Await.until(instance + " has every replica in rotation", 30, () -> !replicaRotation(instance).containsValue(false));
        }
        try {
            for (int dead = 1; dead <= replicas.size(); dead++) {
                Stack.get().crashPostgresServer(replicas.get(dead - 1));
                int reads = readFor(client, random, 5_000, failures);
                assertThat(reads).isGreaterThan(20);
                for (String instance : Stack.get().instances().keySet()) {
                    Map<String, Boolean> rotation = replicaRotation(instance);
                    for (int i = 0; i < replicas.size(); i++) {
                        assertThat(rotation.get(replicas.get(i))).as("%s has %s in rotation with %d replicas dead",
                                instance, replicas.get(i), dead).isEqualTo(i >= dead);
                    }
                }
            }
        } finally {
            replicas.forEach(replica -> Stack.get().script("start", replica));
        }
        assertThat(failures).as("reads that failed while replicas were dead").isEmpty();
        for (String instance : Stack.get().instances().keySet()) {
            Await.until(instance + " puts every replica back in rotation", 30,
                    () -> !replicaRotation(instance).containsValue(false));
        }
    }

    private static int readFor(Api client, java.util.Random random, long millis, List<String> failures) {
        long until = System.currentTimeMillis() + millis;
        int reads = 0;
        while (System.currentTimeMillis() < until) { // mostly cache misses: 12,000 SKUs
            String sku = "SKU-%06d".formatted(1 + random.nextInt(12_000));
            HttpResponse<String> response = client.getFromOrigin("/api/v1/products/" + sku);
            reads++;
            if (response.statusCode() != 200) {
                failures.add(sku + " → " + response.statusCode() + " from " + Api.servedBy(response));
            }
        }
        return reads;
    }

    /** Replay paused on one replica past the lag threshold (5 s): it alone leaves rotation, the other serves. */
    @Test
    void aLaggingReplicaLeavesReadRotationUntilItCatchesUp() throws Exception {
        List<String> replicas = Stack.get().replicas();
        String lagging = replicas.get(replicas.size() - 1);
        Api client = Api.throughHaproxy();
        String sku = "LAG-" + System.nanoTime() % 1_000_000;
        try (var primary = Stack.get().primary(); var insert = primary.createStatement()) {
            try (var paused = Stack.get().pauseReplay(lagging)) {
                insert.executeUpdate("INSERT INTO product (id, sku, name, description, price_amount, currency, stock, "
                        + "category_id) VALUES ((SELECT max(id) + 1 FROM product), '" + sku + "', 'Lag probe', '', 1, "
                        + "'EUR', 1, 101)");
                for (String instance : Stack.get().instances().keySet()) {
                    Await.until(instance + " takes the lagging " + lagging + " out of rotation", 30,
                            () -> Boolean.FALSE.equals(replicaRotation(instance).get(lagging)));
                    assertThat(replicaRotation(instance).get(replicas.get(0))).as("%s keeps %s", instance, replicas.get(0))
                            .isTrue();
                }
                for (int i = 0; i < 6; i++) {
                    assertThat(client.getFromOrigin("/api/v1/products/" + sku).statusCode())
                            .as("served by a replica that has the row, never by the lagging one").isEqualTo(200);
                }
            } finally {
                insert.executeUpdate("DELETE FROM product WHERE sku = '" + sku + "'");
            }
        }
        for (String instance : Stack.get().instances().keySet()) {
            Await.until(instance + " puts " + lagging + " back", 30,
                    () -> Boolean.TRUE.equals(replicaRotation(instance).get(lagging)));
        }
    }

    /** replica name → in read rotation, from an instance's /health/ready details. */
    private static Map<String, Boolean> replicaRotation(String instance) {
        var checks = Api.json(new Api(Stack.get().instanceUrl(instance)).get("/health/ready")).getJsonArray("checks");
        var data = checks.getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("database-replicas"))
                .findFirst().orElseThrow().getJsonObject("data");
        Map<String, Boolean> rotation = new java.util.TreeMap<>();
        data.forEach((key, value) -> {
            if (key.endsWith(".inReadRotation")) {
                rotation.put(key.substring(0, key.indexOf('.')), value == jakarta.json.JsonValue.TRUE
                        || (value instanceof jakarta.json.JsonString text && text.getString().equals("true")));
            }
        });
        return rotation;
    }

    private static boolean servesFrom(Api client, String instance) {
        for (int i = 0; i < 6; i++) {
            if (Api.servedBy(client.getFromOrigin("/api/v1/products/SKU-000001")).equals(instance)) {
                return true;
            }
        }
        return false;
    }
}
