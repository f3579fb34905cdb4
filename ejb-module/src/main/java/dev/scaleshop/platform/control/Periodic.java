package dev.scaleshop.platform.control;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

/** Background rounds on a managed scheduled executor (no container transaction, unlike EJB timer callbacks here). */
public final class Periodic {

    private Periodic() {
    }

    /**
     * Runs {@code round} every {@code seconds}, the first time after one period. A round that throws is
     * logged and the next one runs anyway (an escaping exception would end the schedule for good).
     */
    public static ScheduledFuture<?> every(ManagedScheduledExecutorService scheduler, long seconds, Runnable round,
                                           Logger log, String what) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                log.warning(() -> "SCALESHOP-PERIODIC-001 " + what + " round failed: " + e);
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }
}
