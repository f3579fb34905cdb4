package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog slice through HAProxy, against the seeded main database and its replica. */
class CatalogIT {

    private final Api api = Api.throughHaproxy();

    @Test
    void categoriesFormATreeLinkedToTheirProducts() {
        JsonObject tree = Api.json(api.get("/api/v1/categories"));
        var roots = tree.getJsonArray("categories").getValuesAs(JsonObject.class);
        assertThat(roots).extracting(root -> root.getString("slug"))
                .containsExactly("books", "electronics", "home", "sports", "toys"); // by name
        JsonObject books = roots.get(0);
        assertThat(books.getJsonArray("children").getValuesAs(JsonObject.class))
                .extracting(child -> child.getString("slug"))
                .containsExactlyInAnyOrder("books-essentials", "books-premium", "books-accessories", "books-outlet");

        HttpResponse<String> premium = api.get("/api/v1/categories/books-premium");
        assertThat(premium.statusCode()).isEqualTo(200);
        JsonObject node = Api.json(premium);
        assertThat(node.getString("name")).isEqualTo("Books / Premium");
        JsonObject products = Api.json(api.get(node.getString("products") + "&size=5"));
        assertThat(products.getJsonNumber("totalItems").longValue()).isEqualTo(600);
        assertProblem(api.get("/api/v1/categories/no-such"), 404, "not-found");
    }

    /** Anonymous reads are spread over every replica in rotation (each standby counts its own index scans). */
    @Test
    void readsAreSpreadOverEveryReplica() {
        Map<String, Long> before = productIndexScans();
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 60; i++) { // random SKUs: cache misses, answered by a replica
            assertThat(api.getFromOrigin("/api/v1/products/SKU-%06d".formatted(1 + random.nextInt(12_000))).statusCode())
                    .isEqualTo(200);
        }
        for (String replica : Stack.get().replicas()) { // standbys publish their statistics within a second or so
            Await.until(replica + " served a share of the reads", 15,
                    () -> productIndexScans().get(replica) - before.get(replica) >= 10);
        }
    }

    private static Map<String, Long> productIndexScans() {
        Map<String, Long> scans = new java.util.TreeMap<>();
        for (String replica : Stack.get().replicas()) {
            try (Connection connection = Stack.get().replicaAsSuperuser(replica);
                 var statement = connection.createStatement();
                 var result = statement.executeQuery(
                         "SELECT coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'product'")) {
                scans.put(replica, result.next() ? result.getLong(1) : 0);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return scans;
    }

    /** Anonymous repeats are answered by HAProxy's micro-cache; writers and no-cache requests reach an instance. */
    @Test
    void anonymousRepeatsAreAnsweredByTheEdgeCache() {
        String path = "/api/v1/products/SKU-011111";
        HttpResponse<String> origin = api.getFromOrigin(path);
        assertThat(Api.servedBy(origin)).isIn(Stack.get().instances().keySet());
        assertThat(origin.headers().firstValue("Cache-Control")).get().asString().contains("s-maxage=");

        api.get(path); // stores it, unless a recent read already did
        HttpResponse<String> hit = api.get(path, "X-Request-Id", "edge-probe-1");
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(Api.servedBy(hit)).isEqualTo("edge-cache");
        assertThat(hit.headers().firstValue("X-Request-Id")).as("the caller's id, not the stored one").hasValue("edge-probe-1");
        assertThat(hit.body()).isEqualTo(origin.body());
        String etag = hit.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo(origin.headers().firstValue("ETag").orElseThrow());
        assertThat(api.get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);

        HttpResponse<String> writer = api.get(path, "X-Consistency-Token", "0/1");
        assertThat(Api.servedBy(writer)).as("a writer's read").isIn(Stack.get().instances().keySet());
        assertThat(writer.headers().firstValue("X-Cache")).isEmpty();
    }

    @Test
    void servesASeededProductBySku() {
        HttpResponse<String> response = api.get("/api/v1/products/SKU-000042");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject product = Api.json(response);
        assertThat(product.getString("sku")).isEqualTo("SKU-000042");
        assertThat(product.getString("name")).isEqualTo("Product 42");
        assertThat(product.getJsonObject("price").getString("currency")).isEqualTo("EUR");
        assertThat(product.getString("category")).isEqualTo("electronics-accessories");
    }

    @Test
    void pagesThroughACategoryIncludingItsSubcategories() {
        JsonObject page = Api.json(api.get("/api/v1/products?category=books&page=2&size=7"));

        assertThat(page.getJsonArray("items")).hasSize(7);
        assertThat(page.getInt("page")).isEqualTo(2);
        assertThat(page.getJsonNumber("totalItems").longValue()).isEqualTo(2400);
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class))
                .allSatisfy(p -> assertThat(p.getString("category")).startsWith("books-"));
    }

    @Test
    void listsTheWholeCatalogWhenNoCategoryIsGiven() {
        JsonObject page = Api.json(api.get("/api/v1/products"));

        assertThat(page.getJsonNumber("totalItems").longValue()).isGreaterThanOrEqualTo(10_000);
        assertThat(page.getInt("size")).isEqualTo(20);
    }

    @Test
    void searchesNameAndDescriptionCaseInsensitively() {
        JsonObject page = Api.json(api.get("/api/v1/products?q=pRoDuCt%201234"));

        assertThat(page.getJsonNumber("totalItems").longValue()).isEqualTo(1);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("sku")).isEqualTo("SKU-001234");
    }

    @Test
    void filtersByPriceRangeAndSortsByPrice() {
        JsonObject page = Api.json(api.get("/api/v1/products?category=home&minPrice=100&maxPrice=150.50&sort=-price&size=50"));

        var prices = page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getJsonObject("price").getJsonNumber("amount").bigDecimalValue()).toList();
        assertThat(prices).isNotEmpty()
                .allSatisfy(price -> assertThat(price).isBetween(new java.math.BigDecimal("100"), new java.math.BigDecimal("150.50")));
        assertThat(prices).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(page.getJsonArray("items").getValuesAs(JsonObject.class))
                .allSatisfy(p -> assertThat(p.getString("category")).startsWith("home-"));
    }

    @Test
    void pagesOfASortedSearchDoNotOverlap() {
        var first = Api.json(api.get("/api/v1/products?sort=stock&size=30&page=0")).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(p -> p.getString("sku")).toList();
        var second = Api.json(api.get("/api/v1/products?sort=stock&size=30&page=1")).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(p -> p.getString("sku")).toList();

        assertThat(first).hasSize(30).doesNotContainAnyElementsOf(second);
    }

    @Test
    void answersProblemJsonForAnUnknownSku() {
        HttpResponse<String> response = api.get("/api/v1/products/SKU-999999");

        assertProblem(response, 404, "not-found");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "/api/v1/products?page=-1,                 400, invalid-paging",
            "/api/v1/products?size=0,                  400, invalid-paging",
            "/api/v1/products?size=101,                400, invalid-paging",
            "/api/v1/products?page=abc,                400, invalid-paging",
            "/api/v1/products?page=99999999&size=100,  400, invalid-paging",
            "/api/v1/products?category=no-such-thing,  400, unknown-category",
            "/api/v1/products?category=Bad%20Slug,     400, unknown-category",
            "/api/v1/products/%3Cscript%3E,            400, invalid-sku",
            "/api/v1/products?sort=popularity,         400, invalid-sort",
            "/api/v1/products?minPrice=abc,            400, invalid-price",
            "/api/v1/products?minPrice=30&maxPrice=20, 400, invalid-price",
            "/api/v1/products?maxPrice=1.005,          400, invalid-price",
            "/api/v1/no-such-resource,                 404, not-found"
    })
    void answersClientMistakesWithProblemJson(String path, int status, String type) {
        assertProblem(api.get(path), status, type);
    }

    @Test
    void echoesTheCallersRequestIdAndMintsOneOtherwise() {
        HttpResponse<String> echoed = api.get("/api/v1/products/SKU-000001", "X-Request-Id", "catalog-it-7");
        HttpResponse<String> minted = api.get("/api/v1/products/SKU-000001");

        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("catalog-it-7");
        assertThat(minted.headers().firstValue("X-Request-Id")).get().asString().hasSize(36);
    }

    /**
     * Replay paused on every replica, a product inserted on the primary: the API cannot see it until
     * replay resumes — so reads really are served by the replicas, not the primary.
     */
    @Test
    void readsAreServedByTheReplica() throws SQLException {
        String sku = "SKU-RT-" + System.nanoTime() % 1_000_000;
        try (Connection primary = Stack.get().primary()) {
            try (var paused = Stack.get().pauseReplay()) {
                insertProduct(primary, sku);
                Await.sleep(1_000);
                for (int i = 0; i < 4; i++) { // both instances, both replicas
                    assertThat(api.get("/api/v1/products/" + sku).statusCode())
                            .as("a product only the primary has").isEqualTo(404);
                }
            }
            Await.until("replica caught up and serves " + sku, 30,
                    () -> api.get("/api/v1/products/" + sku).statusCode() == 200);
            try (PreparedStatement delete = primary.prepareStatement("DELETE FROM product WHERE sku = ?")) {
                delete.setString(1, sku);
                delete.executeUpdate();
            }
        }
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonObject problem = Api.json(response);
        assertThat(problem.getString("type")).isEqualTo("https://scaleshop.dev/problems/" + type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    private static void insertProduct(Connection primary, String sku) throws SQLException {
        try (PreparedStatement insert = primary.prepareStatement("""
                INSERT INTO product (id, sku, name, description, price_amount, currency, stock, category_id)
                VALUES ((SELECT max(id) + 1 FROM product), ?, 'Routing probe', '', 1.00, 'EUR', 1, 101)""")) {
            insert.setString(1, sku);
            insert.executeUpdate();
        }
    }
}
