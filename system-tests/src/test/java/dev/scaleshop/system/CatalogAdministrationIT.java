package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Catalog writes through HAProxy: the admin role, validation, read-your-writes with a consistency token
 * while the replica is paused, cluster-wide cache eviction, and conditional GETs.
 */
class CatalogAdministrationIT {

    /** The administrator's client: its cookie jar carries the session, and with it the consistency token. */
    private final Api api = Api.throughHaproxy();
    /** Anyone else: no session, no token. */
    private final Api anonymous = Api.throughHaproxy();
    private final String admin = Stack.get().catalogAdmin();
    private final String sku = "IT-" + Long.toString(System.nanoTime(), 36).toUpperCase();

    @AfterEach
    void removeTheProduct() {
        api.send("DELETE", "/api/v1/products/" + sku, null, "Authorization", admin);
    }

    @Test
    void writesNeedTheCatalogAdminRole() {
        HttpResponse<String> anonymous = api.send("POST", "/api/v1/products", draft(sku, "Anon", "1.00"));
        HttpResponse<String> wrongPassword = api.send("POST", "/api/v1/products", draft(sku, "Anon", "1.00"),
                "Authorization", Api.basic("catalog-admin", "guess"));

        CatalogIT.assertProblem(anonymous, 401, "unauthorized");
        CatalogIT.assertProblem(wrongPassword, 401, "unauthorized");
        assertThat(api.get("/api/v1/products/" + sku).statusCode()).isEqualTo(404);
    }

    @Test
    void createsReplacesAndDeletesAProduct() {
        HttpResponse<String> created = api.send("POST", "/api/v1/products", draft(sku, "First", "9.99"),
                "Authorization", admin);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).get().asString().endsWith("/api/v1/products/" + sku);
        String token = created.headers().firstValue("X-Consistency-Token").orElseThrow();
        assertThat(token).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(name(api.get("/api/v1/products/" + sku, "X-Consistency-Token", token))).isEqualTo("First");

        HttpResponse<String> replaced = api.send("PUT", "/api/v1/products/" + sku, draft(sku, "Second", "19.99"),
                "Authorization", admin);
        assertThat(replaced.statusCode()).isEqualTo(200);
        String replacedToken = replaced.headers().firstValue("X-Consistency-Token").orElseThrow();
        assertThat(name(api.get("/api/v1/products/" + sku, "X-Consistency-Token", replacedToken))).isEqualTo("Second");

        HttpResponse<String> deleted = api.send("DELETE", "/api/v1/products/" + sku, null, "Authorization", admin);
        assertThat(deleted.statusCode()).isEqualTo(204);
        String deletedToken = deleted.headers().firstValue("X-Consistency-Token").orElseThrow();
        assertThat(api.get("/api/v1/products/" + sku, "X-Consistency-Token", deletedToken).statusCode()).isEqualTo(404);
    }

    @Test
    void attributesAndImagesRoundTrip() {
        String body = """
                {"sku":"%s","name":"Lamp","price":{"amount":25.00,"currency":"EUR"},"stock":3,"category":"home-premium",
                 "attributes":{"material":"brass","color":"gold"},
                 "images":[{"url":"https://img.example.test/lamp-front.jpg","alt":"front"},
                           {"url":"https://img.example.test/lamp-side.jpg"}]}""".formatted(sku);
        String token = api.send("POST", "/api/v1/products", body, "Authorization", admin)
                .headers().firstValue("X-Consistency-Token").orElseThrow();

        JsonObject product = Api.json(api.get("/api/v1/products/" + sku, "X-Consistency-Token", token));
        assertThat(product.getJsonObject("attributes").toString()).isEqualTo("{\"color\":\"gold\",\"material\":\"brass\"}");
        assertThat(product.getJsonArray("images").getValuesAs(JsonObject.class))
                .extracting(image -> image.getString("url") + " " + image.getString("alt"))
                .containsExactly("https://img.example.test/lamp-front.jpg front", "https://img.example.test/lamp-side.jpg ");
        JsonObject seeded = Api.json(api.get("/api/v1/products/SKU-000042"));
        assertThat(seeded.getJsonObject("attributes").getString("brand")).isEqualTo("Brand 2");
    }

    @Test
    void administersTheCategoryTree() {
        String department = "it-dept-" + sku.toLowerCase();
        String leaf = department + "-leaf";
        try {
            CatalogIT.assertProblem(anonymous.send("POST", "/api/v1/categories",
                    "{\"slug\":\"%s\",\"name\":\"Nope\"}".formatted(department)), 401, "unauthorized");
            HttpResponse<String> created = api.send("POST", "/api/v1/categories",
                    "{\"slug\":\"%s\",\"name\":\"IT Department\"}".formatted(department), "Authorization", admin);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).get().asString().endsWith("/api/v1/categories/" + department);
            assertThat(api.send("POST", "/api/v1/categories", "{\"slug\":\"%s\",\"name\":\"Leaf\",\"parent\":\"%s\"}"
                    .formatted(leaf, department), "Authorization", admin).statusCode()).isEqualTo(201);

            // the writer reads the new tree at once (session token), whatever the caches held
            JsonObject node = Api.json(api.get("/api/v1/categories/" + department));
            assertThat(node.getJsonArray("children").getValuesAs(JsonObject.class))
                    .extracting(child -> child.getString("slug")).containsExactly(leaf);

            CatalogIT.assertProblem(api.send("POST", "/api/v1/categories", "{\"slug\":\"%s-x\",\"name\":\"Deep\",\"parent\":\"%s\"}"
                    .formatted(leaf, leaf), "Authorization", admin), 400, "category-too-deep");
            CatalogIT.assertProblem(api.send("POST", "/api/v1/categories", "{\"slug\":\"%s\",\"name\":\"Again\"}"
                    .formatted(department), "Authorization", admin), 409, "duplicate-slug");
            CatalogIT.assertProblem(api.send("POST", "/api/v1/categories", "{\"slug\":\"%s-y\",\"name\":\"Orphan\",\"parent\":\"no-such\"}"
                    .formatted(department), "Authorization", admin), 400, "unknown-category");
            CatalogIT.assertProblem(api.send("POST", "/api/v1/categories", "{\"slug\":\"Bad Slug\",\"name\":\"x\"}",
                    "Authorization", admin), 400, "validation-failed");

            String product = draft(sku, "In the leaf", "1.00").replace("toys-premium", leaf);
            assertThat(api.send("POST", "/api/v1/products", product, "Authorization", admin).statusCode()).isEqualTo(201);
            CatalogIT.assertProblem(api.send("DELETE", "/api/v1/categories/" + leaf, null, "Authorization", admin),
                    409, "category-in-use");
            CatalogIT.assertProblem(api.send("DELETE", "/api/v1/categories/" + department, null, "Authorization", admin),
                    409, "category-in-use");
            assertThat(api.send("DELETE", "/api/v1/products/" + sku, null, "Authorization", admin).statusCode()).isEqualTo(204);
            assertThat(api.send("DELETE", "/api/v1/categories/" + leaf, null, "Authorization", admin).statusCode()).isEqualTo(204);
            assertThat(api.send("DELETE", "/api/v1/categories/" + department, null, "Authorization", admin).statusCode()).isEqualTo(204);
            CatalogIT.assertProblem(api.get("/api/v1/categories/" + department), 404, "not-found");
        } finally {
            api.send("DELETE", "/api/v1/products/" + sku, null, "Authorization", admin);
            api.send("DELETE", "/api/v1/categories/" + leaf, null, "Authorization", admin);
            api.send("DELETE", "/api/v1/categories/" + department, null, "Authorization", admin);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "blank name        | {\"sku\":\"S1\",\"name\":\"\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\"} | 400 | validation-failed",
            "negative price    | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":-1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\"} | 400 | validation-failed",
            "three decimals    | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1.005,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\"} | 400 | validation-failed",
            "lower-case money  | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"eur\"},\"stock\":1,\"category\":\"books-premium\"} | 400 | validation-failed",
            "no price          | {\"sku\":\"S1\",\"name\":\"n\",\"stock\":1,\"category\":\"books-premium\"} | 400 | validation-failed",
            "bad sku           | {\"sku\":\"a b\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\"} | 400 | validation-failed",
            "negative stock    | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":-1,\"category\":\"books-premium\"} | 400 | validation-failed",
            "unknown category  | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"no-such\"} | 400 | unknown-category",
            "price is a string | {\"sku\":\"S1\",\"name\":\"n\",\"price\":\"cheap\",\"stock\":1,\"category\":\"books-premium\"} | 400 | malformed-json",
            "not json          | nope | 400 | malformed-json",
            "bad attribute key | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\",\"attributes\":{\"Bad Key\":\"x\"}} | 400 | validation-failed",
            "attribute object  | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\",\"attributes\":{\"size\":{\"w\":1}}} | 400 | malformed-json",
            "http image        | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\",\"images\":[{\"url\":\"http://x.test/a.png\"}]} | 400 | validation-failed",
            "image without url | {\"sku\":\"S1\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\",\"images\":[{\"alt\":\"a\"}]} | 400 | validation-failed",
            "duplicate sku     | {\"sku\":\"SKU-000001\",\"name\":\"n\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"stock\":1,\"category\":\"books-premium\"} | 409 | duplicate-sku"
    })
    void rejectsBadProductsWithProblemJson(String name, String body, int status, String type) {
        CatalogIT.assertProblem(api.send("POST", "/api/v1/products", body, "Authorization", admin), status, type);
    }

    @Test
    void replacingAMissingProductOrChangingItsSkuIsRejected() {
        CatalogIT.assertProblem(api.send("PUT", "/api/v1/products/NO-SUCH-SKU", draft("NO-SUCH-SKU", "n", "1.00"),
                "Authorization", admin), 404, "not-found");
        CatalogIT.assertProblem(api.send("PUT", "/api/v1/products/SKU-000001", draft("SKU-000002", "n", "1.00"),
                "Authorization", admin), 400, "sku-mismatch");
        CatalogIT.assertProblem(api.get("/api/v1/products/SKU-000001", "X-Consistency-Token", "not-an-lsn"),
                400, "invalid-consistency-token");
    }

    /** Replay paused: the writer still reads its write (primary); anonymous readers see the replica's past. */
    @Test
    void aWriterReadsItsOwnWriteWhileTheReplicaLags() throws SQLException {
        create("Before");
        Await.until("replica has the product", 30, () -> "Before".equals(name(anonymous.get("/api/v1/products/" + sku))));
        try (var paused = Stack.get().pauseReplay()) {
                HttpResponse<String> replaced = api.send("PUT", "/api/v1/products/" + sku, draft(sku, "After", "2.00"),
                        "Authorization", admin);
                String token = replaced.headers().firstValue("X-Consistency-Token").orElseThrow();

                for (int i = 0; i < 4; i++) { // both instances, round robin
                    HttpResponse<String> own = api.get("/api/v1/products/" + sku, "X-Consistency-Token", token);
                    assertThat(name(own)).as("writer's read via %s", Api.servedBy(own)).isEqualTo("After");
                    assertThat(own.headers().firstValue("Cache-Control")).get().asString().contains("private");
                }
                assertThat(name(api.get("/api/v1/products/" + sku))).as("writer's read, token from the session")
                        .isEqualTo("After");
                assertThat(name(anonymous.get("/api/v1/products/" + sku))).as("anonymous read of the paused replicas")
                        .isEqualTo("Before");
        }
        Await.until("anonymous readers converge", 30, () -> "After".equals(name(anonymous.get("/api/v1/products/" + sku))));
    }

    /** Both instances cache the product; a write through HAProxy must not leave either serving the old one. */
    @Test
    void aWriteEvictsTheCacheOnEveryInstance() {
        create("Cached");
        for (String instance : Stack.get().instances().keySet()) {
            Api direct = new Api(Stack.get().instanceUrl(instance));
            Await.until(instance + " caches the product", 30, () -> "Cached".equals(name(direct.get("/api/v1/products/" + sku))));
        }

        api.send("PUT", "/api/v1/products/" + sku, draft(sku, "Fresh", "3.00"), "Authorization", admin);

        for (String instance : Stack.get().instances().keySet()) {
            Api direct = new Api(Stack.get().instanceUrl(instance));
            Await.until(instance + " serves the new product", 10, () -> "Fresh".equals(name(direct.get("/api/v1/products/" + sku))));
        }
        Await.sleep(1_000); // past the second, replay-triggered eviction
        for (int i = 0; i < 10; i++) {
            for (String instance : Stack.get().instances().keySet()) {
                assertThat(name(new Api(Stack.get().instanceUrl(instance)).get("/api/v1/products/" + sku)))
                        .as("read %d via %s", i, instance).isEqualTo("Fresh");
            }
        }
    }

    /**
     * A change made behind the application's back (straight into the primary) is invisible while the
     * entry is cached — through either instance, though only one of them read it: the cache is shared.
     */
    @Test
    void readsAreServedFromTheSharedCache() throws SQLException {
        create("Original");
        Api i1 = new Api(Stack.get().instanceUrl("i1"));
        Api i2 = new Api(Stack.get().instanceUrl("i2"));
        // the creation's own cache eviction runs once every replica has replayed it (re-checked with back-off
        // up to 1 s): let it pass first, or it may evict the entry i1 is about to cache (a CI run saw that)
        for (String replica : Stack.get().replicas()) {
            try (Connection connection = Stack.get().replicaAsSuperuser(replica)) {
                Await.until(replica + " has the new product", 30, () -> replicaName(connection).equals("Original"));
            }
        }
        Await.sleep(2_000);
        Await.until("i1 caches the product", 30, () -> "Original".equals(name(i1.get("/api/v1/products/" + sku))));

        try (Connection primary = Stack.get().primary()) {
            execute(primary, "UPDATE product SET name = 'Behind the back' WHERE sku = '" + sku + "'");
        }
        for (String replica : Stack.get().replicas()) {
            try (Connection connection = Stack.get().replicaAsSuperuser(replica)) {
                Await.until(replica + " has the direct change", 30, () -> replicaName(connection).equals("Behind the back"));
            }
        }

        assertThat(name(i2.get("/api/v1/products/" + sku))).as("i2 reads i1's cache entry").isEqualTo("Original");
        api.send("PUT", "/api/v1/products/" + sku, draft(sku, "Through the API", "1.00"), "Authorization", admin);
        Await.until("an API write evicts it", 10, () -> "Through the API".equals(name(i2.get("/api/v1/products/" + sku))));
    }

    private String replicaName(Connection replica) {
        try (Statement statement = replica.createStatement();
             var result = statement.executeQuery("SELECT name FROM product WHERE sku = '" + sku + "'")) {
            return result.next() ? result.getString(1) : "";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void conditionalGetsAnswer304UntilTheProductChanges() {
        create("Tagged");
        Await.until("replica has the product", 30, () -> anonymous.get("/api/v1/products/" + sku).statusCode() == 200);
        HttpResponse<String> first = anonymous.get("/api/v1/products/" + sku);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.headers().firstValue("Cache-Control")).get().asString().contains("max-age=");

        assertThat(anonymous.get("/api/v1/products/" + sku, "If-None-Match", etag).statusCode()).isEqualTo(304);

        api.send("PUT", "/api/v1/products/" + sku, draft(sku, "Retagged", "4.00"), "Authorization", admin);
        Await.until("a changed product has a new ETag", 30,
                () -> anonymous.get("/api/v1/products/" + sku, "If-None-Match", etag).statusCode() == 200);
        assertThat(anonymous.get("/api/v1/products/" + sku).headers().firstValue("ETag")).get().isNotEqualTo(etag);
    }

    @Test
    void listingsCarryETagsToo() {
        HttpResponse<String> listing = api.get("/api/v1/products?category=toys&size=5");
        String etag = listing.headers().firstValue("ETag").orElseThrow();

        assertThat(api.get("/api/v1/products?category=toys&size=5", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(api.get("/api/v1/products?category=toys&size=6", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    private void create(String name) {
        HttpResponse<String> created = api.send("POST", "/api/v1/products", draft(sku, name, "1.00"), "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String draft(String sku, String name, String price) {
        return """
                {"sku":"%s","name":"%s","description":"system test","price":{"amount":%s,"currency":"EUR"},
                 "stock":5,"category":"toys-premium"}""".formatted(sku, name, price);
    }

    private static String name(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        JsonObject json = Api.json(response);
        return json.getString("name");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
