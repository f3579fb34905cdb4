package dev.scaleshop.payments.control;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

import dev.scaleshop.orders.boundary.Orders;
import dev.scaleshop.tracing.control.RequestIds;
import dev.scaleshop.orders.boundary.PaymentOutcome;
import dev.scaleshop.platform.control.Periodic;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every 10 s on every instance: orders still PAYMENT_PENDING after
 * {@code scaleshop.payments.retry-after-seconds} (5) are authorized again, oldest first, up to 20 per
 * shard per round. Two instances retrying the same order is harmless (the provider's Idempotency-Key is
 * the order id; recording is conditional). While the provider is down, {@link PaymentGateway}'s fault
 * tolerance answers at once, and a round stops at the first order still pending.
 */
@ApplicationScoped
public class PaymentRetry {

    private static final Logger LOG = Logger.getLogger(PaymentRetry.class.getName());

    @EJB
    Orders orders;

    @Inject
    PaymentGateway gateway;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "scaleshop.payments.retry-after-seconds", defaultValue = "5")
    long retryAfterSeconds;

    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        schedule = Periodic.every(scheduler, 10, this::retry, LOG, "payment retry");
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void retry() {
        for (Orders.PaymentDue due : orders.awaitingPayment(clock.instant().minus(Duration.ofSeconds(retryAfterSeconds)), 20)) {
            PaymentOutcome outcome = gateway.authorize(due.orderId(), due.amount(), due.currency());
            if (outcome == PaymentOutcome.PENDING) {
                return; // still no provider: the rest can wait for the next round
            }
            orders.paymentDecided(due, outcome, RequestIds.acceptOrGenerate(null)); // no request: a fresh correlation id
        }
    }
}
