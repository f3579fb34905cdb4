package dev.scaleshop.orders.control;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

import dev.scaleshop.orders.entity.CustomerOrder;
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

    /** The order's representation after the decision; empty if it had been decided before. */
    public Optional<String> record(CustomerOrder order, boolean authorized, Function<CustomerOrder, String> render,
                                   String requestId) {
        OrderStatus status = authorized ? OrderStatus.PAID : OrderStatus.PAYMENT_FAILED;
        Optional<String> answer = shardOrders.recordPayment(order.bucket(), order.id(), status, render, clock.instant(), requestId);
        if (answer.isPresent() && !authorized) {
            reservations.returnStock(order.id(), clock.instant());
        }
        answer.ifPresent(a -> LOG.info(() -> "SCALESHOP-PAYMENT-001 order " + order.id() + " " + status));
        return answer;
    }
}
