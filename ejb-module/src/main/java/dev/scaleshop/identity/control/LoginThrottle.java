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
 * Brute-force protection for logins, shared by the cluster (JCache on the Hazelcast grid), built so that a
 * stranger cannot lock anyone out (issue 17: five wrong passwords from anywhere used to lock any account,
 * the administrator's included, for 15 minutes). Failures are counted in windows that start at the first
 * failure ({@code window-seconds}, 15 min):
 * <ul>
 * <li>per account <em>and</em> client address: after {@code free-failures} (5) each further attempt from that
 * address for that account waits twice as long as the one before (1 s, 2 s, 4 s … up to the window) — a
 * guesser slows to a crawl, while the owner on another address is not touched;</li>
 * <li>per account from every address together: past {@code max-failures-per-account} (100) — guessing
 * spread over many addresses — only addresses this account logged in from before (in the last
 * {@code known-address-days}, 30) may try; a known address keeps working;</li>
 * <li>per client address over every account: past {@code max-failures-per-address} (50) that address is
 * refused for the rest of the window, whatever account it names.</li>
 * </ul>
 * Counters are plain strings updated by compare-and-set, so no application class has to live on the grid's
 * members (the DAS holds partitions too).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String FAILURES = "scaleshop-login-failures";
    private static final String KNOWN = "scaleshop-login-known-addresses";

    @Inject
    CacheManager cacheManager;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.window-seconds", defaultValue = "900")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.free-failures", defaultValue = "5")
    int freeFailures;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.max-failures-per-account", defaultValue = "100")
    int maxPerAccount;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.max-failures-per-address", defaultValue = "50")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.login.known-address-days", defaultValue = "30")
    long knownAddressDays;

    private Cache<String, String> failures;
    private Cache<String, String> known;

    @PostConstruct
    void connect() {
        failures = GridCaches.lookUpOrCreate(cacheManager, FAILURES, String.class, String.class,
                new MutableConfiguration<String, String>()
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, windowSeconds))));
        known = GridCaches.lookUpOrCreate(cacheManager, KNOWN, String.class, String.class,
                new MutableConfiguration<String, String>()
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.DAYS, knownAddressDays))));
    }

    /** Seconds until a login for this account from this address may be tried again; empty if it may now. */
    public OptionalLong retryAfter(String accountKey, String clientAddress, long nowMillis) {
        long windowMillis = TimeUnit.SECONDS.toMillis(windowSeconds);
        long waitMillis = Math.max(
                Window.parse(failures.get(pair(accountKey, clientAddress))).delayLeft(freeFailures, windowMillis, nowMillis),
                Window.parse(failures.get("address:" + clientAddress)).blockLeft(maxPerAddress, windowMillis, nowMillis));
        if (waitMillis == 0 && !known.containsKey(pair(accountKey, clientAddress))) {
            waitMillis = Window.parse(failures.get("account:" + accountKey)).blockLeft(maxPerAccount, windowMillis, nowMillis);
        }
        return waitMillis == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (waitMillis + 999) / 1000));
    }

    public void failed(String accountKey, String clientAddress, long nowMillis) {
        increment(pair(accountKey, clientAddress), nowMillis);
        increment("account:" + accountKey, nowMillis);
        increment("address:" + clientAddress, nowMillis);
    }

    /** The pair's failures are forgiven and the address is known; the account's count stays (distributed guessing). */
    public void succeeded(String accountKey, String clientAddress) {
        failures.remove(pair(accountKey, clientAddress));
        known.put(pair(accountKey, clientAddress), "1");
    }

    private static String pair(String accountKey, String clientAddress) {
        return "pair:" + accountKey + "|" + clientAddress;
    }

    private void increment(String key, long nowMillis) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String current = failures.get(key);
            if (current == null) {
                if (failures.putIfAbsent(key, new Window(1, nowMillis, nowMillis).toString())) {
                    return;
                }
            } else if (failures.replace(key, current, Window.parse(current).failedAgain(nowMillis).toString())) {
                return;
            }
        }
    }

    /** "count:startMillis:lastFailureMillis"; no window is zero failures. */
    record Window(int count, long startMillis, long lastMillis) {

        private static final Window NONE = new Window(0, 0, 0);

        static Window parse(String value) {
            if (value == null) {
                return NONE;
            }
            String[] parts = value.split(":");
            long start = Long.parseLong(parts[1]);
            return new Window(Integer.parseInt(parts[0]), start, parts.length > 2 ? Long.parseLong(parts[2]) : start);
        }

        Window failedAgain(long nowMillis) {
            return new Window(count + 1, startMillis, nowMillis);
        }

        /** Past {@code free} failures, the next try waits 2^(count − free) s after the last failure, at most the window. */
        long delayLeft(int free, long windowMillis, long nowMillis) {
            if (count < free) {
                return 0;
            }
            long delay = Math.min(windowMillis, TimeUnit.SECONDS.toMillis(1L << Math.min(30, count - free)));
            return Math.max(0, lastMillis + delay - nowMillis);
        }

        /** Past {@code max} failures, nothing until the window ends. */
        long blockLeft(int max, long windowMillis, long nowMillis) {
            return count < max ? 0 : Math.max(0, startMillis + windowMillis - nowMillis);
        }

        @Override
        public String toString() {
            return count + ":" + startMillis + ":" + lastMillis;
        }
    }
}
