package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.scaleshop.sharding.control.Buckets;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Administrators' cross-shard reports: orders of customers on both shards merged newest first, paid
 * sales per day summed over the shards — and, with a shard down, an honest partial answer naming it.
 */
class OrderReportsIT {

    private final Api api = Api.throughHaproxy();

    @Test
    void reportsMergeEveryShardAndNameAMissingOne() throws Exception {
        String admin = Stack.get().catalogAdmin();
        Map<Integer, IdentityIT.Customer> byShard = new HashMap<>();
        for (int i = 0; byShard.size() < 2 && i < 40; i++) {
            IdentityIT.Customer customer = IdentityIT.Customer.register(api, "rep" + i);
            byShard.putIfAbsent(OrdersIT.shardOf(Buckets.of(UUID.fromString(customer.id()))), customer);
        }
        assertThat(byShard).hasSize(2);
        JsonObject salesBefore = Api.json(api.get("/api/v1/admin/sales", "Authorization", admin));
        String first = place(byShard.get(0));
        String second = place(byShard.get(1));

        JsonObject recent = Api.json(api.get("/api/v1/admin/orders?status=PAID&limit=2", "Authorization", admin));
        assertThat(recent.getBoolean("complete")).isTrue();
        assertThat(recent.getJsonArray("items").stream().map(o -> o.asJsonObject().getString("id")).toList())
                .as("the two newest paid orders, one from each shard, newest first").containsExactly(second, first);
        List<Instant> created = Api.json(api.get("/api/v1/admin/orders?limit=50", "Authorization", admin)).getJsonArray("items")
                .stream().map(o -> Instant.parse(o.asJsonObject().getString("createdAt"))).toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        JsonObject salesAfter = Api.json(api.get("/api/v1/admin/sales", "Authorization", admin));
        assertThat(salesAfter.getBoolean("complete")).isTrue();
        assertThat(paidOrders(salesAfter) - paidOrders(salesBefore)).as("both new paid orders counted, whichever shard").isEqualTo(2);

        CatalogIT.assertProblem(api.get("/api/v1/admin/orders?status=SHIPPED", "Authorization", admin), 400, "invalid-status");
        CatalogIT.assertProblem(api.get("/api/v1/admin/sales?from=yesterday", "Authorization", admin), 400, "invalid-date");
        CatalogIT.assertProblem(api.get("/api/v1/admin/sales", "Authorization", byShard.get(0).bearer()), 403, "forbidden");

        Stack.get().script("stop", "pg-shard1");
        try {
            HttpResponse<String> partial = api.get("/api/v1/admin/orders?status=PAID&limit=2", "Authorization", admin);
            assertThat(partial.statusCode()).isEqualTo(200);
            JsonObject body = Api.json(partial);
            assertThat(body.getBoolean("complete")).isFalse();
            assertThat(body.getJsonArray("missingShards").getInt(0)).isEqualTo(1);
            assertThat(body.getJsonArray("items").stream().map(o -> o.asJsonObject().getString("id")))
                    .as("shard 0's orders are still there").contains(first);
            assertThat(Api.json(api.get("/api/v1/admin/sales", "Authorization", admin)).getJsonArray("missingShards"))
                    .hasSize(1);
        } finally {
            Stack.get().script("start", "pg-shard1");
        }
    }

    private String place(IdentityIT.Customer customer) {
        HttpResponse<String> placed = api.send("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"SKU-000501\",\"quantity\":1}]}",
                "Authorization", customer.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(Api.json(placed).getString("status")).isEqualTo("PAID");
        return Api.json(placed).getString("id");
    }

    private static long paidOrders(JsonObject sales) {
        return sales.getJsonArray("days").stream().map(JsonValue::asJsonObject).mapToLong(d -> d.getJsonNumber("orders").longValue()).sum();
    }
}
