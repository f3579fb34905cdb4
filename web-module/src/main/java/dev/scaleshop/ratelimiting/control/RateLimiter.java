package dev.scaleshop.ratelimiting.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Buckets shared by the cluster: Bucket4j's compare-and-swap mode on an IMap of Payara's own Hazelcast
 * (byte[] values, so grid members without the application — the DAS — can hold them; the entry
 * processor mode needs the classes on every member). A bucket idle for an hour is forgotten (map
 * max-idle); every policy's window is shorter, so a forgotten bucket would have been full anyway.
 *
 * <p><b>Leases</b> keep the grid off most requests: a grid call takes a batch of tokens for its key (sized
 * from what the bucket has left, the policy's rate and the number of members, see {@link Leases}) which
 * this instance then hands out locally; a refusal is remembered until the bucket's refill. Tokens are
 * always taken before they are handed out, so leases never admit more than the policy; stranded ones
 * (the client moved to another instance) are lost after {@code scaleshop.ratelimit.lease-seconds}.
 *
 * <p><b>When the grid cannot answer</b> (a member hung or unreachable: its partitions' operations block
 * until the member is declared dead, up to a minute) the limiter fails open <em>to a local bucket</em>:
 * a grid call that takes longer than {@code scaleshop.ratelimit.grid-timeout-ms} is abandoned, the
 * request is decided by a bucket of this instance holding {@code scaleshop.ratelimit.local-share} of
 * the policy (half by default: two instances together then admit about the cluster-wide quota), a
 * warning is logged and {@code scaleshop_ratelimit_degraded_total} counts it. For the next
 * {@code scaleshop.ratelimit.grid-retry-seconds} every request goes straight to the local buckets, so
 * an outage costs one timeout, not one per request. Grid calls run on a small bounded pool; when it
 * is full (the grid is slow for everyone) the request is decided locally as well.
 * {@code scaleshop.ratelimit.store=local} uses the local buckets only (a benchmark mode).
 *
 * <p><b>In a network split</b> each side becomes a grid of its own, with its own copy of every bucket: both
 * copies admitting the whole policy would double it. A member whose cluster holds no more than half of the
 * grid's members ({@code scaleshop.grid.members}, the DAS included) decides with its local share instead, as
 * when the grid does not answer; the majority side keeps the cluster-wide buckets. A split thus admits at
 * most the policy plus the minority's local share. An instance that crashed or was stopped leaves the others
 * a majority (with the DAS): their buckets stay cluster-wide.
 */
@ApplicationScoped
public class RateLimiter {

    private static final String MAP = "scaleshop-rate-limits";
    private static final int IDLE_SECONDS = 3600;
    private static final int LOCAL_BUCKETS_MAX = 100_000;
    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
    /** Requests decided by a grid call (a new lease, or a refusal); every other one came from a lease or a local bucket. */
    private static final String GRID_DECISIONS = "scaleshop_ratelimit_grid_decisions_total";
    private static final List<String> COUNTERS = List.of("scaleshop_ratelimit_allowed_total",
            "scaleshop_ratelimit_rejected_total", "scaleshop_ratelimit_degraded_total", GRID_DECISIONS);

    /**
     * Concurrent requests of one JVM for the same bucket share one compare-and-swap round trip: without
     * it, a busy key (one client, many connections) turns into a storm of failed swaps and retries.
     */
    private static final Optimization BATCHING = Optimizations.batching();

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "scaleshop.ratelimit.grid-timeout-ms", defaultValue = "250")
    long gridTimeoutMillis;

    @Inject
    @ConfigProperty(name = "scaleshop.ratelimit.grid-retry-seconds", defaultValue = "5")
    long gridRetrySeconds;

    @Inject
    @ConfigProperty(name = "scaleshop.ratelimit.local-share", defaultValue = "0.5")
    double localShare;

    @Inject
    Switches switches;

    /** Share of what a bucket has left that one lease may take (see {@link Leases}); 0 takes single tokens. */
    @Inject
    @ConfigProperty(name = "scaleshop.ratelimit.lease-fraction", defaultValue = "0.05")
    double leaseFraction;

    /** How long unused leased tokens are kept before they are given up (lost: see {@link Leases}). */
    @Inject
    @ConfigProperty(name = "scaleshop.ratelimit.lease-seconds", defaultValue = "60")
    long leaseSeconds;

    private Leases leases;

    private ProxyManager<String> buckets;
    private ThreadPoolExecutor gridCalls;
    private final Map<String, GridBucket> gridBuckets = new ConcurrentHashMap<>();
    private final Map<String, LocalBucket> localBuckets = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** System.nanoTime() before which the grid is not asked (after a failure). */
    private volatile long gridSuspendedUntil = System.nanoTime();
    /** The grid rests because this member was in a minority: it is asked again as soon as the view is whole. */
    private volatile boolean restingAsMinority;

    @PostConstruct
    void connect() {
        try { // Bucket4j's CAS mode cannot expire entries itself: the map forgets buckets idle for an hour
            hazelcast.getConfig().addMapConfig(new MapConfig(MAP).setMaxIdleSeconds(IDLE_SECONDS));
        } catch (RuntimeException alreadyConfiguredByAnotherInstance) {
            LOG.fine(() -> "map config of " + MAP + ": " + alreadyConfiguredByAnotherInstance);
        }
        IMap<String, byte[]> map = hazelcast.getMap(MAP);
        buckets = Bucket4jHazelcast.casBasedBuilder(map).build();
        leases = new Leases(leaseFraction, leaseSeconds, System::nanoTime);
        registerCounters();
        gridCalls = new ThreadPoolExecutor(4, 32, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), threads);
        metrics.gauge(Metadata.builder().withName("scaleshop_ratelimit_grid_in_use")
                .withDescription("1 while this instance decides with the cluster-wide buckets, 0 while it decides alone "
                        + "(grid unavailable, the minority side of a split, or scaleshop.ratelimit.store=local)").build(),
                this, RateLimiter::gridDecides);
    }

    /**
     * 1 when the next request would ask the grid (unless this member is in a minority): the rest after a failure is
     * over, or it was a minority's and the split has healed (no rest of up to 5 s after a merge).
     */
    double gridInUse() {
        return !switches.localOnly() && (System.nanoTime() - gridSuspendedUntil >= 0
                || restingAsMinority && !minority(hazelcast.getCluster().getMembers().size())) ? 1 : 0;
    }

    /** 1 when the next request would be decided with the cluster-wide buckets. */
    double gridDecides() {
        return gridInUse() == 1 && !minority(hazelcast.getCluster().getMembers().size()) ? 1 : 0;
    }

    @PreDestroy
    void close() {
        gridCalls.shutdownNow();
    }

    /**
     * Takes one request's worth from the key's bucket under this policy: from this instance's lease of the
     * cluster-wide bucket when it holds one (no grid call), else a new lease from the grid, else (grid
     * unavailable, or local mode) from this instance's own bucket.
     */
    public Decision take(RateLimitPolicy policy, String key) {
        String bucketKey = policy.name() + ":" + key;
        Leases.Grant grant = switches.localOnly() ? null : leases.local(policy, bucketKey);
        if (grant == null && gridInUse() == 1) {
            int members = hazelcast.getCluster().getMembers().size();
            if (minority(members)) {
                suspendGrid(policy, "this member sees " + members + " of the grid's " + switches.gridMembers()
                        + " members, not a majority (a network split?)");
                restingAsMinority = true;
            } else {
                restingAsMinority = false;
                grant = fromGrid(policy, bucketKey, members);
            }
        }
        if (grant != null) {
            if (grant.gridCall()) {
                counter(policy, GRID_DECISIONS).inc();
            }
            return decided(new Decision(policy, grant.allowed(), grant.remaining(), grant.resetSeconds(),
                    grant.retryAfterSeconds(), false));
        }
        ConsumptionProbe probe = localBucket(policy, bucketKey).tryConsumeAndReturnRemaining(1);
        return decided(new Decision(policy, probe.isConsumed(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), seconds(probe.getNanosToWaitForRefill()), true));
    }

    private Decision decided(Decision decision) {
        counter(decision.policy(), decision.allowed() ? "scaleshop_ratelimit_allowed_total"
                : "scaleshop_ratelimit_rejected_total").inc();
        return decision;
    }

    /** A new lease's answer, or null when the grid did not answer in time (then the grid rests for a while). */
    private Leases.Grant fromGrid(RateLimitPolicy policy, String bucketKey, int instances) {
        BucketProxy bucket = gridBucket(policy, bucketKey);
        Future<Leases.Grant> call;
        try {
            call = gridCalls.submit(() -> leases.fromGrid(policy, bucketKey, instances, bucket::tryConsumeAndReturnRemaining));
        } catch (RejectedExecutionException saturated) {
            degraded(policy, "every grid call slot is busy");
            return null;
        }
        try {
            return call.get(gridTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            call.cancel(true);
            suspendGrid(policy, "no answer within " + gridTimeoutMillis + " ms");
        } catch (ExecutionException failed) {
            suspendGrid(policy, String.valueOf(failed.getCause()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            degraded(policy, "interrupted");
        }
        return null;
    }

    /**
     * Whether the cluster this member is in holds no more than half of the grid's members: the minority side of
     * a split, which has its own copy of every bucket. Unknown size (0): never.
     */
    private boolean minority(int visibleMembers) {
        return visibleMembers * 2 <= switches.gridMembers();
    }

    private void suspendGrid(RateLimitPolicy policy, String reason) {
        restingAsMinority = false;
        gridSuspendedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(gridRetrySeconds);
        degraded(policy, reason + "; local buckets for " + gridRetrySeconds + " s");
    }

    private void degraded(RateLimitPolicy policy, String reason) {
        counter(policy, "scaleshop_ratelimit_degraded_total").inc();
        LOG.warning(() -> "SCALESHOP-RATELIMIT-010 rate-limit grid unavailable (" + policy.name() + "): " + reason);
    }

    /**
     * The key's grid bucket proxy, kept while the policy's generation holds: batching only combines
     * concurrent requests that go through the same proxy.
     */
    private BucketProxy gridBucket(RateLimitPolicy policy, String bucketKey) {
        if (gridBuckets.size() > LOCAL_BUCKETS_MAX) {
            gridBuckets.clear();
        }
        return gridBuckets.compute(bucketKey, (k, existing) -> existing != null && existing.generation() == policy.generation()
                ? existing
                : new GridBucket(buckets.builder()
                        .withOptimization(BATCHING)
                        .withImplicitConfigurationReplacement(policy.generation(), TokensInheritanceStrategy.PROPORTIONALLY)
                        .build(bucketKey, policy::bucket), policy.generation())).bucket();
    }

    /** This instance's own bucket for the key, holding its share of the policy. */
    private Bucket localBucket(RateLimitPolicy policy, String bucketKey) {
        if (localBuckets.size() > LOCAL_BUCKETS_MAX) { // crude but bounded: a flood of keys cannot exhaust the heap
            localBuckets.clear();
        }
        LocalBucket bucket = localBuckets.compute(bucketKey, (k, existing) ->
                existing != null && existing.generation() == policy.generation() && existing.algorithm() == policy.algorithm()
                        ? existing
                        : new LocalBucket(Bucket.builder().addLimit(policy.bucket(localShare).getBandwidths()[0]).build(),
                        policy.generation(), policy.algorithm()));
        return bucket.bucket();
    }

    /**
     * Registered for every policy when the application starts: a registration during a grid outage can wait on
     * Payara's grid-backed config lookups with the request thread behind it.
     */
    private void registerCounters() {
        for (String policy : Policies.NAMES) {
            for (String name : COUNTERS) {
                counters.put(name + "/" + policy, metrics.counter(Metadata.builder().withName(name)
                        .withDescription("requests per rate-limit policy: " + name.substring("scaleshop_ratelimit_".length()))
                        .build(), new Tag("policy", policy)));
            }
        }
    }

    private Counter counter(RateLimitPolicy policy, String name) {
        return counters.get(name + "/" + policy.name());
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999));
    }

    private record GridBucket(BucketProxy bucket, long generation) {
    }

    private record LocalBucket(Bucket bucket, long generation, RateLimitPolicy.Algorithm algorithm) {
    }

    /**
     * What the bucket said: admitted or not, what is left, when it is full again, when to retry, and
     * whether this instance decided alone (grid unavailable or local mode).
     */
    public record Decision(RateLimitPolicy policy, boolean allowed, long remaining, long resetSeconds,
                           long retryAfterSeconds, boolean local) {
    }
}
