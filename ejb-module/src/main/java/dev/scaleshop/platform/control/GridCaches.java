package dev.scaleshop.platform.control;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/** JCache caches on the cluster's data grid, created by whichever instance needs one first. */
public final class GridCaches {

    private GridCaches() {
    }

    /** The named cache; created with the configuration if absent (another instance may win that race). */
    public static <K, V> Cache<K, V> lookUpOrCreate(CacheManager manager, String name, Class<K> keys, Class<V> values,
                                                     MutableConfiguration<K, V> configuration) {
        Cache<K, V> cache = manager.getCache(name, keys, values);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(name, configuration.setTypes(keys, values));
        } catch (CacheException createdByAnotherInstance) {
            return manager.getCache(name, keys, values);
        }
    }
}
