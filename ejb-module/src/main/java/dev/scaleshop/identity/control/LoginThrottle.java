package dev.scaleshop.identity.control;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

import dev.scaleshop.platform.control.GridCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brute-force protection for logins, shared by the cluster (JCache on the Hazelcast grid): failed
 * attempts are counted per account address and per client address in a fixed window that starts at
 * the first failure. Past the limit, logins for that key are refused until the window ends, even
 * with the right password. Counters are plain strings updated by compare-and-set, so no application
 * class has to live on the grid's members (the DAS holds partitions too).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String CACHE = "scaleshop-login-failures";

    @Inject
    CacheManager cacheManager;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.window-seconds", defaultValue = "900")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.max-failures-per-account", defaultValue = "5")
    int maxPerAccount;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.max-failures-per-address", defaultValue = "50")
    int maxPerAddress;

    private Cache<String, String> failures;

    @PostConstruct
    void connect() {
        failures = GridCaches.lookUpOrCreate(cacheManager, CACHE, String.class, String.class,
                new MutableConfiguration<String, String>()
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, windowSeconds))));
    }

    /** Seconds until a login for this account from this address may be tried again; empty if it may now. */
    public OptionalLong retryAfter(String accountKey, String clientAddress, long nowMillis) {
        OptionalLong account = blockedFor("account:" + accountKey, maxPerAccount, nowMillis);
        return account.isPresent() ? account : blockedFor("address:" + clientAddress, maxPerAddress, nowMillis);
    }

    public void failed(String accountKey, String clientAddress, long nowMillis) {
        increment("account:" + accountKey, nowMillis);
        increment("address:" + clientAddress, nowMillis);
    }

    public void succeeded(String accountKey) {
        failures.remove("account:" + accountKey);
    }

    private OptionalLong blockedFor(String key, int max, long nowMillis) {
        Window window = Window.parse(failures.get(key));
        if (window == null || window.count() < max) {
            return OptionalLong.empty();
        }
        long left = window.startMillis() + TimeUnit.SECONDS.toMillis(windowSeconds) - nowMillis;
        return left > 0 ? OptionalLong.of(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(left + 999))) : OptionalLong.empty();
    }

    private void increment(String key, long nowMillis) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String current = failures.get(key);
            if (current == null) {
                if (failures.putIfAbsent(key, new Window(1, nowMillis).toString())) {
                    return;
                }
            } else if (failures.replace(key, current, Window.parse(current).plusOne().toString())) {
                return;
            }
        }
    }

    /** "count:startMillis". */
    record Window(int count, long startMillis) {

        static Window parse(String value) {
            if (value == null) {
                return null;
            }
            int colon = value.indexOf(':');
            return new Window(Integer.parseInt(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
        }

        Window plusOne() {
            return new Window(count + 1, startMillis);
        }

        @Override
        public String toString() {
            return count + ":" + startMillis;
        }
    }
}
