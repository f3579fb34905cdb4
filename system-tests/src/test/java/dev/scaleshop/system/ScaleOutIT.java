package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Scale out and in by one command each (issue 15): `stack scale-out` adds an app host with its node and
 * instance, which HAProxy routes to once it is ready; `stack scale-in` drains it, waits for its requests and
 * removes it. Under catalog reads and checkouts through HAProxy the whole way from two instances to three and
 * back: no request fails and every accepted checkout is stored exactly once.
 */
class ScaleOutIT {

    @Test
    void twoToThreeInstancesAndBackUnderLoadFailsNoRequestAndLosesNoCheckout() throws Exception {
        Stack stack = Stack.get();
        assertThat(stack.instances()).as("the default topology's instances").hasSize(2);
        try (java.sql.Connection main = stack.primary()) { // an operator restocks what the load buys: no sell-out refusals
            main.createStatement().executeUpdate(
                    "UPDATE product SET stock = 100000 WHERE sku BETWEEN 'SKU-011000' AND 'SKU-011999'");
        }
        List<Checkouts> checkouts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            checkouts.add(new Checkouts(IdentityIT.Customer.register(Api.throughHaproxy(), "scale" + i), i));
        }
        try (ReadLoad reads = ReadLoad.start(2)) {
            checkouts.forEach(Checkouts::start);
            Await.sleep(2000);
            long command = System.nanoTime();
            stack.script("scale-out");
            assertThat(stack.haproxyState("i3")).isEqualTo("UP");
            Await.until("a read served by i3 through HAProxy", 30, () -> reads.firstServedAt("i3").isPresent());
            System.out.printf("scale-out: %d ms from the command to the first read i3 served through HAProxy%n",
                    (reads.firstServedAt("i3").get() - command) / 1_000_000);
            Await.sleep(5000);
            long inAt = System.nanoTime();
            stack.script("scale-in", "i3");
            System.out.printf("scale-in: %d ms (drain, stop, remove)%n", (System.nanoTime() - inAt) / 1_000_000);
            assertThat(stack.haproxyState("i3")).as("no longer a backend server").isEqualTo("?");
            Await.sleep(2000);
            reads.close();
            for (Checkouts c : checkouts) {
                c.close();
            }
            System.out.println("reads served: " + reads.servedBy() + "; checkouts accepted: "
                    + checkouts.stream().mapToInt(c -> c.accepted.size()).sum());
            assertThat(reads.failures()).as("failed reads").isEmpty();
            assertThat(reads.servedBy()).containsKeys("i1", "i2", "i3");
        } finally {
            checkouts.forEach(Checkouts::stop);
        }
        for (Checkouts c : checkouts) {
            assertThat(c.failures).as("failed checkouts").isEmpty();
            assertThat(c.accepted).as("checkouts accepted").isNotEmpty();
            assertThat(c.stored()).as("the customer's stored orders: each accepted checkout, once")
                    .containsExactlyInAnyOrderElementsOf(c.accepted);
        }
    }

    /** One customer placing one-line orders through HAProxy, one after the other, until stopped. */
    private static final class Checkouts implements AutoCloseable {

        /** A customer's pace (a steady load that leaves the 2-core box room to start an instance). */
        private static final long PAUSE_MILLIS = 50;

        private final IdentityIT.Customer customer;
        private final Random random;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        Checkouts(IdentityIT.Customer customer, int seed) {
            this.customer = customer;
            this.random = new Random(seed);
            this.thread = new Thread(this::run, "checkouts-" + seed);
        }

        void start() {
            thread.start();
        }

        private void run() {
            Api api = Api.throughHaproxy();
            while (running.get()) {
                String sku = "SKU-%06d".formatted(11_000 + random.nextInt(1_000)); // products no other test buys
                try {
                    HttpResponse<String> placed = api.send("POST", "/api/v1/orders",
                            "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}",
                            "Authorization", customer.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
                    if (placed.statusCode() == 201) {
                        accepted.add(Api.json(placed).getString("id"));
                    } else {
                        failures.add(sku + " " + placed.statusCode() + " " + placed.body());
                    }
                } catch (RuntimeException e) {
                    failures.add(sku + " " + e);
                }
                Await.sleep(PAUSE_MILLIS);
            }
        }

        List<String> stored() {
            Api api = Api.throughHaproxy();
            List<String> ids = new ArrayList<>();
            for (int offset = 0; ; offset += 100) {
                List<JsonValue> page = Api.json(api.get("/api/v1/orders?limit=100&offset=" + offset,
                        "Authorization", customer.bearer())).getJsonArray("items");
                page.forEach(order -> ids.add(order.asJsonObject().getString("id")));
                if (page.size() < 100) {
                    return ids;
                }
            }
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            thread.join(120_000);
        }
    }
}
