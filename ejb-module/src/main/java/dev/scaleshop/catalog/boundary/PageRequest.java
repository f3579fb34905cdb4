package dev.scaleshop.catalog.boundary;

import dev.scaleshop.problems.InvalidRequestException;

/** A bounded page of a listing: page numbers start at 0 and a page holds at most {@link #MAX_SIZE} items. */
public record PageRequest(int page, int size) implements java.io.Serializable {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Deep offset paging is expensive; beyond this, clients must narrow the query. */
    public static final int MAX_OFFSET = 100_000;

    public PageRequest {
        if (page < 0) {
            throw invalid("page must be 0 or greater, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw invalid("size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if ((long) page * size > MAX_OFFSET) {
            throw invalid("page * size must not exceed " + MAX_OFFSET);
        }
    }

    /** Parses raw query parameters; absent values take defaults, anything else malformed is a client error. */
    public static PageRequest parse(String page, String size) {
        return new PageRequest(parseOr(page, "page", 0), parseOr(size, "size", DEFAULT_SIZE));
    }

    public int offset() {
        return page * size;
    }

    private static int parseOr(String raw, String name, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer, was '" + abbreviate(raw) + "'");
        }
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 32 ? raw : raw.substring(0, 32) + "…";
    }

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException("invalid-paging", detail);
    }
}
