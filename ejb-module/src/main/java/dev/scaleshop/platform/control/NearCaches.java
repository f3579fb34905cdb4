package dev.scaleshop.platform.control;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Near caches: each instance keeps the values it read from a cluster-wide cache in its own memory, so a
 * hit costs neither a grid call nor a deserialization. Invalidation is cluster-wide: {@link #invalidate}
 * drops the entry here at once and tells every other instance through a Hazelcast topic (String messages
 * {@code cache|key}, or {@code cache|*} for all of a cache's entries), which they receive within
 * milliseconds. A lost message (a member cut off from the grid) is bounded by the near entry's lifetime.
 */
@ApplicationScoped
public class NearCaches {

    private static final String TOPIC = "scaleshop-near-cache-invalidations";
    private static final String ALL = "*";
    private static final Logger LOG = Logger.getLogger(NearCaches.class.getName());

    @Inject
    HazelcastInstance hazelcast;

    private final Map<String, NearCache<?>> caches = new ConcurrentHashMap<>();
    private ITopic<String> topic;
    private UUID subscription;

    @PostConstruct
    void subscribe() {
        topic = hazelcast.getTopic(TOPIC);
        subscription = topic.addMessageListener(message -> drop(message.getMessageObject()));
    }

    @PreDestroy
    void unsubscribe() {
        try {
            topic.removeMessageListener(subscription);
        } catch (RuntimeException gridAlreadyDown) {
            LOG.fine(() -> "near-cache subscription not removed: " + gridAlreadyDown);
        }
    }

    /** This instance's near cache of that name (one per name), holding at most maxEntries for ttlSeconds. */
    @SuppressWarnings("unchecked")
    public <V> NearCache<V> cache(String name, int maxEntries, long ttlSeconds) {
        return (NearCache<V>) caches.computeIfAbsent(name, n -> new NearCache<V>(maxEntries, ttlSeconds));
    }

    /** Drops the key (or, with null, every entry) of the named cache here and on every other instance. */
    public void invalidate(String name, String key) {
        String message = name + "|" + (key == null ? ALL : key);
        drop(message);
        topic.publish(message);
    }

    private void drop(String message) {
        int bar = message.indexOf('|');
        NearCache<?> cache = bar < 0 ? null : caches.get(message.substring(0, bar));
        if (cache != null) {
            String key = message.substring(bar + 1);
            if (ALL.equals(key)) {
                cache.clear();
            } else {
                cache.remove(key);
            }
        }
    }
}
