package dev.scaleshop.orders.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.scaleshop.orders.entity.CustomerOrder;
import dev.scaleshop.orders.entity.OrderLine;
import dev.scaleshop.orders.entity.OrderStatus;
import dev.scaleshop.outbox.control.OutboxEvents;
import dev.scaleshop.platform.control.UuidV7;
import dev.scaleshop.sharding.control.Buckets;
import dev.scaleshop.sharding.control.Shards;
import dev.scaleshop.sharding.control.Shards.Access;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The shard's side of checkout and the order reads. An Idempotency-Key is claimed on the customer's
 * shard before anything else happens (IN_PROGRESS); the order is written only while the claim is still
 * IN_PROGRESS for that order (it becomes PLACED) — the recovery sweeper marks a dead checkout's claim
 * ABANDONED in the same row before it gives the stock back, so an order can never appear after its
 * stock was returned. Once the payment is decided, the answer the caller gets is stored (COMPLETED);
 * every replay of the key gets exactly that answer.
 */
@ApplicationScoped
public class ShardOrders {

    @Inject
    Shards shards;

    /** A key's record as the shard has it. */
    public record Claim(UUID orderId, String requestHash, String state, Integer responseStatus, String responseBody) {

        public boolean completed() {
            return "COMPLETED".equals(state);
        }

        public boolean placed() {
            return "PLACED".equals(state);
        }

        public boolean abandoned() {
            return "ABANDONED".equals(state);
        }
    }

    /**
     * Claims the key for this order: empty if the claim is ours (new, or taking over an abandoned one),
     * else the record that holds the key.
     */
    public Optional<Claim> claim(UUID customerId, int bucket, String key, String requestHash, UUID orderId, Instant now) {
        return shards.forBucket(bucket, Access.WRITE, em -> {
            int inserted = em.createNativeQuery("""
                    INSERT INTO idempotency_record (customer_id, idempotency_key, bucket, request_hash, order_id, state, created_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, 'IN_PROGRESS', ?6) ON CONFLICT (customer_id, idempotency_key) DO NOTHING""")
                    .setParameter(1, customerId).setParameter(2, key).setParameter(3, bucket).setParameter(4, requestHash)
                    .setParameter(5, orderId).setParameter(6, now.atOffset(ZoneOffset.UTC)).executeUpdate();
            if (inserted == 1) {
                return Optional.<Claim>empty();
            }
            Claim existing = find(em, customerId, key);
            if (existing.abandoned() && existing.requestHash().equals(requestHash)) {
                int taken = em.createNativeQuery("""
                        UPDATE idempotency_record SET order_id = ?3, state = 'IN_PROGRESS', created_at = ?4
                        WHERE customer_id = ?1 AND idempotency_key = ?2 AND state = 'ABANDONED'""")
                        .setParameter(1, customerId).setParameter(2, key).setParameter(3, orderId)
                        .setParameter(4, now.atOffset(ZoneOffset.UTC)).executeUpdate();
                if (taken == 1) {
                    return Optional.<Claim>empty();
                }
            }
            return Optional.of(existing);
        });
    }

    /** Gives a key back after a checkout failed for a reason the client may fix (out of stock, unknown product). */
    public void release(UUID customerId, String key, UUID orderId) {
        shards.forBucket(Buckets.of(customerId), Access.WRITE, em -> em.createNativeQuery("""
                DELETE FROM idempotency_record WHERE customer_id = ?1 AND idempotency_key = ?2 AND order_id = ?3
                AND state = 'IN_PROGRESS'""")
                .setParameter(1, customerId).setParameter(2, key).setParameter(3, orderId).executeUpdate());
    }

    /**
     * Writes the order (its claim becomes PLACED), if the claim is still this checkout's. False when the
     * recovery sweeper abandoned it meanwhile (then nothing is written).
     */
    public boolean place(CustomerOrder order, List<OrderLine> lines, String key) {
        return shards.forBucket(order.bucket(), Access.WRITE, em -> {
            int placed = em.createNativeQuery("""
                    UPDATE idempotency_record SET state = 'PLACED'
                    WHERE customer_id = ?1 AND idempotency_key = ?2 AND order_id = ?3 AND state = 'IN_PROGRESS'""")
                    .setParameter(1, order.customerId()).setParameter(2, key).setParameter(3, order.id()).executeUpdate();
            if (placed != 1) {
                return false;
            }
            em.persist(order);
            em.flush(); // the order row before its lines (no JPA relation orders the inserts)
            lines.forEach(em::persist);
            return true;
        });
    }

    /** Stores the answer the first caller gets: from now on every replay of the key gets exactly this. */
    private static void complete(EntityManager em, UUID orderId, int status, String body) {
        em.createNativeQuery("""
                UPDATE idempotency_record SET state = 'COMPLETED', response_status = ?2, response_body = ?3
                WHERE order_id = ?1 AND state = 'PLACED'""")
                .setParameter(1, orderId).setParameter(2, status).setParameter(3, body).executeUpdate();
    }

    /** An order with its lines. */
    public record Placed(CustomerOrder order, List<OrderLine> lines) {
    }

    /** What a checkout answers, and whether this call decided the payment (false: still pending, or decided before). */
    public record Answer(String body, boolean decidedNow) {
    }

    /**
     * The last step of a checkout, in one unit of work on the order's shard: records the payment's outcome
     * ({@code decision}; null while the provider has not decided) if the order is still PAYMENT_PENDING — a PAID
     * order's invoice request goes into the outbox in the same transaction (see OutboxRelay) —, renders the order
     * as it then is with {@code render}, and stores that as the answer of its Idempotency-Key if the key has none
     * yet: from then on every replay gets exactly this. An order decided before (the payment retry, another
     * instance) is left as it is and answered as it is.
     */
    public Answer answer(int bucket, UUID orderId, OrderStatus decision, Function<Placed, String> render, int status,
                         Instant now, String requestId) {
        return shards.forBucket(bucket, Access.WRITE, em -> {
            CustomerOrder order = em.find(CustomerOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
            if (order == null) {
                throw new IllegalStateException("no order " + orderId + " on the shard of bucket " + bucket);
            }
            boolean decidedNow = decision != null && order.status() == OrderStatus.PAYMENT_PENDING;
            if (decidedNow) {
                order.paymentDone(decision, now);
                if (decision == OrderStatus.PAID) {
                    em.createNativeQuery("""
                            INSERT INTO outbox_event (id, customer_id, bucket, type, subject_id, request_id, created_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                            .setParameter(1, UuidV7.next()).setParameter(2, order.customerId()).setParameter(3, order.bucket())
                            .setParameter(4, OutboxEvents.INVOICE_REQUESTED).setParameter(5, orderId).setParameter(6, requestId)
                            .setParameter(7, now.atOffset(ZoneOffset.UTC)).executeUpdate();
                }
            }
            String body = render.apply(new Placed(order, lines(em, orderId)));
            complete(em, orderId, status, body);
            return new Answer(body, decidedNow);
        });
    }

    /** Orders of one shard still waiting for a payment decision, created before {@code olderThan}, oldest first. */
    public List<CustomerOrder> awaitingPayment(int shard, Instant olderThan, int limit) {
        return shards.scan(shard, (em, notServed) -> em.createQuery("""
                SELECT o FROM CustomerOrder o WHERE o.status = :pending AND o.createdAt < :before
                AND o.bucket NOT IN :notServed ORDER BY o.createdAt""", CustomerOrder.class)
                .setParameter("pending", OrderStatus.PAYMENT_PENDING).setParameter("before", olderThan.atOffset(ZoneOffset.UTC))
                .setParameter("notServed", notServed).setMaxResults(limit).getResultList());
    }

    /**
     * Recovery: what became of a checkout whose reservation is still pending. True if its order exists;
     * otherwise its claim is marked ABANDONED (so it can never be written) and false is returned.
     */
    public boolean settle(int bucket, UUID orderId) {
        return shards.forBucket(bucket, Access.WRITE, em -> {
            @SuppressWarnings("unchecked")
            List<String> state = em.createNativeQuery("SELECT state FROM idempotency_record WHERE order_id = ?1 FOR UPDATE")
                    .setParameter(1, orderId).getResultList();
            if (!state.isEmpty() && ("PLACED".equals(state.get(0)) || "COMPLETED".equals(state.get(0)))) {
                return true; // the order exists
            }
            em.createNativeQuery("UPDATE idempotency_record SET state = 'ABANDONED' WHERE order_id = ?1 AND state = 'IN_PROGRESS'")
                    .setParameter(1, orderId).executeUpdate();
            return false;
        });
    }

    /** A claim the recovery sweeper looks at: its order and the customer's bucket. */
    public record StaleClaim(UUID orderId, int bucket) {
    }

    /**
     * Recovery: claims of one shard still in {@code state} (IN_PROGRESS: the checkout may have died before
     * reserving; PLACED: after writing the order, before answering) since before {@code olderThan}.
     */
    public List<StaleClaim> stale(int shard, String state, Instant olderThan) {
        return shards.scan(shard, (em, notServed) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT order_id, bucket FROM idempotency_record WHERE state = ?1 AND created_at < ?2
                    AND bucket NOT IN (SELECT bucket FROM bucket_state WHERE state <> 'SERVING') LIMIT 100""")
                    .setParameter(1, state).setParameter(2, olderThan.atOffset(ZoneOffset.UTC)).getResultList();
            return rows.stream().map(row -> new StaleClaim((UUID) row[0], ((Number) row[1]).intValue())).toList();
        });
    }

    /** The order with its lines, read in one unit of work. */
    public Optional<Placed> placed(int bucket, UUID orderId) {
        return shards.forBucket(bucket, Access.READ, em -> placed(em, orderId));
    }

    /** The order with its lines, read in the caller's unit of work on the order's shard. */
    public static Optional<Placed> placed(EntityManager em, UUID orderId) {
        return Optional.ofNullable(em.find(CustomerOrder.class, orderId)).map(order -> new Placed(order, lines(em, orderId)));
    }

    /** An order found by id alone on one shard (administrators: the id does not name the bucket). */
    public Optional<CustomerOrder> findOnShard(int shard, UUID orderId) {
        return shards.scan(shard, (em, notServed) -> em.createQuery(
                "SELECT o FROM CustomerOrder o WHERE o.id = :id AND o.bucket NOT IN :notServed", CustomerOrder.class)
                .setParameter("id", orderId).setParameter("notServed", notServed).getResultStream().findFirst());
    }

    public List<OrderLine> lines(int bucket, UUID orderId) {
        return shards.forBucket(bucket, Access.READ, em -> lines(em, orderId));
    }

    private static List<OrderLine> lines(EntityManager em, UUID orderId) {
        return em.createQuery("SELECT l FROM OrderLine l WHERE l.orderId = :order ORDER BY l.lineNo", OrderLine.class)
                .setParameter("order", orderId).getResultList();
    }

    /** A customer's orders, newest first, one page. */
    public List<CustomerOrder> ofCustomer(UUID customerId, int limit, int offset) {
        return shards.forBucket(Buckets.of(customerId), Access.READ, em -> em.createQuery("""
                SELECT o FROM CustomerOrder o WHERE o.customerId = :customer ORDER BY o.createdAt DESC, o.id DESC""",
                CustomerOrder.class)
                .setParameter("customer", customerId).setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    private static Claim find(EntityManager em, UUID customerId, String key) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT order_id, request_hash, state, response_status, response_body FROM idempotency_record
                WHERE customer_id = ?1 AND idempotency_key = ?2""")
                .setParameter(1, customerId).setParameter(2, key).getSingleResult();
        return new Claim((UUID) row[0], ((String) row[1]).trim(), (String) row[2],
                row[3] == null ? null : ((Number) row[3]).intValue(), (String) row[4]);
    }
}
