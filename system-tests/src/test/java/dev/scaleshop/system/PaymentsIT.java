package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checkout's payment step against the payment provider stand-in (a real HTTP server the stack runs),
 * its behaviour switched at run time: authorized once, declined, slow, down — and orders left
 * PAYMENT_PENDING complete once the provider is back.
 */
class PaymentsIT {

    private final Api api = Api.throughHaproxy();
    private final Api provider = new Api(Stack.get().paymentsUrl());

    /** Provider back to normal, and every instance's circuit closed again, so later tests see payments work. */
    @AfterEach
    void providerBackToNormal() throws Exception {
        OrdersIT.setStock("SKU-000403", 100_000);
        control("{\"mode\":\"up\",\"latencyMs\":0,\"errorRate\":0}");
        IdentityIT.Customer probe = IdentityIT.Customer.register(api, "probe");
        for (String instance : Stack.get().instances().keySet()) {
            Api direct = new Api(Stack.get().instanceUrl(instance));
            Await.until("payments work again on " + instance, 60, () -> "PAID".equals(Api.json(direct.send("POST", "/api/v1/orders",
                    "{\"lines\":[{\"sku\":\"SKU-000403\",\"quantity\":1}]}", "Authorization", probe.bearer(),
                    "Idempotency-Key", UUID.randomUUID().toString())).getString("status")));
        }
    }

    @Test
    void anOrderIsAuthorizedOnceAndPaid() {
        IdentityIT.Customer pia = IdentityIT.Customer.register(api, "pia");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> placed = order(pia, key, "SKU-000401", 1);

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonObject order = Api.json(placed);
        assertThat(order.getString("status")).isEqualTo("PAID");
        HttpResponse<String> replay = order(pia, key, "SKU-000401", 1);
        assertThat(replay.body()).isEqualTo(placed.body());
        assertThat(authorizations(order.getString("id"))).as("one authorization per order, replays included").hasSize(1);
    }

    @Test
    void aDeclinedPaymentFailsTheOrderAndGivesTheStockBack() throws Exception {
        String sku = expensiveProduct();
        OrdersIT.setStock(sku, 500);
        IdentityIT.Customer dan = IdentityIT.Customer.register(api, "dan");

        HttpResponse<String> placed = order(dan, UUID.randomUUID().toString(), sku, 99); // over the provider's 10,000 limit

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(Api.json(placed).getString("status")).isEqualTo("PAYMENT_FAILED");
        assertThat(OrdersIT.stock(sku)).as("the stock of a declined order goes back").isEqualTo(500);
    }

    /**
     * Down (503s), then slow (4 s per call): checkout does not wait for the provider (a slow call answered within the
     * wait would be PAID: PAYMENT_PENDING proves each attempt was given up on), orders wait, then get paid.
     */
    @Test
    void ordersPlacedWhileTheProviderIsDownOrSlowArePaidWhenItRecovers() {
        IdentityIT.Customer ivy = IdentityIT.Customer.register(api, "ivy");
        List<String> pending = new ArrayList<>();
        control("{\"mode\":\"errors\"}");
        long slowest = 0;
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            HttpResponse<String> placed = order(ivy, UUID.randomUUID().toString(), "SKU-000402", 1);
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            assertThat(Api.json(placed).getString("status")).isEqualTo("PAYMENT_PENDING");
            pending.add(Api.json(placed).getString("id"));
        }
        control("{\"mode\":\"up\",\"latencyMs\":4000}");
        for (int i = 0; i < 2; i++) {
            long started = System.nanoTime();
            HttpResponse<String> placed = order(ivy, UUID.randomUUID().toString(), "SKU-000402", 1);
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            assertThat(Api.json(placed).getString("status")).isEqualTo("PAYMENT_PENDING");
            pending.add(Api.json(placed).getString("id"));
        }
        System.out.println("payment provider down, then slow: slowest checkout " + slowest + " ms");

        control("{\"mode\":\"up\",\"latencyMs\":0}");
        for (String id : pending) {
            Await.until("order " + id + " paid after the provider recovered", 90, () ->
                    "PAID".equals(Api.json(api.get("/api/v1/orders/" + id, "Authorization", ivy.bearer())).getString("status")));
            assertThat(authorizations(id)).as("authorized once, whatever the retries").hasSize(1);
        }
    }

    private HttpResponse<String> order(IdentityIT.Customer customer, String key, String sku, int quantity) {
        return api.send("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}",
                "Authorization", customer.bearer(), "Idempotency-Key", key);
    }

    private void control(String behaviour) {
        assertThat(provider.send("PUT", "/control", behaviour).statusCode()).isEqualTo(200);
    }

    private List<?> authorizations(String orderId) {
        return Api.json(provider.get("/v1/authorizations?reference=" + orderId)).getJsonArray("items");
    }

    private static String expensiveProduct() throws Exception {
        try (Connection main = Stack.get().primary();
             ResultSet row = main.createStatement().executeQuery(
                     "SELECT sku FROM product WHERE price_amount > 120 AND currency = 'EUR' ORDER BY sku DESC LIMIT 1")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
