package dev.scaleshop.ratelimiting.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import dev.scaleshop.ratelimiting.control.RateLimitPolicy.Algorithm;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy.KeyedBy;
import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

/**
 * Three instances, each with its own {@link Leases}, drawing one client's requests from one shared bucket
 * (a Bucket4j bucket standing for the grid's: the same algorithm, minus the network), on a clock the test
 * moves. What the README promises: never more admitted than the policy allows, and at most the stranded
 * leases' tokens fewer.
 */
class LeasesTest {

    private static final int INSTANCES = 3;
    private final RateLimitPolicy pro = new RateLimitPolicy("pro", Algorithm.TOKEN_BUCKET, KeyedBy.CALLER, 12_000, 60, 0);
    private final TestClock clock = new TestClock();

    @Test
    void threeInstancesAtTenTimesTheRateAdmitTheBurstPlusTheRateLessAtMostTheirLeases() {
        // past the burst the bucket is nearly empty: leases shrink to one token and each admitted request costs
        // a grid call again (exact where it matters); far from empty, one call serves a whole lease
        Bucket shared = Bucket.builder().addLimit(pro.bucket().getBandwidths()[0]).withCustomTimePrecision(clock).build();
        List<Leases> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(new Leases(0.05, 10, clock::currentTimeNanos));
        }
        Random random = new Random(16);
        long admitted = 0;
        long gridCallsInTheBurst = 0;
        long seconds = 30;
        for (long ms = 0; ms < seconds * 1000; ms++) {
            clock.setMillis(ms);
            for (int request = 0; request < 2; request++) { // 2,000 requests a second: 10x the rate, any instance
                Leases instance = instances.get(random.nextInt(INSTANCES));
                Leases.Grant grant = instance.local(pro, "sub:42");
                if (grant == null) {
                    grant = instance.fromGrid(pro, "sub:42", INSTANCES, shared::tryConsumeAndReturnRemaining);
                }
                admitted += grant.allowed() ? 1 : 0;
                gridCallsInTheBurst += grant.gridCall() && ms < 1000 ? 1 : 0;
            }
        }
        long allowed = 12_000 + 200 * seconds; // burst + rate x time
        long largestLease = instances.get(0).size(pro, 12_000, INSTANCES);
        assertThat(largestLease).as("min(5 %% of 12,000, 200 per second) / 3").isEqualTo(66);
        assertThat(admitted).as("never more than the policy allows").isLessThanOrEqualTo(allowed)
                .as("at most the instances' leases fewer").isGreaterThanOrEqualTo(allowed - INSTANCES * largestLease);
        assertThat(gridCallsInTheBurst).as("the first second, far from empty: one grid call per lease of 66, "
                + "not one per request").isLessThanOrEqualTo(2_000 / largestLease + INSTANCES);
    }

    @Test
    void concurrentRequestsOnThreeInstancesNeverTakeMoreThanTheBucketHolds() throws InterruptedException {
        RateLimitPolicy daily = new RateLimitPolicy("daily", Algorithm.TOKEN_BUCKET, KeyedBy.CALLER, 5_000, 86_400, 0);
        Bucket shared = Bucket.builder().addLimit(daily.bucket().getBandwidths()[0]).withCustomTimePrecision(clock).build();
        AtomicLong admitted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            Leases instance = new Leases(0.05, 10, clock::currentTimeNanos);
            for (int t = 0; t < 8; t++) { // 8 request threads per instance, 1,000 requests each: 24,000 for 5,000 tokens
                Thread thread = new Thread(() -> {
                    awaitQuietly(start);
                    for (int r = 0; r < 1_000; r++) {
                        Leases.Grant grant = instance.local(daily, "ip:10.0.0.1");
                        if (grant == null) {
                            grant = instance.fromGrid(daily, "ip:10.0.0.1", INSTANCES, shared::tryConsumeAndReturnRemaining);
                        }
                        if (grant.allowed()) {
                            admitted.incrementAndGet();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(admitted.get()).as("all of the bucket, since leases drain fully before the bucket refuses")
                .isEqualTo(5_000);
    }

    @Test
    void leasesShrinkToSingleTokensNearAnEmptyBucketAndForSmallPolicies() {
        Leases leases = new Leases(0.05, 10, clock::currentTimeNanos);
        assertThat(leases.size(pro, 100, 2)).as("5 of 100 left, over 2 instances").isEqualTo(2);
        assertThat(leases.size(pro, 10, 2)).isEqualTo(1);
        RateLimitPolicy twentyPerSecond = new RateLimitPolicy("t", Algorithm.TOKEN_BUCKET, KeyedBy.CALLER, 20, 1, 0);
        assertThat(leases.size(twentyPerSecond, 20, 2)).as("the accuracy test's policy: exact").isEqualTo(1);
        RateLimitPolicy leaky = new RateLimitPolicy("jobs", Algorithm.LEAKY_BUCKET, KeyedBy.CALLER, 1_000, 1, 0);
        assertThat(leases.size(leaky, 1_000_000, 1)).as("a leaky bucket holds one token").isEqualTo(1);
    }

    @Test
    void aRefusalIsRememberedUntilTheBucketRefillsAndAPolicyChangeDropsTheLease() {
        RateLimitPolicy login = new RateLimitPolicy("login", Algorithm.TOKEN_BUCKET, KeyedBy.CLIENT, 2, 60, 0);
        Bucket shared = Bucket.builder().addLimit(login.bucket().getBandwidths()[0]).withCustomTimePrecision(clock).build();
        Leases leases = new Leases(0.05, 10, clock::currentTimeNanos);
        assertThat(take(leases, login, shared).allowed()).isTrue();
        assertThat(take(leases, login, shared).allowed()).isTrue();
        Leases.Grant refused = take(leases, login, shared);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("one token per 30 s").isEqualTo(30);
        assertThat(leases.local(login, "k")).as("remembered: no grid call").isNotNull()
                .extracting(Leases.Grant::allowed).isEqualTo(false);
        clock.setMillis(30_000);
        assertThat(leases.local(login, "k")).as("refilled: ask the grid").isNull();
        assertThat(take(leases, login, shared).allowed()).isTrue();
        assertThat(leases.local(login.with(10, 60, 1), "k")).as("a new generation ignores the old lease").isNull();
    }

    private static Leases.Grant take(Leases leases, RateLimitPolicy policy, Bucket shared) {
        Leases.Grant grant = leases.local(policy, "k");
        return grant != null ? grant : leases.fromGrid(policy, "k", 1, shared::tryConsumeAndReturnRemaining);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
