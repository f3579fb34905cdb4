package dev.scaleshop.ratelimiting.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Buckets shared by the cluster: Bucket4j's compare-and-swap mode on an IMap of Payara's own Hazelcast
 * (byte[] values, so grid members without the application — the DAS — can hold them; the entry
 * processor mode needs the classes on every member). A bucket idle for an hour is forgotten (map
 * max-idle); every policy's window is shorter, so a forgotten bucket would have been full anyway.
 */
@ApplicationScoped
public class RateLimiter {

    private static final String MAP = "scaleshop-rate-limits";
    private static final int IDLE_SECONDS = 3600;
    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    MetricRegistry metrics;

    /**
     * Concurrent requests of one JVM for the same bucket share one compare-and-swap round trip: without
     * it, a busy key (one client, many connections) turns into a storm of failed swaps and retries.
     */
    private static final Optimization BATCHING = Optimizations.batching();

    private ProxyManager<String> buckets;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @PostConstruct
    void connect() {
        try { // Bucket4j's CAS mode cannot expire entries itself: the map forgets buckets idle for an hour
            hazelcast.getConfig().addMapConfig(new MapConfig(MAP).setMaxIdleSeconds(IDLE_SECONDS));
        } catch (RuntimeException alreadyConfiguredByAnotherInstance) {
            LOG.fine(() -> "map config of " + MAP + ": " + alreadyConfiguredByAnotherInstance);
        }
        IMap<String, byte[]> map = hazelcast.getMap(MAP);
        buckets = Bucket4jHazelcast.casBasedBuilder(map).build();
    }

    /** Takes one token for this key under this policy. */
    public Decision take(RateLimitPolicy policy, String key) {
        ConsumptionProbe probe = buckets.builder()
                .withOptimization(BATCHING)
                .withImplicitConfigurationReplacement(policy.generation(), TokensInheritanceStrategy.PROPORTIONALLY)
                .build(policy.name() + ":" + key, policy::bucket)
                .tryConsumeAndReturnRemaining(1);
        counter(policy, probe.isConsumed() ? "scaleshop_ratelimit_allowed_total" : "scaleshop_ratelimit_rejected_total")
                .inc();
        return new Decision(policy, probe.isConsumed(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), seconds(probe.getNanosToWaitForRefill()));
    }

    /** The grid failed to answer: the request is admitted (fail open), counted and logged. */
    public void degraded(RateLimitPolicy policy, RuntimeException cause) {
        counter(policy, "scaleshop_ratelimit_degraded_total").inc();
        LOG.warning(() -> "SCALESHOP-RATELIMIT-010 rate-limit grid unavailable, admitting (" + policy.name() + "): " + cause);
    }

    /** Registered once per metric and policy: this runs on every API request. */
    private Counter counter(RateLimitPolicy policy, String name) {
        return counters.computeIfAbsent(name + "/" + policy.name(), k -> metrics.counter(Metadata.builder().withName(name)
                .withDescription("requests per rate-limit policy: " + name.substring("scaleshop_ratelimit_".length()))
                .build(), new Tag("policy", policy.name())));
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999));
    }

    /** What the bucket said: admitted or not, what is left, when it is full again, when to retry. */
    public record Decision(RateLimitPolicy policy, boolean allowed, long remaining, long resetSeconds,
                           long retryAfterSeconds) {
    }
}
