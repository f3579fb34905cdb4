package dev.scaleshop.ratelimiting.control;

import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;

/** A clock the test moves: no sleeping, no timing. Bucket4j's time meter and a nano clock for {@link Leases}. */
final class TestClock implements TimeMeter {

    private volatile long nanos;

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    void advanceMillis(long millis) {
        nanos += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    void setMillis(long millis) {
        nanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
