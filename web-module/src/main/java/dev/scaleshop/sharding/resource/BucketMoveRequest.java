package dev.scaleshop.sharding.resource;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Move buckets {@code fromBucket}..{@code toBucket} (inclusive; one bucket if {@code toBucket} is
 * absent) to shard {@code toShard}. At most {@value ShardsResource#MAX_BUCKETS_PER_CALL} buckets per call.
 */
public record BucketMoveRequest(
        @NotNull @Min(0) @Max(1023) Integer fromBucket,
        @Min(0) @Max(1023) Integer toBucket,
        @NotNull @Min(0) Integer toShard) {

    int last() {
        return toBucket == null ? fromBucket : toBucket;
    }
}
