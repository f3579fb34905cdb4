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
 * Expired refresh tokens are deleted ({@code scaleshop.identity.refresh-token.purge-seconds}, hourly): an
 * expired token can never be used again, so keeping it only grows the table (issue 17). Every instance runs
 * the round; the delete is the same whoever runs it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RefreshTokenPurge {

    private static final Logger LOG = Logger.getLogger(RefreshTokenPurge.class.getName());

    @EJB
    AccountStore store;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.refresh-token.purge-seconds", defaultValue = "3600")
    long everySeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> schedule;

    @PostConstruct
    void start() {
        schedule = Periodic.every(scheduler, everySeconds, this::purge, LOG, "refresh-token purge");
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
