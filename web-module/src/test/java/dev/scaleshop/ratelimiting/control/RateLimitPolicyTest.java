package dev.scaleshop.ratelimiting.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import dev.scaleshop.ratelimiting.control.RateLimitPolicy.Algorithm;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy.KeyedBy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    private final RateLimitPolicy login = new RateLimitPolicy("login", Algorithm.TOKEN_BUCKET, KeyedBy.CLIENT, 60, 60, 0);
    private final RateLimitPolicy jobs = new RateLimitPolicy("jobs", Algorithm.LEAKY_BUCKET, KeyedBy.CALLER, 5, 1, 0);

    private final TestClock clock = new TestClock();

    @Test
    void announcesItselfAsTheDraftSpellsIt() {
        assertThat(login.policyField()).isEqualTo("\"login\";q=60;w=60");
        assertThat(login.limitField(12, 48)).isEqualTo("\"login\";r=12;t=48");
    }

    @Test
    void aTokenBucketAdmitsABurstOfTheQuotaThenOneTokenPerSecond() {
        Bucket bucket = bucket(login.bucket());

        assertThat(admitted(bucket, 100)).as("the burst").isEqualTo(60);
        advanceMillis(5000);
        assertThat(admitted(bucket, 100)).as("5 s later, at 60 per 60 s").isEqualTo(5);
    }

    @Test
    void aLeakyBucketAdmitsAtAConstantRateWithoutBursts() {
        Bucket bucket = bucket(jobs.bucket());

        assertThat(admitted(bucket, 100)).as("a burst gets one through").isEqualTo(1);
        int admitted = 0;
        for (int tick = 0; tick < 100; tick++) { // 10 requests every 10 ms for a second: 10x the rate
            advanceMillis(10);
            int now = admitted(bucket, 10);
            assertThat(now).as("never more than one at a time").isLessThanOrEqualTo(1);
            admitted += now;
        }
        assertThat(admitted).as("one per 200 ms over a second").isEqualTo(5);
        advanceMillis(10_000);
        assertThat(admitted(bucket, 100)).as("an idle leaky bucket saves nothing up").isEqualTo(1);
    }

    @Test
    void aLocalShareHoldsThatPartOfThePolicy() {
        assertThat(admitted(bucket(login.bucket(0.5)), 100)).as("half the burst").isEqualTo(30);

        Bucket leaky = bucket(jobs.bucket(0.5));
        int admitted = 0;
        for (int tick = 0; tick < 100; tick++) {
            advanceMillis(10);
            admitted += admitted(leaky, 10);
        }
        assertThat(admitted).as("half the rate: one per 400 ms, plus the first").isBetween(2, 3);

        RateLimitPolicy tiny = new RateLimitPolicy("tiny", Algorithm.TOKEN_BUCKET, KeyedBy.CLIENT, 1, 60, 0);
        assertThat(admitted(bucket(tiny.bucket(0.5)), 10)).as("never less than one").isEqualTo(1);
    }

    @Test
    void rejectsEmptyPolicies() {
        assertThatThrownBy(() -> new RateLimitPolicy("none", Algorithm.TOKEN_BUCKET, KeyedBy.CLIENT, 0, 60, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Bucket bucket(BucketConfiguration configuration) {
        return Bucket.builder().addLimit(configuration.getBandwidths()[0]).withCustomTimePrecision(clock).build();
    }

    private void advanceMillis(long millis) {
        clock.advanceMillis(millis);
    }

    private static int admitted(Bucket bucket, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            admitted += bucket.tryConsume(1) ? 1 : 0;
        }
        return admitted;
    }
}
