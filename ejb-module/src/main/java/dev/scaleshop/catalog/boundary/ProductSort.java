package dev.scaleshop.catalog.boundary;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.scaleshop.problems.InvalidRequestException;

/**
 * The orders a listing can be sorted in; a leading '-' in the query parameter means descending. The
 * SKU (unique) always breaks ties, so pages are stable.
 */
public enum ProductSort {
    SKU("sku", "p.sku"),
    NAME("name", "p.name"),
    PRICE("price", "p.priceAmount"),
    STOCK("stock", "p.stock");

    private final String key;
    private final String path;

    ProductSort(String key, String path) {
        this.key = key;
        this.path = path;
    }

    /** A parsed {@code sort} parameter: which key, which direction. */
    public record Order(ProductSort sort, boolean descending) implements java.io.Serializable {

        public String jpql() {
            String direction = descending ? " DESC" : " ASC";
            return sort == SKU ? "p.sku" + direction : sort.path + direction + ", p.sku ASC";
        }

        public String key() {
            return (descending ? "-" : "") + sort.key;
        }
    }

    public static Order parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Order(SKU, false);
        }
        String value = raw.strip();
        boolean descending = value.startsWith("-");
        String key = descending ? value.substring(1) : value;
        return Arrays.stream(values())
                .filter(s -> s.key.equals(key))
                .findFirst()
                .map(s -> new Order(s, descending))
                .orElseThrow(() -> new InvalidRequestException("invalid-sort", "sort must be one of "
                        + Arrays.stream(values()).map(s -> s.key).collect(Collectors.joining(", "))
                        + ", optionally prefixed with '-' for descending"));
    }
}
