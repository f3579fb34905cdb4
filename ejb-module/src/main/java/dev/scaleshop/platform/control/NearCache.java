package dev.scaleshop.platform.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One instance's copy of a cluster-wide cache's entries (see {@link NearCaches}). A fill races with
 * invalidations: a value loaded while an invalidation of the same cache went by is not kept (the
 * generation check after the put), so an invalidated value cannot come back through a slow reader.
 * Bounded: past maxEntries the whole copy is dropped, so a scan of many keys cannot grow the heap.
 */
public final class NearCache<V> {

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;
    private final long ttlNanos;

    NearCache(int maxEntries, long ttlSeconds) {
        this.maxEntries = maxEntries;
        this.ttlNanos = TimeUnit.SECONDS.toNanos(ttlSeconds);
    }

    /** The near copy, else the loader's value (kept unless null or invalidated meanwhile). */
    public V get(String key, Supplier<V> loader) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.value();
        }
        long seen = generation.get();
        V value = loader.get();
        if (value != null) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            Entry<V> fresh = new Entry<>(value, now + ttlNanos);
            entries.put(key, fresh);
            if (generation.get() != seen) { // an invalidation went by while loading: the value may be the old one
                entries.remove(key, fresh);
            }
        }
        return value;
    }

    void remove(String key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    private record Entry<V>(V value, long expiresAt) {
    }
}
