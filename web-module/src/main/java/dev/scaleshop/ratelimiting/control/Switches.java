package dev.scaleshop.ratelimiting.control;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The run-time switches of rate limiting ({@code scaleshop.ratelimit.enabled},
 * {@code scaleshop.ratelimit.store}, {@code scaleshop.grid.members}), read from MicroProfile Config once a second in the background.
 * Not per request: Payara's config lookup consults its cluster config source, a Hazelcast map, and
 * blocks for as long as a grid member hangs — the very outage the limiter must ride out.
 */
@ApplicationScoped
public class Switches {

    private static final Logger LOG = Logger.getLogger(Switches.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean enabled = true;
    private volatile boolean localOnly;
    private volatile int gridMembers;
    private ScheduledFuture<?> refresh;

    @PostConstruct
    void start() {
        read();
        refresh = scheduler.scheduleWithFixedDelay(this::read, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        refresh.cancel(false);
    }

    /** {@code scaleshop.ratelimit.enabled}, default true: `stack config scaleshop.ratelimit.enabled false` switches limiting off. */
    public boolean enabled() {
        return enabled;
    }

    /** {@code scaleshop.ratelimit.store=local}: per-instance buckets only (a benchmark mode); default {@code grid}. */
    public boolean localOnly() {
        return localOnly;
    }

    /**
     * {@code scaleshop.grid.members}: how many members the data grid should have (the DAS and every instance; the
     * stack sets it from the topology, and again at scale-out and scale-in); 0 when not set.
     */
    public int gridMembers() {
        return gridMembers;
    }

    private void read() {
        try {
            Config config = ConfigProvider.getConfig(Switches.class.getClassLoader());
            enabled = config.getOptionalValue("scaleshop.ratelimit.enabled", Boolean.class).orElse(true);
            localOnly = "local".equals(config.getOptionalValue("scaleshop.ratelimit.store", String.class).orElse("grid"));
            gridMembers = config.getOptionalValue("scaleshop.grid.members", Integer.class).orElse(0);
        } catch (RuntimeException e) {
            LOG.warning(() -> "SCALESHOP-RATELIMIT-011 cannot read the rate-limit switches, keeping the last values: " + e);
        }
    }
}
