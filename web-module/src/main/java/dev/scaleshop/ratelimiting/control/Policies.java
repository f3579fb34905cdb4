package dev.scaleshop.ratelimiting.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The policies, with defaults in code and overrides in MicroProfile Config
 * ({@code scaleshop.ratelimit.<policy>.quota} / {@code .window-seconds}), read when a bucket is made.
 */
@ApplicationScoped
public class Policies {

    public static final String ANONYMOUS = "anonymous";
    public static final String FREE = "free";
    public static final String PRO = "pro";
    public static final String LOGIN = "login";

    public RateLimitPolicy anonymous() {
        return policy(ANONYMOUS, 1200, 60);
    }

    /** The tier from the token's {@code plan} claim; an unknown plan gets the free tier. */
    public RateLimitPolicy plan(String plan) {
        return PRO.equals(plan) ? policy(PRO, 12_000, 60) : policy(FREE, 2400, 60);
    }

    /** Login and registration, per client address: each attempt costs a slow password hash. */
    public RateLimitPolicy login() {
        return policy(LOGIN, 60, 60);
    }

    private static RateLimitPolicy policy(String name, long quota, long windowSeconds) {
        Config config = ConfigProvider.getConfig();
        return new RateLimitPolicy(name,
                value(config, "scaleshop.ratelimit." + name + ".quota").orElse(quota),
                value(config, "scaleshop.ratelimit." + name + ".window-seconds").orElse(windowSeconds));
    }

    private static Optional<Long> value(Config config, String key) {
        return config.getOptionalValue(key, Long.class);
    }
}
