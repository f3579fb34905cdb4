package dev.scaleshop.cart.boundary;

import java.math.BigDecimal;
import java.util.List;

/** A cart priced from the catalog now: lines, and totals per currency. */
public record CartView(List<Line> items, List<Total> totals, int itemCount) {

    /** A line; a product that no longer exists stays visible as unavailable, without a price. */
    public record Line(String sku, String name, int quantity, BigDecimal unitPrice, String currency,
                       BigDecimal lineTotal, boolean available) {
    }

    public record Total(BigDecimal amount, String currency) {
    }
}
