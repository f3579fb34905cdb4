package dev.scaleshop.ratelimiting.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Tokens one instance took from a key's cluster-wide bucket ahead of use, handed out locally: a request
 * that finds tokens in its key's lease costs no grid call (the way large proxies put local buckets in
 * front of a global limit service).
 *
 * <p><b>Exact upward.</b> A token is always taken from the shared bucket before a request is admitted
 * with it, so the cluster never admits more than the policy allows — leasing cannot over-admit. A
 * refusal is remembered until the bucket's own refill time (what the grid would answer until then), so
 * a flooding client costs no grid call per refused request either.
 *
 * <p><b>Bounded downward.</b> Tokens leased to an instance that the key's client stops reaching are
 * lost when the lease expires. A lease holds {@code min(fraction × tokens the bucket had left, one
 * second of the policy's rate) / instances} tokens (at least 1, at most the bucket's capacity), so per
 * key at most about one second of the rate, and never more than {@code fraction} of what was left, is
 * stranded at any time; near an empty bucket leases shrink to one token: exact, one grid call per
 * request, as without leases.
 */
final class Leases {

    /** Does the grid work for one lease: takes up to {@code tokens} (all or nothing) from the shared bucket. */
    @FunctionalInterface
    interface SharedBucket {
        ConsumptionProbe tryTake(long tokens);
    }

    /** What a request got: admitted or not, tokens left (the shared bucket's plus this lease's), seconds to wait. */
    record Grant(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds, boolean gridCall) {
    }

    private static final int MAX_KEYS = 100_000;

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final double fraction;
    private final long lifetimeNanos;
    private final LongSupplier clock;

    Leases(double fraction, long lifetimeSeconds, LongSupplier nanoClock) {
        this.fraction = fraction;
        this.lifetimeNanos = TimeUnit.SECONDS.toNanos(lifetimeSeconds);
        this.clock = nanoClock;
    }

    /** A grant from the key's lease if it can give one, else null (then {@link #fromGrid}). */
    Grant local(RateLimitPolicy policy, String key) {
        Lease lease = leases.get(key);
        long now = clock.getAsLong();
        if (lease == null || lease.generation != policy.generation() || now - lease.expiresAt >= 0) {
            return null;
        }
        if (now - lease.refusedUntil < 0) {
            return new Grant(false, 0, seconds(lease.resetAt - now), seconds(lease.refusedUntil - now), false);
        }
        long left = lease.take();
        return left < 0 ? null : new Grant(true, lease.sharedRemaining + left, seconds(lease.resetAt - now), 0, false);
    }

    /**
     * Takes a new lease from the shared bucket (one grid call; a second, for a single token, only when the
     * lease did not fit and the bucket still has tokens) and admits or refuses the request with it.
     */
    Grant fromGrid(RateLimitPolicy policy, String key, int instances, SharedBucket bucket) {
        Lease known = leases.get(key);
        long size = size(policy, known != null && known.generation == policy.generation() ? known.sharedRemaining
                : capacity(policy), instances);
        ConsumptionProbe probe = bucket.tryTake(size);
        if (!probe.isConsumed() && size > 1 && probe.getRemainingTokens() > 0) {
            size = 1;
            probe = bucket.tryTake(1);
        }
        long now = clock.getAsLong();
        long resetAt = now + probe.getNanosToWaitForReset();
        if (leases.size() >= MAX_KEYS) { // bounded: a flood of keys cannot exhaust the heap
            leases.clear();
        }
        if (!probe.isConsumed()) {
            long wait = Math.max(1, probe.getNanosToWaitForRefill());
            leases.put(key, new Lease(policy.generation(), now + Math.min(wait, lifetimeNanos), 0,
                    probe.getRemainingTokens(), resetAt, now + wait));
            return new Grant(false, 0, seconds(resetAt - now), seconds(wait), true);
        }
        Lease fresh = new Lease(policy.generation(), now + lifetimeNanos, size - 1, probe.getRemainingTokens(), resetAt, now);
        // tokens still left in a lease taken concurrently by another request of this instance are kept, not lost
        leases.merge(key, fresh, (old, added) -> old.generation == added.generation && now - old.expiresAt < 0
                ? added.plus(old.drain()) : added);
        return new Grant(true, probe.getRemainingTokens() + size - 1, seconds(resetAt - now), 0, true);
    }

    /** {@code min(fraction × what the bucket had left, one second of the rate) / instances}, within [1, capacity]. */
    long size(RateLimitPolicy policy, long sharedRemaining, int instances) {
        double perSecond = (double) policy.quota() / policy.windowSeconds();
        long size = (long) Math.floor(Math.min(sharedRemaining * fraction, perSecond) / Math.max(1, instances));
        return Math.max(1, Math.min(size, capacity(policy)));
    }

    private static long capacity(RateLimitPolicy policy) {
        return policy.algorithm() == RateLimitPolicy.Algorithm.LEAKY_BUCKET ? 1 : policy.quota();
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999));
    }

    private static final class Lease {
        final long generation;
        final long expiresAt;
        final long sharedRemaining;
        final long resetAt;
        final long refusedUntil;
        private final AtomicLong tokens;

        Lease(long generation, long expiresAt, long tokens, long sharedRemaining, long resetAt, long refusedUntil) {
            this.generation = generation;
            this.expiresAt = expiresAt;
            this.tokens = new AtomicLong(tokens);
            this.sharedRemaining = sharedRemaining;
            this.resetAt = resetAt;
            this.refusedUntil = refusedUntil;
        }

        /** Takes one token: what is left after it, negative when there was none. */
        long take() {
            return tokens.decrementAndGet();
        }

        /** Empties the lease, returning what it held: a request racing with this finds none (never counted twice). */
        long drain() {
            return Math.max(0, tokens.getAndSet(0));
        }

        Lease plus(long more) {
            tokens.addAndGet(more);
            return this;
        }
    }
}
