package dev.scaleshop.sharding.control;

import java.util.UUID;

/**
 * Which virtual bucket a customer's data lives in: {@code floorMod(mix64(id), COUNT)}. The bucket of a
 * customer never changes; which shard holds a bucket is the shard map's business, so data moves between
 * servers a bucket at a time, never by rehashing customers.
 *
 * <p>{@code mix64} is the finalizer of SplitMix64 (Steele, Lea, Flood: "Fast splittable pseudorandom
 * number generators", 2014; the "variant 13" constants of Stafford's mixer study), applied to the two
 * halves of the id: every bit of the id affects every bit of the result, so ids that share a prefix —
 * UUIDv7 ids made in the same millisecond share 48 bits — still spread evenly. {@code hashCode() %
 * shards} would neither spread time-ordered ids nor survive a change in the number of shards.
 */
public final class Buckets {

    /** Fixed for the life of the data: changing it would move every customer. */
    public static final int COUNT = 1024;

    private Buckets() {
    }

    public static int of(UUID customerId) {
        long hash = mix64(customerId.getMostSignificantBits() ^ mix64(customerId.getLeastSignificantBits()));
        return (int) Math.floorMod(hash, (long) COUNT);
    }

    /** SplitMix64's finalizer: a bijection on 64-bit values with full avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
