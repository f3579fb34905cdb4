package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.scaleshop.sharding.control.Buckets;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Checkout through HAProxy onto the customers' shards, checked in the databases themselves: the order
 * is on the shard the map names for the customer's bucket, stock was taken once, keys are idempotent,
 * and a shard that is down costs only its own customers (503), nobody else.
 */
class OrdersIT {

    private static final String ORDER_TWO = "{\"lines\":[{\"sku\":\"SKU-000101\",\"quantity\":2},{\"sku\":\"SKU-000102\",\"quantity\":1}]}";

    private final Api api = Api.throughHaproxy();

    @Test
    void theCartBecomesAnOrderOnTheCustomersShard() throws Exception {
        IdentityIT.Customer mo = IdentityIT.Customer.register(api, "mo");
        assertThat(api.send("POST", "/api/v1/cart/items", "{\"sku\":\"SKU-000201\",\"quantity\":3}", "Authorization", mo.bearer())
                .statusCode()).isEqualTo(200);
        long stockBefore = stock("SKU-000201");

        HttpResponse<String> placed = api.send("POST", "/api/v1/orders", "{}", "Authorization", mo.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonObject order = Api.json(placed);
        String id = order.getString("id");
        assertThat(placed.headers().firstValue("Location")).get().asString().endsWith("/api/v1/orders/" + id);
        assertThat(order.getString("status")).as("authorized by the payment provider").isEqualTo("PAID");
        assertThat(order.getJsonArray("lines")).hasSize(1);
        assertThat(order.getJsonArray("lines").getJsonObject(0).getInt("quantity")).isEqualTo(3);
        assertThat(stock("SKU-000201")).isEqualTo(stockBefore - 3);
        assertThat(Api.json(api.get("/api/v1/cart", "Authorization", mo.bearer())).getJsonArray("items")).isEmpty();

        int bucket = Buckets.of(UUID.fromString(mo.id()));
        int shard = shardOf(bucket);
        assertThat(ordersOn(shard, mo.id())).as("on shard %d, which holds bucket %d", shard, bucket).containsExactly(id);
        assertThat(ordersOn(1 - shard, mo.id())).as("nothing on the other shard").isEmpty();
        assertThat(reservationStatus(id)).isEqualTo("CONFIRMED");

        JsonObject read = Api.json(api.get("/api/v1/orders/" + id, "Authorization", mo.bearer()));
        assertThat(read.getJsonArray("lines").getJsonObject(0).getString("sku")).isEqualTo("SKU-000201");
        assertThat(Api.json(api.get("/api/v1/orders", "Authorization", mo.bearer())).getJsonArray("items")).hasSize(1);
        IdentityIT.Customer other = IdentityIT.Customer.register(api, "otto");
        CatalogIT.assertProblem(api.get("/api/v1/orders/" + id, "Authorization", other.bearer()), 404, "not-found");
        assertThat(api.get("/api/v1/orders/" + id, "Authorization", Stack.get().catalogAdmin()).statusCode()).isEqualTo(200);
    }

    /** Eight copies of one request at once: one order, one stock deduction; every answer is that order or "in progress". */
    @Test
    void concurrentDuplicatesWithOneKeyPlaceOneOrder() throws Exception {
        IdentityIT.Customer dee = IdentityIT.Customer.register(api, "dee");
        String key = UUID.randomUUID().toString();
        long stockBefore = stock("SKU-000101");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<HttpResponse<String>> post = () -> api.send("POST", "/api/v1/orders", ORDER_TWO,
                    "Authorization", dee.bearer(), "Idempotency-Key", key);
            answers.add(clients.submit(post));
        }
        List<String> created = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 201) {
                created.add(response.body());
            } else {
                CatalogIT.assertProblem(response, 409, "request-in-progress");
            }
        }
        clients.shutdown();

        assertThat(created).as("at least the first").isNotEmpty();
        assertThat(created.stream().distinct()).as("every 201 is the same order, byte for byte").hasSize(1);
        assertThat(ordersOn(shardOf(Buckets.of(UUID.fromString(dee.id()))), dee.id())).hasSize(1);
        assertThat(stock("SKU-000101")).isEqualTo(stockBefore - 2);

        HttpResponse<String> replay = api.send("POST", "/api/v1/orders", ORDER_TWO, "Authorization", dee.bearer(),
                "Idempotency-Key", key);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(created.get(0));
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(stock("SKU-000101")).as("a replay takes nothing").isEqualTo(stockBefore - 2);

        CatalogIT.assertProblem(api.send("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"SKU-000101\",\"quantity\":3}]}",
                "Authorization", dee.bearer(), "Idempotency-Key", key), 422, "idempotency-key-reused");
    }

    @Test
    void badCheckoutsAreClientErrorsAndTakeNothing() throws Exception {
        IdentityIT.Customer bo = IdentityIT.Customer.register(api, "bo");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/orders", ORDER_TWO, "Authorization", bo.bearer()),
                400, "idempotency-key-required");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/orders", ORDER_TWO, "Authorization", bo.bearer(),
                "Idempotency-Key", "has space"), 400, "invalid-idempotency-key");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/orders", "{}", "Authorization", bo.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString()), 400, "empty-order");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/orders", ORDER_TWO, "Idempotency-Key", "k"), 401, "unauthorized");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"NO-SUCH-SKU\",\"quantity\":1}]}",
                "Authorization", bo.bearer(), "Idempotency-Key", UUID.randomUUID().toString()), 400, "unknown-product");

        setStock("SKU-000103", 5);
        long other = stock("SKU-000101");
        String key = UUID.randomUUID().toString();
        CatalogIT.assertProblem(api.send("POST", "/api/v1/orders",
                "{\"lines\":[{\"sku\":\"SKU-000101\",\"quantity\":1},{\"sku\":\"SKU-000103\",\"quantity\":6}]}",
                "Authorization", bo.bearer(), "Idempotency-Key", key), 409, "out-of-stock");
        assertThat(stock("SKU-000101")).as("all or nothing: the line that fitted was not taken").isEqualTo(other);
        assertThat(stock("SKU-000103")).isEqualTo(5);

        HttpResponse<String> fixed = api.send("POST", "/api/v1/orders",
                "{\"lines\":[{\"sku\":\"SKU-000101\",\"quantity\":1},{\"sku\":\"SKU-000103\",\"quantity\":5}]}",
                "Authorization", bo.bearer(), "Idempotency-Key", key);
        assertThat(fixed.statusCode()).as("a refused checkout leaves its key free: " + fixed.body()).isEqualTo(201);
        assertThat(stock("SKU-000103")).as("never below zero").isZero();
        assertThat(ordersOn(shardOf(Buckets.of(UUID.fromString(bo.id()))), bo.id())).hasSize(1);
    }

    /** The map the cluster uses spreads customers evenly: 10,000 random customers over its real bucket ranges. */
    @Test
    void theShardMapSpreadsCustomersEvenly() throws Exception {
        int[] map = new int[Buckets.COUNT];
        try (Connection main = Stack.get().primary();
             ResultSet rows = main.createStatement().executeQuery("SELECT bucket, shard FROM shard_map")) {
            while (rows.next()) {
                map[rows.getInt(1)] = rows.getInt(2);
            }
        }
        int[] perShard = new int[2];
        for (int i = 0; i < 10_000; i++) {
            perShard[map[Buckets.of(UUID.randomUUID())]]++;
        }
        assertThat(perShard[0]).as("customers on shard 0 of 10,000").isBetween(4750, 5250);
        assertThat(perShard[1]).as("customers on shard 1 of 10,000").isBetween(4750, 5250);
    }

    /** Shard 1's database down (its server and its standby): its customer gets 503 + Retry-After, the other shard's orders. */
    @Test
    void aShardDownCostsOnlyItsOwnCustomers() throws Exception {
        Map<Integer, IdentityIT.Customer> byShard = new HashMap<>();
        for (int i = 0; byShard.size() < 2 && i < 40; i++) {
            IdentityIT.Customer customer = IdentityIT.Customer.register(api, "sh" + i);
            byShard.putIfAbsent(shardOf(Buckets.of(UUID.fromString(customer.id()))), customer);
        }
        assertThat(byShard).hasSize(2);
        Stack.get().script("stop", "pg-shard1");
        try {
            HttpResponse<String> down = api.send("POST", "/api/v1/orders", ORDER_TWO, "Authorization", byShard.get(1).bearer(),
                    "Idempotency-Key", UUID.randomUUID().toString());
            CatalogIT.assertProblem(down, 503, "shard-unavailable");
            assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
            CatalogIT.assertProblem(api.get("/api/v1/orders", "Authorization", byShard.get(1).bearer()), 503, "shard-unavailable");

            HttpResponse<String> up = api.send("POST", "/api/v1/orders", ORDER_TWO, "Authorization", byShard.get(0).bearer(),
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        } finally {
            Stack.get().script("start", "pg-shard1");
        }
        Await.until("shard 1 serves its customers again", 60, () -> api.send("POST", "/api/v1/orders", ORDER_TWO,
                "Authorization", byShard.get(1).bearer(), "Idempotency-Key", UUID.randomUUID().toString()).statusCode() == 201);
    }

    static int shardOf(int bucket) throws SQLException {
        try (Connection main = Stack.get().primary()) {
            return (int) single(main, "SELECT shard FROM shard_map WHERE bucket = ?", bucket);
        }
    }

    static List<String> ordersOn(int shard, String customerId) throws SQLException {
        try (Connection db = Stack.get().shard(shard);
             PreparedStatement query = db.prepareStatement("SELECT id FROM customer_order WHERE customer_id = ?")) {
            query.setObject(1, UUID.fromString(customerId));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    static long stock(String sku) throws SQLException {
        try (Connection main = Stack.get().primary()) {
            return single(main, "SELECT stock FROM product WHERE sku = ?", sku);
        }
    }

    static void setStock(String sku, int stock) throws SQLException {
        try (Connection main = Stack.get().primary();
             PreparedStatement update = main.prepareStatement("UPDATE product SET stock = ? WHERE sku = ?")) {
            update.setInt(1, stock);
            update.setString(2, sku);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static String reservationStatus(String orderId) throws SQLException {
        try (Connection main = Stack.get().primary();
             PreparedStatement query = main.prepareStatement("SELECT status FROM stock_reservation WHERE order_id = ?")) {
            query.setObject(1, UUID.fromString(orderId));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static long single(Connection db, String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as(sql + " " + parameter).isTrue();
                return row.getLong(1);
            }
        }
    }
}
