package dev.scaleshop.ratelimiting.control;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * A token bucket of {@code quota} tokens that refills at quota per {@code window} (greedily, token by
 * token): bursts up to the quota, then the window's average rate. The names and numbers are what the
 * {@code RateLimit-Policy} header announces ({@code "name";q=quota;w=window}). The generation grows
 * with every run-time change, so buckets know when to take a new configuration.
 */
public record RateLimitPolicy(String name, long quota, long windowSeconds, long generation) {

    public RateLimitPolicy {
        if (quota < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("policy " + name + " needs a quota and a window of at least 1");
        }
    }

    BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(quota).refillGreedy(quota, Duration.ofSeconds(windowSeconds)))
                .build();
    }

    /** The {@code RateLimit-Policy} field value (draft-ietf-httpapi-ratelimit-headers). */
    public String policyField() {
        return "\"" + name + "\";q=" + quota + ";w=" + windowSeconds;
    }

    /** The {@code RateLimit} field value: remaining tokens and seconds until the bucket is full again. */
    public String limitField(long remaining, long resetSeconds) {
        return "\"" + name + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
