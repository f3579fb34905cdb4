package dev.scaleshop.catalog.control;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

import dev.scaleshop.catalog.boundary.CategoryTree;
import dev.scaleshop.catalog.boundary.ProductPage;
import dev.scaleshop.catalog.boundary.ProductView;
import dev.scaleshop.platform.control.GridCaches;
import dev.scaleshop.platform.control.NearCache;
import dev.scaleshop.platform.control.NearCaches;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The catalog's cluster-wide read cache (JCache on Payara's Hazelcast data grid): products by SKU,
 * listing pages and the category tree. A write evicts on every instance at once, since the grid holds one copy.
 * In front of it each instance keeps a near copy of what it read ({@link NearCaches}): a hit costs no grid
 * call and no deserialization; every eviction below also invalidates the near copies cluster-wide.
 *
 * <p>Eviction happens twice: right after the commit, and again once every replica has replayed the
 * write. Between the two, a cache miss may read a not-yet-replayed replica and put the old value
 * back; the second eviction removes it, so staleness is bounded by replica lag, never by the TTL.
 * The wait for the replicas is one round for all waiting writes (every 20 ms while writes pass, backing
 * off to 1 s while none does), which reads each replica's position once — not a check per write, nor a
 * thread parked per write. Rounds run on one standing tick, started by the first write: a write only queues
 * itself. Scheduling a task per write cost the checkout's request thread a class-path scan (Payara's context
 * service looks its thread-context providers up with a {@code ServiceLoader} on every submission).
 */
@ApplicationScoped
public class CatalogCache {

    static final String PRODUCTS = "scaleshop-catalog-products";
    static final String LISTINGS = "scaleshop-catalog-listings";
    static final String CATEGORIES = "scaleshop-catalog-categories";
    private static final String CATEGORY_TREE = "tree";
    private static final Logger LOG = Logger.getLogger(CatalogCache.class.getName());
    private static final long REPLAY_WATCH_SECONDS = 30;
    private static final long FIRST_RECHECK_MILLIS = 20;
    private static final long MAX_RECHECK_MILLIS = 1000;
    /** Rounds with nothing to do before the tick stops (5 s). */
    private static final int IDLE_TICKS = 250;
    /** Near copies per instance: every product of the seeded catalog, the recent listing pages, the tree. */
    private static final Map<String, Integer> NEAR_MAX_ENTRIES = Map.of(PRODUCTS, 20_000, LISTINGS, 2_000, CATEGORIES, 1);

    @Inject
    CacheManager cacheManager;

    @Inject
    ReplicaMonitor replicas;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Operators switch caching at run time with `stack config` (re-read every second). */
    @Inject
    CatalogSwitches switches;

    @Inject
    @ConfigProperty(name = "scaleshop.catalog.cache.ttl-seconds", defaultValue = "300")
    long ttlSeconds;

    /**
     * How long an instance keeps its near copy of an entry at most: the bound on staleness if an invalidation
     * message never reaches it (cut off from the grid); normally a write's invalidation arrives in milliseconds.
     */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.near-cache.ttl-seconds", defaultValue = "60")
    long nearTtlSeconds;

    @Inject
    NearCaches nearCaches;

    /** How long listing pages may show a stock count that a checkout changed (see {@link #evictStockAfterWrite}). */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.listing-stock-delay-ms", defaultValue = "1000")
    long listingStockDelayMillis;

    /** When (System.nanoTime) the listing pages go for the stock changes since the last time; 0: none waiting. */
    private final AtomicLong listingsDue = new AtomicLong();

    /** Writes whose second eviction waits for the replicas, and when the next round for them is due. */
    private final Queue<AwaitingReplay> awaitingReplay = new ConcurrentLinkedQueue<>();
    private volatile long nextRoundAt = System.nanoTime();
    private volatile long lastDelayMillis = FIRST_RECHECK_MILLIS;

    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile ScheduledFuture<?> tick;
    private int idleTicks; // only the tick's own thread touches it (fixed delay: one round at a time)

    /** Cache handles, looked up once: getCache with types validates the configuration on every call. */
    private final Map<String, Cache<String, ?>> handles = new ConcurrentHashMap<>();

    /** A product by SKU; an unknown SKU is not cached (it may be created any moment). */
    public Optional<ProductView> product(String sku, Supplier<Optional<ProductView>> loader) {
        return Optional.ofNullable(readThrough(PRODUCTS, ProductView.class, sku, () -> loader.get().orElse(null)));
    }

    public ProductPage listing(String key, Supplier<ProductPage> loader) {
        return readThrough(LISTINGS, ProductPage.class, key, loader);
    }

    /** The category tree; changed only by migrations, so it lives until the TTL. */
    public CategoryTree categories(Supplier<CategoryTree> loader) {
        return readThrough(CATEGORIES, CategoryTree.class, CATEGORY_TREE, loader);
    }

    /** The near copy (no grid call, no deserialization), else the cluster-wide entry, else the loader's. */
    private <V> V readThrough(String name, Class<V> type, String key, Supplier<V> loader) {
        if (!switches.cacheEnabled()) {
            return loader.get();
        }
        NearCache<V> near = nearCaches.cache(name, NEAR_MAX_ENTRIES.getOrDefault(name, 1), Math.min(ttlSeconds, nearTtlSeconds));
        return near.get(key, () -> gridReadThrough(name, type, key, loader));
    }

    private <V> V gridReadThrough(String name, Class<V> type, String key, Supplier<V> loader) {
        Cache<String, V> cache = cache(name, type);
        V cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        V loaded = loader.get();
        if (loaded != null) {
            cache.put(key, loaded);
        }
        return loaded;
    }

    /** Call after a product write committed, with the token of that commit. */
    public void evictAfterWrite(String sku, String token) {
        evictNowAndOnceReplayed(() -> evict(sku), token);
    }

    /**
     * Call after a checkout's stock change committed: each product goes at once and once replayed, like any
     * write; the listing pages, which show stock too, go at most once per
     * {@code scaleshop.catalog.listing-stock-delay-ms} for all the stock changes of that time. Every order would
     * otherwise clear every listing page of the cluster twice (a grid operation over all partitions): under
     * checkout load the listings were never cached and evicting them was the largest grid cost of a checkout.
     */
    public void evictStockAfterWrite(Collection<String> skus, String token) {
        evictNowAndOnceReplayed(() -> {
            skus.forEach(this::evictProduct);
            evictListingsSoon();
        }, token);
    }

    private void evictListingsSoon() {
        listingsDue.compareAndSet(0, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(listingStockDelayMillis));
        startTicking();
    }

    /** Call after a category write committed: the tree and every listing go. */
    public void evictCategoriesAfterWrite(String token) {
        evictNowAndOnceReplayed(() -> {
            cache(CATEGORIES, CategoryTree.class).removeAll();
            cache(LISTINGS, ProductPage.class).removeAll();
            nearCaches.invalidate(CATEGORIES, null);
            nearCaches.invalidate(LISTINGS, null);
        }, token);
    }

    private void evictNowAndOnceReplayed(Runnable eviction, String token) {
        eviction.run();
        // no token (the primary's position could not be read): the second eviction waits for the deadline
        awaitingReplay.add(new AwaitingReplay(token == null ? Long.MAX_VALUE : ReplicaLag.parse(token), eviction,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLAY_WATCH_SECONDS)));
        startTicking();
    }

    /**
     * The tick (every {@link #FIRST_RECHECK_MILLIS}): started by a write when none runs, it stops after
     * {@link #IDLE_TICKS} rounds with nothing to do — so under writes no write schedules anything, and an idle
     * instance does not wake up 50 times a second.
     */
    private void startTicking() {
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            idleTicks = 0;
            tick = scheduler.scheduleWithFixedDelay(this::onTick, FIRST_RECHECK_MILLIS, FIRST_RECHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void stopTickingWhenIdle() {
        if (!awaitingReplay.isEmpty() || listingsDue.get() != 0) {
            idleTicks = 0;
            return;
        }
        if (++idleTicks < IDLE_TICKS) {
            return;
        }
        tick.cancel(false);
        ticking.set(false);
        if (!awaitingReplay.isEmpty() || listingsDue.get() != 0) { // a write queued itself while this stopped
            startTicking();
        }
    }

    @PreDestroy
    void stopTicking() {
        ScheduledFuture<?> running = tick;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Listing pages whose delay is over go; a replay round runs if one is due. Never throws (that ends the tick). */
    private void onTick() {
        try {
            long now = System.nanoTime();
            long due = listingsDue.get();
            if (due != 0 && now - due >= 0 && listingsDue.compareAndSet(due, 0)) { // a stock change from now on waits again
                evictListings();
            }
            if (!awaitingReplay.isEmpty() && now - nextRoundAt >= 0) {
                long delay = watchReplay();
                nextRoundAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            }
            stopTickingWhenIdle();
        } catch (RuntimeException e) {
            LOG.warning(() -> "SCALESHOP-CATALOG-011 cache eviction round failed (next round in "
                    + FIRST_RECHECK_MILLIS + " ms): " + e);
        }
    }

    /** An eviction to run again once every replica has replayed {@code position} (or at the deadline). */
    private record AwaitingReplay(long position, Runnable eviction, long deadline) {
    }

    /**
     * One round for every write waiting for the replicas: their replay positions are read once (not once per
     * write), the evictions they have passed run. The next round, while any wait: after
     * {@link #FIRST_RECHECK_MILLIS} if this one evicted something, else twice as late, up to a second (returned).
     */
    private long watchReplay() {
        long delay = FIRST_RECHECK_MILLIS;
        try {
            long replayed = replicas.replayedByAll();
            long now = System.nanoTime();
            boolean progressed = false;
            for (Iterator<AwaitingReplay> waiting = awaitingReplay.iterator(); waiting.hasNext(); ) {
                AwaitingReplay write = waiting.next();
                if (write.position() <= replayed || now > write.deadline()) {
                    if (write.position() > replayed) {
                        LOG.warning(() -> "SCALESHOP-CATALOG-010 not every replica has replayed a write within "
                                + REPLAY_WATCH_SECONDS + " s; evicting anyway");
                    }
                    waiting.remove();
                    write.eviction().run();
                    progressed = true;
                }
            }
            delay = progressed ? FIRST_RECHECK_MILLIS : Math.min(lastDelayMillis * 2, MAX_RECHECK_MILLIS);
        } finally {
            lastDelayMillis = delay;
        }
        return delay;
    }

    /** Evicts even while caching is switched off, so switching it back on cannot revive old entries. */
    private void evict(String sku) {
        evictProduct(sku);
        evictListings();
    }

    private void evictProduct(String sku) {
        cache(PRODUCTS, ProductView.class).remove(sku);
        nearCaches.invalidate(PRODUCTS, sku); // after the grid: a near miss from now on reads the grid without it
    }

    private void evictListings() {
        cache(LISTINGS, ProductPage.class).removeAll();
        nearCaches.invalidate(LISTINGS, null);
    }

    @SuppressWarnings("unchecked")
    private <V> Cache<String, V> cache(String name, Class<V> type) {
        return (Cache<String, V>) handles.computeIfAbsent(name, n -> lookUpOrCreate(n, type));
    }

    private <V> Cache<String, V> lookUpOrCreate(String name, Class<V> type) {
        return GridCaches.lookUpOrCreate(cacheManager, name, String.class, type, new MutableConfiguration<String, V>()
                .setStoreByValue(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, ttlSeconds))));
    }
}
