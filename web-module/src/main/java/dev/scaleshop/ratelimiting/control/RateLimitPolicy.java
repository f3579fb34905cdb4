package dev.scaleshop.ratelimiting.control;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * A limit of {@code quota} requests per {@code window}, enforced by one of two algorithms:
 * <ul>
 * <li>{@link Algorithm#TOKEN_BUCKET}: a bucket of {@code quota} tokens refilled at quota per window,
 * token by token — bursts up to the quota, then the window's average rate;</li>
 * <li>{@link Algorithm#LEAKY_BUCKET}: the leaky bucket as a meter (GCRA) — a bucket of one token
 * refilled every {@code window / quota}: admitted requests leave at the constant rate, never in a
 * burst, and a request that comes too early is refused at once with the time to its slot.</li>
 * </ul>
 * The names and numbers are what the {@code RateLimit-Policy} header announces
 * ({@code "name";q=quota;w=window}). The generation grows with every run-time change, so buckets know
 * when to take a new configuration.
 */
public record RateLimitPolicy(String name, Algorithm algorithm, KeyedBy keyedBy, long quota, long windowSeconds,
                              long generation) {

    /** How a policy admits requests. */
    public enum Algorithm {
        TOKEN_BUCKET, LEAKY_BUCKET
    }

    /** Whose bucket a request draws from: the client address, or the caller (token subject, else address). */
    public enum KeyedBy {
        CLIENT, CALLER
    }

    public RateLimitPolicy {
        if (quota < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("policy " + name + " needs a quota and a window of at least 1");
        }
    }

    /** The same policy with other numbers (a run-time change). */
    RateLimitPolicy with(long newQuota, long newWindowSeconds, long newGeneration) {
        return new RateLimitPolicy(name, algorithm, keyedBy, newQuota, newWindowSeconds, newGeneration);
    }

    /** The cluster-wide bucket. */
    BucketConfiguration bucket() {
        return bucket(1.0);
    }

    /**
     * A bucket that admits {@code share} of the policy (at least one request per window): what one
     * instance enforces on its own while the grid cannot answer.
     */
    BucketConfiguration bucket(double share) {
        long shared = Math.max(1, Math.round(quota * share));
        Duration window = Duration.ofSeconds(windowSeconds);
        return switch (algorithm) {
            case TOKEN_BUCKET -> BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(shared).refillGreedy(shared, window))
                    .build();
            case LEAKY_BUCKET -> BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(1).refillGreedy(1, window.dividedBy(shared)))
                    .build();
        };
    }

    /** The {@code RateLimit-Policy} field value (draft-ietf-httpapi-ratelimit-headers). */
    public String policyField() {
        return "\"" + name + "\";q=" + quota + ";w=" + windowSeconds;
    }

    /** The {@code RateLimit} field value: remaining requests and seconds until the bucket is full again. */
    public String limitField(long remaining, long resetSeconds) {
        return "\"" + name + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
