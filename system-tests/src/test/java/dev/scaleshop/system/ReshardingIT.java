package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.scaleshop.sharding.control.Buckets;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Online resharding through HAProxy while customers check out (two checkout loops per customer): the
 * buckets of three customers move to the other shard, back and away again under that load, then home
 * without it. Every order a client was told about (201) is in exactly one database — the one the map
 * names — readable through the API; no key placed two orders; nothing is left on the old shard.
 */
class ReshardingIT {

    private static final String SKU = "SKU-000301";
    private static final String ORDER = "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}";

    private final Api api = Api.throughHaproxy();

    @Test
    void bucketsMoveWhileCustomersCheckOutAndNoOrderIsLostOrDoubled() throws Exception {
        OrdersIT.setStock(SKU, 1_000_000);
        List<IdentityIT.Customer> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            customers.add(IdentityIT.Customer.register(api, "move" + i));
        }
        Map<Integer, Integer> homes = new LinkedHashMap<>(); // the moving customers' buckets and their shards now
        for (IdentityIT.Customer customer : customers.subList(0, 3)) {
            int bucket = Buckets.of(UUID.fromString(customer.id()));
            homes.put(bucket, OrdersIT.shardOf(bucket));
        }

        Map<String, Set<String>> answered = new ConcurrentHashMap<>(); // customer → order ids answered 201
        AtomicInteger retries = new AtomicInteger();
        AtomicLong slowestMillis = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(2 * customers.size());
        List<Future<?>> load = new ArrayList<>();
        for (IdentityIT.Customer customer : customers) {
            load.add(clients.submit(() -> {
                while (!stop.get()) {
                    answered.computeIfAbsent(customer.id(), c -> ConcurrentHashMap.newKeySet())
                            .add(checkout(customer, retries, slowestMillis));
                }
                return null;
            }));
            load.add(clients.submit(() -> {
                while (!stop.get()) {
                    answered.computeIfAbsent(customer.id(), c -> ConcurrentHashMap.newKeySet())
                            .add(checkout(customer, retries, slowestMillis));
                }
                return null;
            }));
        }
        List<JsonObject> moves = new ArrayList<>();
        try {
            Await.sleep(1500);
            for (int round = 0; round < 3; round++) { // away, back, away again: each move under the same load
                for (Map.Entry<Integer, Integer> home : homes.entrySet()) {
                    moves.add(move(home.getKey(), round % 2 == 0 ? 1 - home.getValue() : home.getValue()));
                    Await.sleep(200);
                }
            }
            Await.sleep(1000);
        } finally {
            stop.set(true);
            clients.shutdown();
        }
        for (Future<?> client : load) {
            client.get(60, TimeUnit.SECONDS);
        }
        assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        for (JsonObject move : moves) {
            JsonObject bucket = move.getJsonArray("moves").getJsonObject(0);
            assertThat(bucket.getBoolean("moved")).as(move.toString()).isTrue();
            System.out.printf("moved bucket %d: %d rows, writes of that bucket fenced %d ms, move took %d ms%n",
                    bucket.getInt("bucket"), bucket.getInt("rows"), bucket.getInt("fenceMillis"), bucket.getInt("totalMillis"));
        }
        System.out.printf("checkouts during the moves: %d answered, %d retried (503/409), slowest answer %d ms%n",
                answered.values().stream().mapToInt(Set::size).sum(), retries.get(), slowestMillis.get());

        for (Map.Entry<Integer, Integer> home : homes.entrySet()) {
            int bucket = home.getKey();
            assertThat(OrdersIT.shardOf(bucket)).as("bucket %d now on the other shard", bucket).isEqualTo(1 - home.getValue());
            assertThat(rowsOfBucket(home.getValue(), bucket)).as("nothing of bucket %d left on its old shard", bucket).isZero();
        }
        assertEveryAnsweredOrderOnceWhereTheMapSays(customers, answered);

        for (Map.Entry<Integer, Integer> home : homes.entrySet()) { // and back home, with no load
            assertThat(move(home.getKey(), home.getValue()).getJsonArray("moves").getJsonObject(0).getBoolean("moved")).isTrue();
        }
        assertEveryAnsweredOrderOnceWhereTheMapSays(customers, answered);
    }

    @Test
    void movesAreForAdministratorsAndCheckTheirInput() throws Exception {
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "nomove");
        HttpResponse<String> forbidden = api.send("POST", "/api/v1/admin/shards/moves", "{\"fromBucket\":1,\"toShard\":0}",
                "Authorization", customer.bearer());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        CatalogIT.assertProblem(admin("{\"fromBucket\":1,\"toShard\":7}"), 400, "invalid-shard");
        CatalogIT.assertProblem(admin("{\"fromBucket\":5,\"toBucket\":1,\"toShard\":0}"), 400, "invalid-bucket-range");
        CatalogIT.assertProblem(admin("{\"fromBucket\":2000,\"toShard\":0}"), 400, "validation-failed");

        int bucket = 7;
        JsonObject stay = Api.json(admin("{\"fromBucket\":" + bucket + ",\"toShard\":" + OrdersIT.shardOf(bucket) + "}"));
        assertThat(stay.getJsonArray("moves").getJsonObject(0).getBoolean("moved")).as("already there").isFalse();

        JsonObject map = Api.json(api.get("/api/v1/admin/shards", "Authorization", Stack.get().catalogAdmin()));
        assertThat(map.getInt("shards")).isEqualTo(2);
        assertThat(map.getJsonArray("bucketsPerShard").getInt(0) + map.getJsonArray("bucketsPerShard").getInt(1))
                .isEqualTo(Buckets.COUNT);
    }

    /**
     * The outbox relay must not delete a row of a bucket inside a move's write fence (the move's copy would
     * then differ from its source and the move fail). The test holds the bucket's {@code bucket_state} row
     * FOR UPDATE on the shard — what the fence does — and gives the relay a row of that bucket: the relay
     * offers it (a no-op, its job exists) and then waits for the fence before deleting it; once the fence
     * ends, the row goes.
     */
    @Test
    void theOutboxRelayWaitsForAMovesFenceBeforeDeletingRelayedRows() throws Exception {
        OrdersIT.setStock(SKU, 1_000_000);
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "fence");
        HttpResponse<String> placed = api.send("POST", "/api/v1/orders", ORDER, "Authorization", customer.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        UUID order = UUID.fromString(Api.json(placed).getString("id"));
        UUID customerId = UUID.fromString(customer.id());
        int bucket = Buckets.of(customerId);
        int shard = OrdersIT.shardOf(bucket);
        Await.until("the order's outbox row is relayed", 30, () -> outboxRows(shard, order) == 0);

        try (Connection fence = Stack.get().shard(shard); Connection writer = Stack.get().shard(shard)) {
            fence.setAutoCommit(false);
            try (PreparedStatement lock = fence.prepareStatement("SELECT state FROM bucket_state WHERE bucket = ? FOR UPDATE")) {
                lock.setInt(1, bucket);
                lock.executeQuery().close();
            }
            try (PreparedStatement insert = writer.prepareStatement("""
                    INSERT INTO outbox_event (id, customer_id, bucket, type, subject_id, request_id, created_at)
                    VALUES (?, ?, ?, 'INVOICE_REQUESTED', ?, 'fence-it', now())""")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, customerId);
                insert.setInt(3, bucket);
                insert.setObject(4, order);
                insert.executeUpdate();
            }
            Await.until("the relay waits for the fenced bucket", 30, () -> relayWaitsForBucketState(writer));
            assertThat(outboxRows(shard, order)).as("not deleted inside the fence").isEqualTo(1);
            fence.rollback();
        }
        Await.until("the row is deleted once the fence ends", 30, () -> outboxRows(shard, order) == 0);
        try (Connection main = Stack.get().primary();
             PreparedStatement jobs = main.prepareStatement("SELECT count(*) FROM job WHERE dedup_key = 'invoice:' || ?")) {
            jobs.setString(1, order.toString());
            try (ResultSet row = jobs.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).as("offered twice, one job").isEqualTo(1);
            }
        }
    }

    private static long outboxRows(int shard, UUID order) throws SQLException {
        try (Connection db = Stack.get().shard(shard);
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM outbox_event WHERE subject_id = ?")) {
            query.setObject(1, order);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static boolean relayWaitsForBucketState(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                AND query LIKE '%FROM bucket_state%FOR SHARE%' AND query NOT LIKE '%pg_stat_activity%'""");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1) > 0;
        }
    }

    /** One order with a fresh key, retried with the same key while the answer is 503 or 409; its id. */
    private String checkout(IdentityIT.Customer customer, AtomicInteger retries, AtomicLong slowestMillis) {
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 50; attempt++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = api.send("POST", "/api/v1/orders", ORDER, "Authorization", customer.bearer(),
                    "Idempotency-Key", key);
            slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
            if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                return Api.json(answer).getString("id");
            }
            assertThat(answer.statusCode()).as(answer.body()).isIn(409, 503);
            retries.incrementAndGet();
            Await.sleep(200);
        }
        throw new AssertionError("no answer for key " + key + " after 50 attempts");
    }

    private HttpResponse<String> admin(String body) {
        return api.send("POST", "/api/v1/admin/shards/moves", body, "Authorization", Stack.get().catalogAdmin());
    }

    private JsonObject move(int bucket, int toShard) {
        HttpResponse<String> answer = admin("{\"fromBucket\":" + bucket + ",\"toShard\":" + toShard + "}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Api.json(answer);
    }

    private void assertEveryAnsweredOrderOnceWhereTheMapSays(List<IdentityIT.Customer> customers,
                                                             Map<String, Set<String>> answered) throws SQLException {
        for (IdentityIT.Customer customer : customers) {
            int shard = OrdersIT.shardOf(Buckets.of(UUID.fromString(customer.id())));
            Set<String> told = answered.getOrDefault(customer.id(), Set.of());
            assertThat(told).as("customer %s ordered", customer.id()).isNotEmpty();
            List<String> stored = OrdersIT.ordersOn(shard, customer.id());
            assertThat(stored).as("orders of %s on shard %d: each answered one exactly once, nothing else", customer.id(), shard)
                    .hasSize(told.size()).containsExactlyInAnyOrderElementsOf(told);
            assertThat(OrdersIT.ordersOn(1 - shard, customer.id())).as("nothing on the other shard").isEmpty();
            assertThat(keysOn(shard, customer.id())).as("one completed key per order").isEqualTo(told.size());
            String anyOrder = new TreeSet<>(told).first();
            assertThat(api.get("/api/v1/orders/" + anyOrder, "Authorization", customer.bearer()).statusCode()).isEqualTo(200);
        }
    }

    private static long keysOn(int shard, String customerId) throws SQLException {
        try (Connection db = Stack.get().shard(shard);
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM idempotency_record WHERE customer_id = ? AND state = 'COMPLETED'")) {
            query.setObject(1, UUID.fromString(customerId));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long rowsOfBucket(int shard, int bucket) throws SQLException {
        try (Connection db = Stack.get().shard(shard);
             PreparedStatement query = db.prepareStatement("""
                     SELECT (SELECT count(*) FROM customer_order WHERE bucket = ?) + (SELECT count(*) FROM order_line WHERE bucket = ?)
                     + (SELECT count(*) FROM idempotency_record WHERE bucket = ?)""")) {
            for (int i = 1; i <= 3; i++) {
                query.setInt(i, bucket);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
