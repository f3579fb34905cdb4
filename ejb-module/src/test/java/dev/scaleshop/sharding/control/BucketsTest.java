package dev.scaleshop.sharding.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BucketsTest {

    /** Known values pin the function: a change would silently move every customer to another bucket. */
    @Test
    void theFunctionIsPinned() {
        assertThat(Buckets.mix64(0)).isEqualTo(0L);
        assertThat(Buckets.mix64(1)).isEqualTo(0x5692161d100b05e5L);
        assertThat(Buckets.of(UUID.fromString("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506"))).isEqualTo(186);
        assertThat(Buckets.of(new UUID(0, 0))).isEqualTo(0);
    }

    @Test
    void everyBucketIsInRange() {
        IntStream.range(0, 100_000).mapToObj(i -> UUID.randomUUID())
                .forEach(id -> assertThat(Buckets.of(id)).isBetween(0, Buckets.COUNT - 1));
    }

    /** 10,000 time-ordered ids (UUIDv7, made within milliseconds of each other) over two shards of 512 buckets. */
    @Test
    void timeOrderedIdsSpreadEvenlyOverTwoShards() {
        int[] shards = new int[2];
        long millis = 1_790_000_000_000L;
        for (int i = 0; i < 10_000; i++) {
            UUID id = uuidV7(millis + i / 10, i);
            shards[Buckets.of(id) < Buckets.COUNT / 2 ? 0 : 1]++;
        }
        assertThat(shards[0]).as("shard 0 of 10,000").isBetween(4750, 5250);
        assertThat(shards[1]).as("shard 1 of 10,000").isBetween(4750, 5250);
    }

    @Test
    void timeOrderedIdsFillEveryBucket() {
        int[] buckets = new int[Buckets.COUNT];
        for (int i = 0; i < 100_000; i++) {
            buckets[Buckets.of(uuidV7(1_790_000_000_000L + i / 100, i))]++;
        }
        assertThat(IntStream.of(buckets).min().orElseThrow()).as("fewest in a bucket (mean 98)").isGreaterThan(50);
        assertThat(IntStream.of(buckets).max().orElseThrow()).as("most in a bucket (mean 98)").isLessThan(150);
    }

    /** RFC 9562 layout: 48-bit milliseconds, version 7, then counter bits. */
    private static UUID uuidV7(long millis, long counter) {
        long msb = (millis << 16) | 0x7000L | (counter & 0x0fffL);
        long lsb = 0x8000_0000_0000_0000L | (counter * 0x9E3779B97F4A7C15L >>> 2);
        return new UUID(msb, lsb);
    }
}
