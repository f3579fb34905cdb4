package dev.scaleshop.orders.boundary;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.catalog.control.CatalogCache;
import dev.scaleshop.catalog.control.ReplicaConsistency;
import dev.scaleshop.orders.control.OrderPayments;
import dev.scaleshop.orders.control.ShardOrders;
import dev.scaleshop.orders.control.StockReservations;
import dev.scaleshop.orders.control.StockReservations.PricedLine;
import dev.scaleshop.orders.control.StockReservations.Requested;
import dev.scaleshop.orders.entity.CustomerOrder;
import dev.scaleshop.orders.entity.OrderLine;
import dev.scaleshop.platform.control.UuidV7;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.problems.UnavailableException;
import dev.scaleshop.sharding.control.Buckets;
import dev.scaleshop.sharding.control.ShardMap;
import dev.scaleshop.sharding.control.Shards;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Checkout and order reads. Checkout is a saga over two databases, each step a local transaction:
 * <ol>
 * <li>claim the Idempotency-Key on the customer's shard (a replay finds the stored answer here);</li>
 * <li>take the stock and record a PENDING reservation in the main database;</li>
 * <li>write the order on the shard — only while the claim is still this checkout's;</li>
 * <li>confirm the reservation;</li>
 * <li>the caller asks the payment provider to authorize the total, and {@link #paymentDecided} records
 * the answer: PAID, PAYMENT_FAILED, or — the provider slow or down — PAYMENT_PENDING, retried later —
 * and stores the answer for the key: replays get exactly what the first caller got.</li>
 * </ol>
 * A process dying between the steps leaves a PENDING reservation, which {@code OrderRecovery} settles:
 * confirmed if the order exists, else the claim is abandoned and the stock given back. So there is
 * never an order without its stock, nor stock held for an order that does not exist (after recovery).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Orders {

    private static final Logger LOG = Logger.getLogger(Orders.class.getName());
    private static final int CREATED = 201;

    @EJB
    StockReservations reservations;

    @EJB
    ShardMap shardMap;

    @Inject
    Shards shards;

    @Inject
    ShardOrders shardOrders;

    @Inject
    OrderPayments payments;

    @Inject
    ReplicaConsistency consistency;

    @Inject
    CatalogCache catalogCache;

    private final Clock clock = Clock.systemUTC();

    /**
     * The answer to a checkout: the first one's status and body on a replay; for a new order, the
     * payment still to be asked for ({@link #paymentDecided} completes it).
     */
    public record Outcome(int status, String body, UUID orderId, boolean replayed, PaymentDue payment) {
    }

    /** An order's total the payment provider has to authorize. */
    public record PaymentDue(UUID customerId, UUID orderId, BigDecimal amount, String currency) {
    }

    /**
     * Places an order for the lines (merged per SKU). {@code requestHash} fingerprints the request: the
     * same key with another fingerprint is 422 {@code idempotency-key-reused}; the same key while the
     * first request still runs is 409 {@code request-in-progress}.
     */
    public Outcome checkout(UUID customerId, String key, String requestHash, List<Requested> requested) {
        List<Requested> lines = merged(requested);
        int bucket = Buckets.of(customerId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps: replays show the same
        UUID orderId = UuidV7.next();

        Optional<ShardOrders.Claim> existing = shardOrders.claim(customerId, bucket, key, requestHash, orderId, now);
        if (existing.isPresent()) {
            return replay(existing.get(), requestHash);
        }
        List<PricedLine> priced;
        try {
            priced = reservations.reserve(orderId, customerId, bucket, lines, now);
        } catch (InvalidRequestException refused) { // nothing was taken: the key is free for another try
            shardOrders.release(customerId, key, orderId);
            throw refused;
        }
        evictStock(priced);

        CustomerOrder order = new CustomerOrder(orderId, customerId, bucket, priced.get(0).currency(), total(priced), now);
        List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 0; i < priced.size(); i++) {
            PricedLine line = priced.get(i);
            orderLines.add(new OrderLine(order, i + 1, line.sku(), line.name(), line.unitPrice(), line.quantity()));
        }
        if (!shardOrders.place(order, orderLines, key)) {
            throw new UnavailableException("checkout-interrupted",
                    "this checkout took too long and was rolled back; retry with the same Idempotency-Key", 1, null);
        }
        try {
            reservations.confirm(orderId, clock.instant());
        } catch (RuntimeException e) { // the order stands; recovery confirms the reservation later
            LOG.warning(() -> "SCALESHOP-ORDER-010 order " + orderId + " placed, reservation not yet confirmed: " + e);
        }
        LOG.info(() -> "SCALESHOP-ORDER-001 order " + orderId + " of customer " + customerId + " on shard " + shardMap.shardOf(bucket)
                + " (bucket " + bucket + ")");
        return new Outcome(CREATED, OrderView.of(order, orderLines).toJson().toString(), orderId, false,
                new PaymentDue(customerId, orderId, order.totalAmount(), order.currency()));
    }

    /**
     * The last step of a checkout: records what the payment provider said (see {@link PaymentOutcome})
     * and stores the answer for the Idempotency-Key — from now on every replay gets exactly this body.
     * The caller asks the provider between {@link #checkout} and this call (the provider client and
     * its fault tolerance live in the web module).
     */
    public String paymentDecided(PaymentDue due, PaymentOutcome outcome, String requestId) {
        return payments.record(Buckets.of(due.customerId()), due.orderId(), outcome,
                placed -> OrderView.of(placed.order(), placed.lines()).toJson().toString(), CREATED, requestId);
    }

    /** Orders still waiting for a payment decision, created before {@code olderThan}: up to {@code limit} per shard. */
    public List<PaymentDue> awaitingPayment(Instant olderThan, int limit) {
        List<PaymentDue> due = new ArrayList<>();
        for (int shard = 0; shard < shards.count(); shard++) {
            try {
                shardOrders.awaitingPayment(shard, olderThan, limit).forEach(order -> due.add(
                        new PaymentDue(order.customerId(), order.id(), order.totalAmount(), order.currency())));
            } catch (UnavailableException down) { // its customers' payments wait for it
                int s = shard;
                LOG.warning(() -> "SCALESHOP-PAYMENT-021 payment retry skips shard " + s + " for now");
            }
        }
        return due;
    }

    /** One of the customer's orders (empty if it is not theirs or does not exist). */
    public Optional<OrderView> order(UUID customerId, UUID orderId) {
        return shardOrders.placed(Buckets.of(customerId), orderId)
                .filter(placed -> placed.order().customerId().equals(customerId))
                .map(placed -> OrderView.of(placed.order(), placed.lines()));
    }

    /** Any customer's order, for administrators: the id does not say which shard, so every shard is asked. */
    public Optional<OrderView> anyOrder(UUID orderId) {
        for (int shard = 0; shard < shards.count(); shard++) {
            Optional<OrderView> found = shardOrders.findOnShard(shard, orderId)
                    .map(order -> OrderView.of(order, shardOrders.lines(order.bucket(), orderId)));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The customer's orders, newest first: one shard, one query (lines not included). */
    public List<OrderView> ofCustomer(UUID customerId, int limit, int offset) {
        return shardOrders.ofCustomer(customerId, limit, offset).stream()
                .map(order -> OrderView.of(order, List.of())).toList();
    }

    private static Outcome replay(ShardOrders.Claim claim, String requestHash) {
        if (!claim.requestHash().equals(requestHash)) {
            throw new InvalidRequestException(422, "idempotency-key-reused",
                    "this Idempotency-Key was used for a different request; use a new key for a new order");
        }
        if (claim.completed()) {
            return new Outcome(claim.responseStatus(), claim.responseBody(), claim.orderId(), true, null);
        }
        throw InvalidRequestException.conflict("request-in-progress",
                "a request with this Idempotency-Key is still being processed; retry in a moment");
    }

    /** One line per SKU, in SKU order (reservations lock product rows in that order). */
    private static List<Requested> merged(List<Requested> requested) {
        java.util.TreeMap<String, Integer> bySku = new java.util.TreeMap<>();
        requested.forEach(line -> bySku.merge(line.sku(), line.quantity(), Integer::sum));
        if (bySku.isEmpty()) {
            throw new InvalidRequestException("empty-order", "an order needs at least one line (the cart is empty)");
        }
        return bySku.entrySet().stream().map(e -> new Requested(e.getKey(), e.getValue())).toList();
    }

    private void evictStock(List<PricedLine> priced) {
        String token = consistency.primaryPosition();
        catalogCache.evictStockAfterWrite(priced.stream().map(PricedLine::sku).toList(), token);
    }

    private static BigDecimal total(List<PricedLine> priced) {
        return priced.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
