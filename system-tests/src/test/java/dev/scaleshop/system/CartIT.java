package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cart in the replicated session, through HAProxy: priced by the catalog, merged at login, private per customer. */
class CartIT {

    private final Api browser = Api.throughHaproxy();

    @Test
    void pricesComeFromTheCatalogNeverFromTheClient() {
        HttpResponse<String> added = browser.postJson("/api/v1/cart/items",
                "{\"sku\":\"SKU-000042\",\"quantity\":2,\"unitPrice\":0.01,\"price\":{\"amount\":0.01}}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        JsonObject line = Api.json(added).getJsonArray("items").getJsonObject(0);
        assertThat(line.getJsonNumber("unitPrice").bigDecimalValue()).isEqualByComparingTo("329.98");
        assertThat(line.getJsonNumber("lineTotal").bigDecimalValue()).isEqualByComparingTo("659.96");

        browser.postJson("/api/v1/cart/items", "{\"sku\":\"SKU-000042\",\"quantity\":1}");
        browser.postJson("/api/v1/cart/items", "{\"sku\":\"SKU-000043\",\"quantity\":1}");
        JsonObject cart = Api.json(browser.get("/api/v1/cart"));
        assertThat(cart.getInt("itemCount")).isEqualTo(4);
        assertThat(cart.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(item -> item.getString("sku") + "×" + item.getInt("quantity"))
                .containsExactly("SKU-000042×3", "SKU-000043×1");

        JsonObject replaced = Api.json(browser.send("PUT", "/api/v1/cart",
                "{\"items\":[{\"sku\":\"SKU-000001\",\"quantity\":5}]}"));
        assertThat(replaced.getInt("itemCount")).isEqualTo(5);
        assertThat(Api.json(browser.send("DELETE", "/api/v1/cart/items/SKU-000001", null)).getInt("itemCount")).isZero();
        browser.postJson("/api/v1/cart/items", "{\"sku\":\"SKU-000002\",\"quantity\":1}");
        assertThat(browser.send("DELETE", "/api/v1/cart", null).statusCode()).isEqualTo(204);
        assertThat(Api.json(browser.get("/api/v1/cart")).getInt("itemCount")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown product | {\"sku\":\"NO-SUCH-SKU\",\"quantity\":1} | 400 | unknown-product",
            "zero quantity   | {\"sku\":\"SKU-000001\",\"quantity\":0}  | 400 | validation-failed",
            "huge quantity   | {\"sku\":\"SKU-000001\",\"quantity\":100} | 400 | validation-failed",
            "bad sku         | {\"sku\":\"a b\",\"quantity\":1}         | 400 | validation-failed",
            "no quantity     | {\"sku\":\"SKU-000001\"}                 | 400 | validation-failed",
            "not json        | [1,                                     | 400 | malformed-json"
    })
    void rejectsBadLines(String name, String body, int status, String type) {
        CatalogIT.assertProblem(browser.postJson("/api/v1/cart/items", body), status, type);
    }

    @Test
    void theAnonymousCartSurvivesLoginAndStaysPrivate() {
        browser.postJson("/api/v1/cart/items", "{\"sku\":\"SKU-000100\",\"quantity\":2}");
        IdentityIT.Customer hana = IdentityIT.Customer.register(Api.throughHaproxy(), "hana");

        JsonObject merged = Api.json(browser.get("/api/v1/cart", "Authorization", hana.bearer()));
        assertThat(merged.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(item -> item.getString("sku") + "×" + item.getInt("quantity"))
                .containsExactly("SKU-000100×2");
        assertThat(Api.json(browser.get("/api/v1/cart")).getInt("itemCount"))
                .as("the anonymous cart moved into the customer's").isZero();

        IdentityIT.Customer ivan = IdentityIT.Customer.register(Api.throughHaproxy(), "ivan");
        assertThat(Api.json(browser.get("/api/v1/cart", "Authorization", ivan.bearer())).getInt("itemCount"))
                .as("another customer on the same browser does not see hana's cart").isZero();
        assertThat(Api.json(browser.get("/api/v1/cart", "Authorization", hana.bearer())).getInt("itemCount")).isEqualTo(2);
    }
}
