package dev.scaleshop.orders.control;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

import dev.scaleshop.orders.boundary.PaymentOutcome;
import dev.scaleshop.orders.entity.OrderStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Records the payment provider's answer on the order's shard: AUTHORIZED → PAID; DECLINED →
 * PAYMENT_FAILED and the stock goes back. Conditional: an order already decided is left alone, so two
 * instances recording the same answer do no harm.
 */
@ApplicationScoped
public class OrderPayments {

    private static final Logger LOG = Logger.getLogger(OrderPayments.class.getName());

    @Inject
    ShardOrders shardOrders;

    @EJB
    StockReservations reservations;

    private final Clock clock = Clock.systemUTC();

    /**
     * Records the provider's answer (PENDING: none yet) and stores the checkout's answer, rendered by
     * {@code render}, for the order's Idempotency-Key (see {@link ShardOrders#answer}); gives the stock back if
     * the payment was declined by this call. Returns the answer.
     */
    public String record(int bucket, UUID orderId, PaymentOutcome outcome, Function<ShardOrders.Placed, String> render,
                         int status, String requestId) {
        OrderStatus decision = switch (outcome) {
            case AUTHORIZED -> OrderStatus.PAID;
            case DECLINED -> OrderStatus.PAYMENT_FAILED;
            case PENDING -> null;
        };
        ShardOrders.Answer answer = shardOrders.answer(bucket, orderId, decision, render, status, clock.instant(), requestId);
        if (answer.decidedNow()) {
            if (decision == OrderStatus.PAYMENT_FAILED) {
                reservations.returnStock(orderId, clock.instant());
            }
            LOG.info(() -> "SCALESHOP-PAYMENT-001 order " + orderId + " " + decision);
        }
        return answer.body();
    }
}
