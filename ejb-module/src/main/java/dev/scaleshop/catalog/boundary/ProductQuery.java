package dev.scaleshop.catalog.boundary;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.scaleshop.problems.InvalidRequestException;

/**
 * A catalog search: optional text (in name or description), category (with its subcategories) and
 * price range, a sort order and a bounded page. Built from raw query parameters by {@link #parse};
 * every malformed parameter is a client error with its own problem type.
 */
public record ProductQuery(Optional<String> text, Optional<String> category, Optional<BigDecimal> minPrice,
                           Optional<BigDecimal> maxPrice, ProductSort.Order order, PageRequest page)
        implements Serializable {

    public static final int MAX_TEXT = 100;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern PRICE = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");

    public static ProductQuery parse(String text, String category, String minPrice, String maxPrice, String sort,
                                     String page, String size) {
        Optional<BigDecimal> min = price("minPrice", minPrice);
        Optional<BigDecimal> max = price("maxPrice", maxPrice);
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            throw new InvalidRequestException("invalid-price", "minPrice must not exceed maxPrice");
        }
        return new ProductQuery(text(text), category(category), min, max, ProductSort.parse(sort),
                PageRequest.parse(page, size));
    }

    /** A stable key for caching this query's result page. */
    public String cacheKey() {
        return String.join("|", text.orElse(""), category.orElse("*"), minPrice.map(BigDecimal::toPlainString).orElse(""),
                maxPrice.map(BigDecimal::toPlainString).orElse(""), order.key(),
                Integer.toString(page.page()), Integer.toString(page.size()));
    }

    /** The LIKE pattern for the text: lower case, with LIKE's own wildcards escaped. */
    public Optional<String> likePattern() {
        return text.map(t -> "%" + t.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    private static Optional<String> text(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.length() > MAX_TEXT) {
            throw new InvalidRequestException("invalid-search", "q holds at most " + MAX_TEXT + " characters");
        }
        return Optional.of(text);
    }

    private static Optional<String> category(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (!SLUG.matcher(raw).matches()) {
            throw new InvalidRequestException("unknown-category", "category slugs hold 1 to 64 of [a-z0-9-]");
        }
        return Optional.of(raw);
    }

    private static Optional<BigDecimal> price(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (!PRICE.matcher(raw.strip()).matches()) {
            throw new InvalidRequestException("invalid-price",
                    name + " must be a non-negative amount with at most two decimals, like 19.99");
        }
        return Optional.of(new BigDecimal(raw.strip()));
    }
}
