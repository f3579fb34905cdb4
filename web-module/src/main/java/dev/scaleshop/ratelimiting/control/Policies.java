package dev.scaleshop.ratelimiting.control;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The policies. Each value comes from, in order: a run-time override an administrator set (kept in the
 * grid, so every instance sees it on its next request), MicroProfile Config
 * ({@code scaleshop.ratelimit.<policy>.quota} / {@code .window-seconds}), the default in code. Every
 * change raises the policy's generation; buckets built under an older generation take the new
 * configuration on their next use (Bucket4j implicit configuration replacement).
 */
@ApplicationScoped
public class Policies {

    public static final String ANONYMOUS = "anonymous";
    public static final String FREE = "free";
    public static final String PRO = "pro";
    public static final String LOGIN = "login";
    public static final List<String> NAMES = List.of(ANONYMOUS, FREE, PRO, LOGIN);

    private static final String OVERRIDES = "scaleshop-rate-limit-policies";

    @Inject
    HazelcastInstance hazelcast;

    /** policy → "quota/windowSeconds/generation"; quota 0 after a reset (the configured values apply). */
    private IMap<String, String> overrides;

    @PostConstruct
    void connect() {
        overrides = hazelcast.getMap(OVERRIDES);
    }

    public RateLimitPolicy anonymous() {
        return policy(ANONYMOUS);
    }

    /** The tier from the token's {@code plan} claim; an unknown plan gets the free tier. */
    public RateLimitPolicy plan(String plan) {
        return policy(PRO.equals(plan) ? PRO : FREE);
    }

    /** Login and registration, per client address: each attempt costs a slow password hash. */
    public RateLimitPolicy login() {
        return policy(LOGIN);
    }

    public RateLimitPolicy policy(String name) {
        Setting override = Setting.parse(overrides.get(name));
        if (override != null && override.quota() > 0) {
            return new RateLimitPolicy(name, override.quota(), override.windowSeconds(), override.generation());
        }
        RateLimitPolicy configured = configured(name);
        return override == null ? configured
                : new RateLimitPolicy(name, configured.quota(), configured.windowSeconds(), override.generation());
    }

    /** Sets a run-time override for the whole cluster; empty if there is no such policy. */
    public Optional<RateLimitPolicy> override(String name, long quota, long windowSeconds) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        update(name, generation -> new Setting(quota, windowSeconds, generation));
        return Optional.of(policy(name));
    }

    /** Drops a run-time override: the configured values apply again. */
    public Optional<RateLimitPolicy> reset(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        update(name, generation -> new Setting(0, 0, generation));
        return Optional.of(policy(name));
    }

    private void update(String name, LongFunction<Setting> next) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String current = overrides.get(name);
            Setting old = Setting.parse(current);
            String value = next.apply(old == null ? 1 : old.generation() + 1).toString();
            if (current == null ? overrides.putIfAbsent(name, value) == null : overrides.replace(name, current, value)) {
                return;
            }
        }
        throw new IllegalStateException("rate-limit policy " + name + " is being changed concurrently");
    }

    private static RateLimitPolicy configured(String name) {
        long[] defaults = switch (name) {
            case ANONYMOUS -> new long[] {1200, 60};
            case PRO -> new long[] {12_000, 60};
            case LOGIN -> new long[] {60, 60};
            default -> new long[] {2400, 60};
        };
        Config config = ConfigProvider.getConfig();
        return new RateLimitPolicy(name,
                value(config, "scaleshop.ratelimit." + name + ".quota").orElse(defaults[0]),
                value(config, "scaleshop.ratelimit." + name + ".window-seconds").orElse(defaults[1]), 0);
    }

    private static Optional<Long> value(Config config, String key) {
        return config.getOptionalValue(key, Long.class);
    }

    /** quota 0 = back to the configured values. Plain strings: no application class on the grid. */
    private record Setting(long quota, long windowSeconds, long generation) {

        static Setting parse(String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split("/");
            return new Setting(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }

        @Override
        public String toString() {
            return quota + "/" + windowSeconds + "/" + generation;
        }
    }
}
