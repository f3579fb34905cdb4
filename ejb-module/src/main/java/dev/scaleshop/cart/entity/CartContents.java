package dev.scaleshop.cart.entity;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.scaleshop.problems.InvalidRequestException;

/** SKU → quantity, in the order lines were added. Lives in the HTTP session; mutate, then store it again. */
public class CartContents implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 99;

    private final LinkedHashMap<String, Integer> lines = new LinkedHashMap<>();

    public Map<String, Integer> lines() {
        return Collections.unmodifiableMap(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Adds to a line (quantities add up, capped at {@link #MAX_QUANTITY}). */
    public void add(String sku, int quantity) {
        if (!lines.containsKey(sku) && lines.size() >= MAX_LINES) {
            throw new InvalidRequestException("cart-full", "a cart holds at most " + MAX_LINES + " different products");
        }
        lines.merge(sku, quantity, (a, b) -> Math.min(MAX_QUANTITY, a + b));
    }

    public void set(String sku, int quantity) {
        lines.remove(sku);
        add(sku, quantity);
    }

    public void remove(String sku) {
        lines.remove(sku);
    }

    public void clear() {
        lines.clear();
    }

    /** Moves every line of the other cart into this one (login: the anonymous cart joins the customer's). */
    public void absorb(CartContents other) {
        other.lines.forEach((sku, quantity) -> {
            if (lines.containsKey(sku) || lines.size() < MAX_LINES) {
                lines.merge(sku, quantity, (a, b) -> Math.min(MAX_QUANTITY, a + b));
            }
        });
        other.clear();
    }
}
