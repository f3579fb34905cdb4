package dev.scaleshop.ratelimiting.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.logging.Logger;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy.Algorithm;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy.KeyedBy;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The policies and the routes that choose them. A policy's numbers come from, in order: a run-time
 * override an administrator set (kept in the grid), MicroProfile Config
 * ({@code scaleshop.ratelimit.<policy>.quota} / {@code .window-seconds} / {@code .algorithm}), the
 * default in code. Every change raises the policy's generation; buckets built under an older generation
 * take the new configuration on their next use (Bucket4j implicit configuration replacement).
 *
 * <p>Requests never read the grid for a policy: each instance keeps a copy of the overrides, refreshed
 * by a grid entry listener (a change reaches every instance within milliseconds) and kept as it was
 * while the grid cannot answer.
 */
@ApplicationScoped
public class Policies {

    public static final String ANONYMOUS = "anonymous";
    public static final String FREE = "free";
    public static final String PRO = "pro";
    public static final String PARTNER = "partner";
    public static final String LOGIN = "login";
    public static final String JOBS = "jobs";

    /** The defaults in code: every policy there is. */
    private static final Map<String, RateLimitPolicy> DEFAULTS = Map.of(
            ANONYMOUS, new RateLimitPolicy(ANONYMOUS, Algorithm.TOKEN_BUCKET, KeyedBy.CLIENT, 1200, 60, 0),
            FREE, new RateLimitPolicy(FREE, Algorithm.TOKEN_BUCKET, KeyedBy.CALLER, 2400, 60, 0),
            PRO, new RateLimitPolicy(PRO, Algorithm.TOKEN_BUCKET, KeyedBy.CALLER, 12_000, 60, 0),
            PARTNER, new RateLimitPolicy(PARTNER, Algorithm.TOKEN_BUCKET, KeyedBy.CALLER, 6000, 60, 0),
            // each attempt costs a slow password hash: per client address, whoever is logged in
            LOGIN, new RateLimitPolicy(LOGIN, Algorithm.TOKEN_BUCKET, KeyedBy.CLIENT, 60, 60, 0),
            // job submissions start seconds of work each: a constant rate, no bursts
            JOBS, new RateLimitPolicy(JOBS, Algorithm.LEAKY_BUCKET, KeyedBy.CALLER, 5, 1, 0));

    public static final List<String> NAMES = DEFAULTS.keySet().stream().sorted().toList();

    private static final String OVERRIDES = "scaleshop-rate-limit-policies";
    private static final Logger LOG = Logger.getLogger(Policies.class.getName());

    @Inject
    HazelcastInstance hazelcast;

    /** Routes with their own policy, first match wins: {@code METHOD /path=policy} ({@code *} = any method, a trailing {@code *} = prefix). */
    @Inject
    @ConfigProperty(name = "scaleshop.ratelimit.routes",
            defaultValue = "POST /api/v1/auth/token=login,POST /api/v1/customers=login,POST /api/v1/jobs/*=jobs")
    List<String> routeSpecs;

    private List<Route> routes;
    private final Map<String, RateLimitPolicy> configured = new ConcurrentHashMap<>();
    /** policy → "quota/windowSeconds/generation"; quota 0 after a reset (the configured values apply). */
    private IMap<String, String> overrides;
    private final Map<String, Setting> known = new ConcurrentHashMap<>();
    private UUID listener;

    @PostConstruct
    void connect() {
        routes = routeSpecs.stream().map(String::trim).filter(spec -> !spec.isEmpty()).map(Route::parse).toList();
        routes.stream().filter(route -> !DEFAULTS.containsKey(route.policy())).findFirst().ifPresent(route -> {
            throw new IllegalStateException("scaleshop.ratelimit.routes names no policy '" + route.policy() + "'; policies: " + NAMES);
        });
        Config config = ConfigProvider.getConfig();
        DEFAULTS.forEach((name, policy) -> configured.put(name, configured(config, policy)));
        overrides = hazelcast.getMap(OVERRIDES);
        listener = overrides.addEntryListener(new Listener(), true);
        overrides.forEach((name, value) -> known.put(name, Setting.parse(value)));
    }

    @PreDestroy
    void disconnect() {
        try {
            overrides.removeEntryListener(listener);
        } catch (RuntimeException gridGone) {
            LOG.fine(() -> "rate-limit policy listener: " + gridGone);
        }
    }

    /** The policy a route names, if the request's route has one of its own. */
    public Optional<RateLimitPolicy> route(String method, String path) {
        return routes.stream().filter(route -> route.matches(method, path)).findFirst().map(route -> policy(route.policy()));
    }

    public RateLimitPolicy anonymous() {
        return policy(ANONYMOUS);
    }

    /** The tier from the token's {@code plan} claim; an unknown plan gets the free tier. */
    public RateLimitPolicy plan(String plan) {
        return policy(PRO.equals(plan) ? PRO : FREE);
    }

    public RateLimitPolicy partner() {
        return policy(PARTNER);
    }

    public RateLimitPolicy policy(String name) {
        RateLimitPolicy policy = configured.get(name);
        if (policy == null) {
            throw new IllegalArgumentException("no rate-limit policy " + name);
        }
        Setting override = known.get(name);
        if (override == null) {
            return policy;
        }
        return override.quota() > 0 ? policy.with(override.quota(), override.windowSeconds(), override.generation())
                : policy.with(policy.quota(), policy.windowSeconds(), override.generation());
    }

    /** Sets a run-time override for the whole cluster; empty if there is no such policy. */
    public Optional<RateLimitPolicy> override(String name, long quota, long windowSeconds) {
        if (!DEFAULTS.containsKey(name)) {
            return Optional.empty();
        }
        update(name, generation -> new Setting(quota, windowSeconds, generation));
        return Optional.of(policy(name));
    }

    /** Drops a run-time override: the configured values apply again. */
    public Optional<RateLimitPolicy> reset(String name) {
        if (!DEFAULTS.containsKey(name)) {
            return Optional.empty();
        }
        update(name, generation -> new Setting(0, 0, generation));
        return Optional.of(policy(name));
    }

    private void update(String name, LongFunction<Setting> next) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String current = overrides.get(name);
            Setting old = Setting.parse(current);
            Setting setting = next.apply(old == null ? 1 : old.generation() + 1);
            String value = setting.toString();
            if (current == null ? overrides.putIfAbsent(name, value) == null : overrides.replace(name, current, value)) {
                known.merge(name, setting, Setting::newer); // this instance at once, the others by the listener
                return;
            }
        }
        throw new IllegalStateException("rate-limit policy " + name + " is being changed concurrently");
    }

    private static RateLimitPolicy configured(Config config, RateLimitPolicy defaults) {
        String prefix = "scaleshop.ratelimit." + defaults.name() + ".";
        return new RateLimitPolicy(defaults.name(),
                config.getOptionalValue(prefix + "algorithm", String.class)
                        .map(value -> Algorithm.valueOf(value.trim().toUpperCase().replace('-', '_'))).orElse(defaults.algorithm()),
                defaults.keyedBy(),
                config.getOptionalValue(prefix + "quota", Long.class).orElse(defaults.quota()),
                config.getOptionalValue(prefix + "window-seconds", Long.class).orElse(defaults.windowSeconds()), 0);
    }

    /** Grid events for changes made on other instances (plain strings: no application class on the grid). */
    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            known.merge(event.getKey(), Setting.parse(event.getValue()), Setting::newer);
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            entryAdded(event);
        }
    }

    /** A route and the policy it names. */
    record Route(String method, String path, boolean prefix, String policy) {

        static Route parse(String spec) {
            int space = spec.indexOf(' ');
            int equals = spec.lastIndexOf('=');
            if (space < 1 || equals < space) {
                throw new IllegalStateException("scaleshop.ratelimit.routes: '" + spec + "' is not METHOD /path=policy");
            }
            String path = spec.substring(space + 1, equals).trim();
            boolean prefix = path.endsWith("*");
            return new Route(spec.substring(0, space), prefix ? path.substring(0, path.length() - 1) : path, prefix,
                    spec.substring(equals + 1).trim());
        }

        boolean matches(String requestMethod, String requestPath) {
            return ("*".equals(method) || method.equals(requestMethod))
                    && (prefix ? requestPath.startsWith(path) : requestPath.equals(path));
        }
    }

    /** quota 0 = back to the configured values. */
    private record Setting(long quota, long windowSeconds, long generation) {

        static Setting parse(String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split("/");
            return new Setting(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }

        /** Events may arrive out of order: the higher generation wins. */
        static Setting newer(Setting a, Setting b) {
            return b.generation() > a.generation() ? b : a;
        }

        @Override
        public String toString() {
            return quota + "/" + windowSeconds + "/" + generation;
        }
    }
}
