package dev.scaleshop.orders.control;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The main database's side of checkout: stock taken for an order (PENDING), then kept (CONFIRMED) once
 * the order is on its shard, or given back (RELEASED). Each call is a transaction of its own on the
 * primary. Stock never goes below zero: a line is taken only {@code WHERE stock >= quantity}, and the
 * table's CHECK constraint stands behind that.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class StockReservations {

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    /** What the catalog said about a line when its stock was taken. */
    public record PricedLine(String sku, String name, BigDecimal unitPrice, String currency, int quantity) {
    }

    /** A line as the customer asked for it. */
    public record Requested(String sku, int quantity) {
    }

    /**
     * Takes the stock of every line and records the reservation; all or nothing. 409 out-of-stock,
     * 400 unknown-product or mixed-currencies (and nothing taken) when the lines cannot be served.
     */
    public List<PricedLine> reserve(UUID orderId, UUID customerId, int bucket, List<Requested> lines, Instant now) {
        List<PricedLine> priced = new ArrayList<>();
        JsonArrayBuilder recorded = Jsons.createArrayBuilder();
        for (Requested line : lines) { // in SKU order (the caller sorts): two checkouts never lock rows crosswise
            @SuppressWarnings("unchecked")
            List<Object[]> taken = em.createNativeQuery("""
                    UPDATE product SET stock = stock - ?1 WHERE sku = ?2 AND stock >= ?1
                    RETURNING name, price_amount, currency""")
                    .setParameter(1, line.quantity()).setParameter(2, line.sku()).getResultList();
            if (taken.isEmpty()) {
                boolean known = !em.createNativeQuery("SELECT 1 FROM product WHERE sku = ?1")
                        .setParameter(1, line.sku()).getResultList().isEmpty();
                throw known
                        ? InvalidRequestException.conflict("out-of-stock", "not enough stock for " + line.quantity() + " x " + line.sku())
                        : new InvalidRequestException("unknown-product", "no product with SKU " + line.sku());
            }
            Object[] product = taken.get(0);
            priced.add(new PricedLine(line.sku(), (String) product[0], (BigDecimal) product[1], ((String) product[2]).trim(),
                    line.quantity()));
            recorded.add(Jsons.createObjectBuilder().add("sku", line.sku()).add("quantity", line.quantity()));
        }
        if (priced.stream().map(PricedLine::currency).distinct().count() > 1) { // rolls the stock back
            throw new InvalidRequestException("mixed-currencies", "the lines are priced in different currencies; "
                    + "one order is paid in one currency, order them separately");
        }
        em.createNativeQuery("""
                INSERT INTO stock_reservation (order_id, customer_id, bucket, lines, status, created_at)
                VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), 'PENDING', ?5)""")
                .setParameter(1, orderId).setParameter(2, customerId).setParameter(3, bucket)
                .setParameter(4, recorded.build().toString()).setParameter(5, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
        return priced;
    }

    /** The order is on its shard: the stock stays taken. */
    public boolean confirm(UUID orderId, Instant now) {
        return settle(orderId, "CONFIRMED", now);
    }

    /** The order will never exist: the stock goes back. False if the reservation was already settled. */
    public boolean release(UUID orderId, Instant now) {
        return giveBack(orderId, "PENDING", now);
    }

    /** The order's payment was declined: its confirmed stock goes back. False if it had already gone back. */
    public boolean returnStock(UUID orderId, Instant now) {
        return giveBack(orderId, "CONFIRMED", now);
    }

    private boolean giveBack(UUID orderId, String from, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> lines = em.createNativeQuery(
                "SELECT CAST(lines AS text) FROM stock_reservation WHERE order_id = ?1 AND status = ?2 FOR UPDATE")
                .setParameter(1, orderId).setParameter(2, from).getResultList();
        if (lines.isEmpty()) {
            return false;
        }
        for (JsonValue line : Jsons.createReader(new java.io.StringReader(lines.get(0))).readArray()) {
            JsonObject taken = line.asJsonObject();
            em.createNativeQuery("UPDATE product SET stock = stock + ?1 WHERE sku = ?2")
                    .setParameter(1, taken.getInt("quantity")).setParameter(2, taken.getString("sku")).executeUpdate();
        }
        return em.createNativeQuery("""
                UPDATE stock_reservation SET status = 'RELEASED', settled_at = ?3 WHERE order_id = ?1 AND status = ?2""")
                .setParameter(1, orderId).setParameter(2, from).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    /** Reservations still PENDING after {@code olderThan}, oldest first: (order id, bucket). */
    @SuppressWarnings("unchecked")
    public List<Object[]> unsettled(Instant olderThan, int limit) {
        return em.createNativeQuery("""
                SELECT order_id, bucket FROM stock_reservation
                WHERE status = 'PENDING' AND created_at < ?1 ORDER BY created_at LIMIT ?2""")
                .setParameter(1, olderThan.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList();
    }

    /** Whether a reservation was ever made for this order (any state). */
    public boolean exists(UUID orderId) {
        return !em.createNativeQuery("SELECT 1 FROM stock_reservation WHERE order_id = ?1")
                .setParameter(1, orderId).getResultList().isEmpty();
    }

    private boolean settle(UUID orderId, String status, Instant now) {
        return em.createNativeQuery("""
                UPDATE stock_reservation SET status = ?2, settled_at = ?3 WHERE order_id = ?1 AND status = 'PENDING'""")
                .setParameter(1, orderId).setParameter(2, status).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .executeUpdate() == 1;
    }
}
