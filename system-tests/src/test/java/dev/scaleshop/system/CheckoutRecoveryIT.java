package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * kill -9 of an instance while it runs many checkouts: after recovery (the other instance's sweep),
 * every order has its stock reservation and every kept reservation its order, stock taken equals
 * orders placed, and nothing is left half done.
 */
class CheckoutRecoveryIT {

    private static final String SKU = "SKU-000301";
    private static final int STOCK = 100_000;

    @Test
    void anInstanceKilledMidCheckoutLeavesOrdersAndStockConsistent() throws Exception {
        Api viaHaproxy = Api.throughHaproxy();
        List<IdentityIT.Customer> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            customers.add(IdentityIT.Customer.register(viaHaproxy, "kc" + i));
        }
        OrdersIT.setStock(SKU, STOCK);
        Api i1 = new Api(Stack.get().instanceUrl("i1"));
        AtomicBoolean dead = new AtomicBoolean();
        AtomicInteger placed = new AtomicInteger();
        java.util.Queue<String> unexpected = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(customers.size());
        for (IdentityIT.Customer customer : customers) {
            clients.submit(() -> {
                while (!dead.get()) {
                    try {
                        HttpResponse<String> response = i1.send("POST", "/api/v1/orders",
                                "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}]}",
                                "Authorization", customer.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
                        if (response.statusCode() == 201) {
                            placed.incrementAndGet();
                        } else {
                            unexpected.add(response.statusCode() + " " + response.body());
                        }
                    } catch (RuntimeException connectionLost) {
                        dead.set(true);
                    }
                }
                return null;
            });
        }
        Await.until("checkouts under way", 60, () -> placed.get() >= 40);
        Stack.kill9(Stack.get().instancePid("i1"));
        dead.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(unexpected).as("answers before the kill").isEmpty();
        List<UUID> ids = customers.stream().map(c -> UUID.fromString(c.id())).toList();
        try {
            Await.until("every checkout settled by the surviving instance's sweep", 120,
                    () -> count("SELECT count(*) FROM stock_reservation WHERE status = 'PENDING' AND customer_id = ANY (?)", ids) == 0
                            && inProgressClaims(ids) == 0);

            Set<UUID> kept = reservations("CONFIRMED", ids);
            Set<UUID> released = reservations("RELEASED", ids);
            Set<UUID> orders = orders(ids);
            System.out.printf("kill -9 mid-checkout: %d answered 201, %d orders, %d reservations kept, %d given back%n",
                    placed.get(), orders.size(), kept.size(), released.size());
            assertThat(orders).as("every order has its reservation, every kept reservation its order").isEqualTo(kept);
            assertThat(orders).as("no order for stock that was given back").filteredOn(released::contains).isEmpty();
            assertThat(orders.size()).as("every 201 the clients saw is an order").isGreaterThanOrEqualTo(placed.get());
            assertThat(OrdersIT.stock(SKU)).as("stock taken = orders placed").isEqualTo(STOCK - orders.size());
        } finally {
            Stack.get().script("start", "i1");
            Stack.get().awaitAllInRotation();
        }
    }

    static Set<UUID> reservations(String status, List<UUID> customers) throws SQLException {
        try (Connection main = Stack.get().primary();
             PreparedStatement query = main.prepareStatement(
                     "SELECT order_id FROM stock_reservation WHERE status = ? AND customer_id = ANY (?)")) {
            query.setString(1, status);
            query.setArray(2, main.createArrayOf("uuid", customers.toArray()));
            return ids(query);
        }
    }

    static Set<UUID> orders(List<UUID> customers) throws SQLException {
        Set<UUID> all = new HashSet<>();
        for (int shard = 0; shard < 2; shard++) {
            try (Connection db = Stack.get().shard(shard);
                 PreparedStatement query = db.prepareStatement("SELECT id FROM customer_order WHERE customer_id = ANY (?)")) {
                query.setArray(1, db.createArrayOf("uuid", customers.toArray()));
                all.addAll(ids(query));
            }
        }
        return all;
    }

    static long inProgressClaims(List<UUID> customers) {
        long claims = 0;
        for (int shard = 0; shard < 2; shard++) {
            try (Connection db = Stack.get().shard(shard);
                 PreparedStatement query = db.prepareStatement(
                         "SELECT count(*) FROM idempotency_record WHERE state = 'IN_PROGRESS' AND customer_id = ANY (?)")) {
                query.setArray(1, db.createArrayOf("uuid", customers.toArray()));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    claims += row.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return claims;
    }

    static long count(String sql, List<UUID> customers) {
        try (Connection main = Stack.get().primary(); PreparedStatement query = main.prepareStatement(sql)) {
            query.setArray(1, main.createArrayOf("uuid", customers.toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<UUID> ids(PreparedStatement query) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
