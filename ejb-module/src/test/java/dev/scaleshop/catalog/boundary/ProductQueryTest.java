package dev.scaleshop.catalog.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import dev.scaleshop.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductQueryTest {

    @Test
    void everythingIsOptional() {
        ProductQuery query = ProductQuery.parse(null, null, null, null, null, null, null);

        assertThat(query.text()).isEmpty();
        assertThat(query.category()).isEmpty();
        assertThat(query.order().jpql()).isEqualTo("p.sku ASC");
        assertThat(query.page().size()).isEqualTo(PageRequest.DEFAULT_SIZE);
    }

    @Test
    void sortsDescendingWithTheSkuAsTieBreaker() {
        ProductQuery query = ProductQuery.parse(null, null, null, null, "-price", null, null);

        assertThat(query.order().jpql()).isEqualTo("p.priceAmount DESC, p.sku ASC");
        assertThat(query.order().key()).isEqualTo("-price");
    }

    @Test
    void escapesLikeWildcardsInTheSearchText() {
        ProductQuery query = ProductQuery.parse("  50%_Off\\ ", null, null, null, null, null, null);

        assertThat(query.likePattern()).hasValue("%50\\%\\_off\\\\%");
    }

    @Test
    void differentQueriesHaveDifferentCacheKeys() {
        String a = ProductQuery.parse("lamp", "home", "1", "20", "name", "0", "10").cacheKey();
        String b = ProductQuery.parse("lamp", "home", "1", "20", "-name", "0", "10").cacheKey();
        String c = ProductQuery.parse("lamp", "home", "1.00", "20", "name", "0", "10").cacheKey();

        assertThat(a).isNotEqualTo(b);
        assertThat(a).isNotEqualTo(c); // 1 and 1.00 are the same price but cached apart: harmless
        assertThat(ProductQuery.parse("lamp", "home", "1", "20", "name", "0", "10").cacheKey()).isEqualTo(a);
    }

    @Test
    void acceptsAPriceRange() {
        ProductQuery query = ProductQuery.parse(null, null, "10", "19.99", null, null, null);

        assertThat(query.minPrice()).hasValue(new BigDecimal("10"));
        assertThat(query.maxPrice()).hasValue(new BigDecimal("19.99"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown sort key     |  |      |       |    | popularity | invalid-sort",
            "sort by bare dash    |  |      |       |    | -          | invalid-sort",
            "malformed min price  |  |      | abc   |    |            | invalid-price",
            "negative max price   |  |      |       | -5 |            | invalid-price",
            "three decimals       |  |      | 1.005 |    |            | invalid-price",
            "min above max        |  |      | 30    | 20 |            | invalid-price",
            "bad category slug    |  | Bad! |       |    |            | unknown-category"
    })
    void rejectsMalformedParameters(String name, String text, String category, String min, String max, String sort,
                                    String type) {
        assertThatThrownBy(() -> ProductQuery.parse(text, category, min, max, sort, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).problemType())
                .isEqualTo(type);
    }

    @Test
    void rejectsOverlongSearchText() {
        assertThatThrownBy(() -> ProductQuery.parse("x".repeat(101), null, null, null, null, null, null))
                .extracting(e -> ((InvalidRequestException) e).problemType())
                .isEqualTo("invalid-search");
    }
}
