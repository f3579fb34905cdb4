package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.scaleshop.sharding.control.Buckets;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL high availability under load through HAProxy (issue 18): the server leading the main database, then
 * one shard's, lost with its host (Patroni and every PostgreSQL process killed with SIGKILL) while customers check
 * out, register and submit jobs. The synchronous standby takes over; writes resume without a redeploy; every write
 * the clients saw acknowledged is there, once; a checkout retried with its Idempotency-Key after the switch gets
 * its first answer. Then the lost server comes back as the standby, and a planned switchover (`stack failover`)
 * makes it the leader again, losing nothing either.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFailoverIT {

    private static final String SKU = "SKU-000171";
    private static final int STOCK = 100_000;
    private static final String ORDER = "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}";

    private final Api api = Api.throughHaproxy();

    @Test
    @Order(1)
    void theMainDatabaseLeaderLostUnderLoadFailsOverToItsStandbyLosingNoAcknowledgedWrite() throws Exception {
        Stack stack = Stack.get();
        String lost = stack.leaderCandidates("main").get(0);
        String standby = stack.leaderCandidates("main").get(1);
        assertThat(stack.leader("main")).as("the main database's leader before the test").hasValue(lost);
        assertThat(stack.patroniHealth(standby, "sync")).as("%s is the synchronous standby", standby).isEqualTo(200);
        OrdersIT.setStock(SKU, STOCK);
        List<IdentityIT.Customer> customers = customers(6, "mf", shard -> true);
        String run = "mainfail-" + Long.toString(System.nanoTime(), 36);

        Load load = new Load(api, customers, run, true);
        long crashedAt;
        try {
            Await.until("checkouts under way", 60, () -> load.succeeded("checkout") >= 30);
            crashedAt = System.nanoTime();
            stack.crashPostgresServer(lost);
            Await.until("checkouts, registrations and job submissions succeed again after the crash", 120,
                    () -> load.succeededAfter("checkout", crashedAt) >= 5 && load.succeededAfter("registration", crashedAt) >= 1
                            && load.succeededAfter("job", crashedAt) >= 1);
        } finally {
            load.close();
        }
        load.print("main leader " + lost + " lost", crashedAt);
        assertThat(stack.leader("main")).as("the standby leads now").hasValue(standby);
        assertThat(load.unexpected()).as("answers other than success, 503 (retry) or 429 (throttled)").isEmpty();

        verifyCheckouts(load, customers, STOCK);
        verifyJobs(load);
        for (Attempt registration : load.succeeded().stream().filter(a -> a.kind.equals("registration")).toList()) {
            assertThat(Api.login(api, registration.key.toLowerCase(), IdentityIT.Customer.PASSWORD).getString("access_token"))
                    .as("the account registered as %s signs in", registration.key).isNotBlank();
        }
        rejoinAndSwitchBack("main", lost, standby);
    }

    @Test
    @Order(2)
    void aShardLeaderLostUnderLoadCostsOnlyThatShardsCustomersAndLosesNoOrder() throws Exception {
        Stack stack = Stack.get();
        String lost = stack.leaderCandidates("shard1").get(0);
        String standby = stack.leaderCandidates("shard1").get(1);
        assertThat(stack.leader("shard1")).hasValue(lost);
        OrdersIT.setStock(SKU, STOCK);
        List<IdentityIT.Customer> onShard1 = customers(4, "sf", shard -> shard == 1);
        List<IdentityIT.Customer> onShard0 = customers(4, "sz", shard -> shard == 0);
        List<IdentityIT.Customer> everyone = new ArrayList<>(onShard1);
        everyone.addAll(onShard0);

        Load load = new Load(api, everyone, "shardfail", false);
        long crashedAt;
        try {
            Await.until("checkouts under way", 60, () -> load.succeeded("checkout") >= 30);
            crashedAt = System.nanoTime();
            stack.crashPostgresServer(lost);
            Await.until("shard 1's customers check out again", 120, () -> load.attempts().stream()
                    .filter(a -> a.startedAt > crashedAt && a.ok() && onShard1.contains(a.customer)).count() >= 5);
        } finally {
            load.close();
        }
        load.print("shard1 leader " + lost + " lost", crashedAt);
        assertThat(stack.leader("shard1")).as("shard 1's standby leads now").hasValue(standby);
        assertThat(load.unexpected()).as("answers other than 201, 503 (retry) or 429 (throttled)").isEmpty();
        assertThat(load.attempts().stream().filter(a -> onShard0.contains(a.customer) && a.status == 503).toList())
                .as("shard 0's customers saw no outage").isEmpty();
        verifyCheckouts(load, everyone, STOCK);
        rejoinAndSwitchBack("shard1", lost, standby);
    }

    /** Customers registered until {@code count} live on a shard {@code wanted} accepts. */
    private List<IdentityIT.Customer> customers(int count, String name, java.util.function.IntPredicate wanted) throws SQLException {
        List<IdentityIT.Customer> customers = new ArrayList<>();
        for (int i = 0; customers.size() < count && i < 20 * count; i++) {
            IdentityIT.Customer customer = IdentityIT.Customer.register(api, name + i);
            if (wanted.test(OrdersIT.shardOf(Buckets.of(UUID.fromString(customer.id()))))) {
                customers.add(customer);
            }
        }
        assertThat(customers).hasSize(count);
        return customers;
    }

    /**
     * Every checkout answered 201 is an order, once, with its stock taken once; every one that was not (a 503 during
     * the switch) gets an answer when retried with its key; a 201 replayed with its key gives the same order.
     */
    private void verifyCheckouts(Load load, List<IdentityIT.Customer> customers, long stockBefore) throws Exception {
        Map<String, String> orderByKey = new HashMap<>();
        for (Attempt placed : load.succeeded().stream().filter(a -> a.kind.equals("checkout")).toList()) {
            orderByKey.put(placed.key, Api.json(placed.body).getString("id"));
        }
        for (Attempt retried : load.attempts().stream().filter(a -> a.kind.equals("checkout") && !a.ok()).toList()) {
            String[] id = new String[1];
            Await.until("checkout " + retried.key + " answered when retried with its key", 120, () -> {
                HttpResponse<String> again = api.send("POST", "/api/v1/orders", ORDER, "Authorization", retried.customer.bearer(),
                        "Idempotency-Key", retried.key);
                if (again.statusCode() == 201) {
                    id[0] = Api.json(again).getString("id");
                    return true;
                }
                assertThat(again.statusCode()).as("retry of %s: %s", retried.key, again.body()).isIn(409, 503);
                return false;
            });
            orderByKey.put(retried.key, id[0]);
        }
        int replayed = 0;
        for (Attempt placed : load.succeeded().stream().filter(a -> a.kind.equals("checkout")).toList()) {
            HttpResponse<String> replay = api.send("POST", "/api/v1/orders", ORDER, "Authorization", placed.customer.bearer(),
                    "Idempotency-Key", placed.key);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
            assertThat(Api.json(replay).getString("id")).as("the first answer to key %s", placed.key).isEqualTo(orderByKey.get(placed.key));
            replayed++;
        }
        List<UUID> ids = customers.stream().map(c -> UUID.fromString(c.id())).toList();
        Await.until("every checkout settled", 120, () -> CheckoutRecoveryIT.count(
                "SELECT count(*) FROM stock_reservation WHERE status = 'PENDING' AND customer_id = ANY (?)", ids) == 0
                && CheckoutRecoveryIT.inProgressClaims(ids) == 0);
        Set<UUID> orders = CheckoutRecoveryIT.orders(ids);
        Set<UUID> kept = CheckoutRecoveryIT.reservations("CONFIRMED", ids);
        Set<UUID> acknowledged = new HashSet<>();
        orderByKey.values().forEach(id -> acknowledged.add(UUID.fromString(id)));
        System.out.printf("[DatabaseFailoverIT] %d keys, %d orders, %d reservations kept, %d replays of a 201 answered alike%n",
                orderByKey.size(), orders.size(), kept.size(), replayed);
        assertThat(orders).as("every order the clients were answered 201 for exists").containsAll(acknowledged);
        assertThat(orders).as("one order per Idempotency-Key, none without one").hasSameSizeAs(acknowledged);
        assertThat(orders).as("every order has its reservation, every kept reservation its order").isEqualTo(kept);
        assertThat(OrdersIT.stock(SKU)).as("stock taken once per order").isEqualTo(stockBefore - orders.size());
    }

    private void verifyJobs(Load load) {
        List<String> accepted = load.succeeded().stream().filter(a -> a.kind.equals("job"))
                .map(a -> Api.json(a.body).getString("id")).toList();
        assertThat(accepted).isNotEmpty();
        Await.until("every accepted job succeeded", 180, () -> jobsSucceeded(accepted) == accepted.size());
    }

    private static long jobsSucceeded(List<String> jobs) {
        try (Connection db = Stack.get().primary();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM job WHERE status = 'SUCCEEDED' AND id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("uuid", jobs.stream().map(UUID::fromString).toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The lost server started again rejoins as the standby of the new leader (Patroni rewinds it); a planned
     * switchover under a light load then makes it the leader again, and no write of that load is lost.
     */
    private void rejoinAndSwitchBack(String database, String lost, String standby) throws Exception {
        Stack stack = Stack.get();
        stack.script("start", lost);
        Await.until(lost + " is the synchronous standby of " + database, 120, () -> stack.patroniHealth(lost, "sync") == 200);
        List<IdentityIT.Customer> customers = customers(2, "sw", shard -> true);
        long stockBefore = OrdersIT.stock(SKU);
        Load load = new Load(api, customers, "switch", false);
        long switchedAt;
        try {
            Await.until("checkouts under way", 60, () -> load.succeeded("checkout") >= 10);
            switchedAt = System.nanoTime();
            stack.script("failover", database);
            Await.until("checkouts after the switchover", 60, () -> load.succeededAfter("checkout", switchedAt) >= 5);
        } finally {
            load.close();
        }
        load.print("planned switchover of " + database + " from " + standby + " to " + lost, switchedAt);
        assertThat(stack.leader(database)).hasValue(lost);
        assertThat(stack.patroniHealth(standby, "sync")).as("%s follows as the synchronous standby", standby).isEqualTo(200);
        assertThat(load.unexpected()).as("answers other than 201, 503 (retry) or 429").isEmpty();
        verifyCheckouts(load, customers, stockBefore);
    }

    /** One request of the load and what it got. */
    record Attempt(String kind, IdentityIT.Customer customer, String key, long startedAt, long answeredAt, int status, String body) {

        boolean ok() {
            return status == 201 || status == 202;
        }
    }

    /**
     * Clients that check out (a fresh Idempotency-Key each time), and optionally submit echo jobs and register
     * accounts, one thread per customer, until closed; a client that is refused waits 200 ms before its next request.
     */
    private static final class Load implements AutoCloseable {

        private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService clients;

        Load(Api api, List<IdentityIT.Customer> customers, String run, boolean jobsAndRegistrations) {
            clients = Executors.newFixedThreadPool(customers.size());
            for (int t = 0; t < customers.size(); t++) {
                IdentityIT.Customer customer = customers.get(t);
                int thread = t;
                clients.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String key = UUID.randomUUID().toString();
                        call("checkout", customer, key, () -> api.send("POST", "/api/v1/orders", ORDER,
                                "Authorization", customer.bearer(), "Idempotency-Key", key));
                        if (jobsAndRegistrations) {
                            String requestId = run + "-" + thread + "-" + i;
                            call("job", customer, requestId,
                                    () -> api.postJson("/api/v1/jobs/echo", "{\"message\":\"" + run + "\"}", requestId));
                            if (i % 4 == 0) {
                                String email = run + "-" + thread + "-" + i + "@example.test";
                                call("registration", null, email, () -> api.postJson("/api/v1/customers",
                                        IdentityIT.Customer.body(email, IdentityIT.Customer.PASSWORD)));
                            }
                        }
                    }
                    return null;
                });
            }
        }

        private void call(String kind, IdentityIT.Customer customer, String key, Supplier<HttpResponse<String>> request) {
            long startedAt = System.nanoTime();
            Attempt attempt;
            try {
                HttpResponse<String> answer = request.get();
                attempt = new Attempt(kind, customer, key, startedAt, System.nanoTime(), answer.statusCode(), answer.body());
            } catch (RuntimeException e) {
                attempt = new Attempt(kind, customer, key, startedAt, System.nanoTime(), 0, e.toString());
            }
            attempts.add(attempt);
            if (!attempt.ok()) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        List<Attempt> attempts() {
            synchronized (attempts) {
                return List.copyOf(attempts);
            }
        }

        List<Attempt> succeeded() {
            return attempts().stream().filter(Attempt::ok).toList();
        }

        long succeeded(String kind) {
            return attempts().stream().filter(a -> a.kind.equals(kind) && a.ok()).count();
        }

        long succeededAfter(String kind, long nanos) {
            return attempts().stream().filter(a -> a.kind.equals(kind) && a.ok() && a.startedAt > nanos).count();
        }

        /** What a client must not get from a failover: a 500, a 504, no answer, or a client error. */
        List<String> unexpected() {
            return attempts().stream().filter(a -> !a.ok() && a.status != 503 && a.status != 429)
                    .map(a -> a.kind + " " + a.status + " " + a.body).toList();
        }

        /** Per kind: answered before and after the event, refused (503), throttled (429), and the window it made. */
        void print(String event, long at) {
            for (String kind : List.of("checkout", "job", "registration")) {
                List<Attempt> mine = attempts().stream().filter(a -> a.kind.equals(kind)).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                long lastRefused = mine.stream().filter(a -> a.status == 503 && a.answeredAt > at).mapToLong(a -> a.answeredAt).max().orElse(at);
                long firstAfter = mine.stream().filter(a -> a.ok() && a.startedAt > lastRefused).mapToLong(a -> a.answeredAt).min().orElse(at);
                System.out.printf("[DatabaseFailoverIT] %s: %s %d ok before, %d ok after, %d refused (503), %d throttled (429);"
                                + " last refusal %d ms after it, first success after that %d ms%n", event, kind,
                        mine.stream().filter(a -> a.ok() && a.answeredAt < at).count(),
                        mine.stream().filter(a -> a.ok() && a.answeredAt >= at).count(),
                        mine.stream().filter(a -> a.status == 503).count(), mine.stream().filter(a -> a.status == 429).count(),
                        (lastRefused - at) / 1_000_000, (firstAfter - at) / 1_000_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).as("the load's clients stopped").isTrue();
        }
    }
}
