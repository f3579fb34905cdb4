package dev.scaleshop.identity.boundary;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

import dev.scaleshop.platform.control.Periodic;
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
 * Expired refresh tokens are deleted every {@code scaleshop.identity.refresh-token.purge-seconds} (hourly): an
 * expired token can never be used again, so keeping it only grows the table (issue 17). Every instance runs
 * the round; the delete is the same whoever runs it (an indexed range on {@code expires_at}). The period is read
 * at every 10 s tick, so a change made at run time ({@code stack config}) applies without a restart.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RefreshTokenPurge {

    private static final Logger LOG = Logger.getLogger(RefreshTokenPurge.class.getName());

    @EJB
    AccountStore store;

    private static final long TICK_SECONDS = 10;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.refresh-token.purge-seconds", defaultValue = "3600")
    jakarta.inject.Provider<Long> everySeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> schedule;
    private volatile Instant lastPurge = Instant.now();

    @PostConstruct
    void start() {
        schedule = Periodic.every(scheduler, TICK_SECONDS, this::tick, LOG, "refresh-token purge");
    }

    void tick() {
        Instant now = Instant.now();
        if (now.isBefore(lastPurge.plusSeconds(everySeconds.get()))) {
            return;
        }
        lastPurge = now;
        purge();
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }

    void purge() {
        int purged = store.purgeExpired(Instant.now());
        if (purged > 0) {
            LOG.info(() -> "SCALESHOP-IDENTITY-020 purged " + purged + " expired refresh tokens");
        }
    }
}
