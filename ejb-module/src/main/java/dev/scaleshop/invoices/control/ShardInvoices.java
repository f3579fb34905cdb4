package dev.scaleshop.invoices.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.scaleshop.outbox.control.OutboxEvents;
import dev.scaleshop.sharding.control.Buckets;
import dev.scaleshop.sharding.control.Shards;
import dev.scaleshop.sharding.control.Shards.Access;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Invoices on their customer's shard, next to the order: one per order. */
@ApplicationScoped
public class ShardInvoices {

    /** A stored invoice. */
    public record Stored(String number, byte[] pdf) {
    }

    @Inject
    Shards shards;

    /**
     * Stores the invoice unless the order has one already (a redelivered job), in the caller's unit of work
     * on the customer's shard; true if this one was stored.
     */
    public static boolean store(EntityManager em, UUID customerId, UUID orderId, String number, byte[] pdf, Instant now) {
        int bucket = Buckets.of(customerId);
        return em.createNativeQuery("""
                INSERT INTO invoice (order_id, customer_id, bucket, number, pdf, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (order_id) DO NOTHING""")
                .setParameter(1, orderId).setParameter(2, customerId).setParameter(3, bucket).setParameter(4, number)
                .setParameter(5, pdf).setParameter(6, now.atOffset(ZoneOffset.UTC)).executeUpdate() == 1;
    }

    /** True while the order's INVOICE_REQUESTED event waits in the outbox for the relay. */
    public boolean requestPending(UUID customerId, UUID orderId) {
        return shards.forBucket(Buckets.of(customerId), Access.READ, em -> !em.createNativeQuery(
                "SELECT 1 FROM outbox_event WHERE subject_id = ?1 AND customer_id = ?2 AND type = ?3")
                .setParameter(1, orderId).setParameter(2, customerId).setParameter(3, OutboxEvents.INVOICE_REQUESTED)
                .getResultList().isEmpty());
    }

    public Optional<Stored> find(UUID customerId, UUID orderId) {
        return shards.forBucket(Buckets.of(customerId), Access.READ, em -> find(em, customerId, orderId));
    }

    /** The order's invoice, read in the caller's unit of work on the customer's shard. */
    public static Optional<Stored> find(EntityManager em, UUID customerId, UUID orderId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT number, pdf FROM invoice WHERE order_id = ?1 AND customer_id = ?2")
                .setParameter(1, orderId).setParameter(2, customerId).getResultList();
        return rows.stream().findFirst().map(row -> new Stored((String) row[0], (byte[]) row[1]));
    }
}
