package dev.scaleshop.orders.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

import dev.scaleshop.orders.boundary.OrderView;
import dev.scaleshop.platform.control.Periodic;
import dev.scaleshop.sharding.control.Shards;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settles checkouts a dying process left half done, every 10 s on every instance (each settlement is a
 * conditional update, so two instances settling the same checkout do no harm):
 * <ul>
 * <li>a reservation PENDING for longer than {@code scaleshop.orders.recovery.settle-after-seconds}
 * (30; longer than any request may run behind HAProxy) is confirmed if its order exists on the shard,
 * else its claim is abandoned there and the stock given back;</li>
 * <li>a claim IN_PROGRESS that long without any reservation (the process died before reserving) is
 * abandoned, so the client's retry with the same key can go through;</li>
 * <li>a claim PLACED that long (the process died after writing the order, before answering) gets the
 * order's current representation as its stored answer.</li>
 * </ul>
 * A shard that cannot be reached is skipped and tried again at the next sweep.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrderRecovery {

    private static final Logger LOG = Logger.getLogger(OrderRecovery.class.getName());

    @EJB
    StockReservations reservations;


    @Inject
    ShardOrders shardOrders;

    @Inject
    Shards shards;

    @Inject
    @ConfigProperty(name = "scaleshop.orders.recovery.settle-after-seconds", defaultValue = "30")
    long settleAfterSeconds;

    private final Clock clock = Clock.systemUTC();

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> schedule;

    /**
     * Every 10 s on a managed executor thread, not an EJB timer: Payara delivered this bean's timeouts
     * inside a container transaction whatever the transaction attribute said, and shard work must never
     * join a JTA transaction (see Shards).
     */
    @PostConstruct
    void start() {
        schedule = Periodic.every(scheduler, 10, this::sweep, LOG, "checkout recovery");
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }

    void sweep() {
        Instant now = clock.instant();
        Instant before = now.minus(Duration.ofSeconds(settleAfterSeconds));
        try {
            for (Object[] row : reservations.unsettled(before, 100)) {
                settle((UUID) row[0], ((Number) row[1]).intValue(), now);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "SCALESHOP-ORDER-021 checkout recovery cannot read reservations: " + e);
        }
        for (int shard = 0; shard < shards.count(); shard++) {
            try {
                for (ShardOrders.StaleClaim claim : shardOrders.stale(shard, "IN_PROGRESS", before)) {
                    if (!reservations.exists(claim.orderId()) && !shardOrders.settle(claim.bucket(), claim.orderId())) {
                        LOG.info(() -> "SCALESHOP-ORDER-022 abandoned a checkout that never reserved stock: " + claim.orderId());
                    }
                }
                for (ShardOrders.StaleClaim claim : shardOrders.stale(shard, "PLACED", before)) { // died before answering
                    UUID orderId = claim.orderId();
                    shardOrders.answer(claim.bucket(), orderId, null,
                            placed -> OrderView.of(placed.order(), placed.lines()).toJson().toString(), 201, now, null);
                    LOG.info(() -> "SCALESHOP-ORDER-023 stored the answer of a checkout that died after placing " + orderId);
                }
            } catch (RuntimeException e) {
                int s = shard;
                LOG.warning(() -> "SCALESHOP-ORDER-021 checkout recovery skips shard " + s + " for now: " + e);
            }
        }
    }

    private void settle(UUID orderId, int bucket, Instant now) {
        try {
            if (shardOrders.settle(bucket, orderId)) {
                reservations.confirm(orderId, now);
                LOG.info(() -> "SCALESHOP-ORDER-020 recovered checkout " + orderId + ": order exists, reservation confirmed");
            } else if (reservations.release(orderId, now)) {
                LOG.info(() -> "SCALESHOP-ORDER-020 recovered checkout " + orderId + ": no order, stock given back");
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "SCALESHOP-ORDER-021 checkout " + orderId + " not settled yet: " + e);
        }
    }
}
