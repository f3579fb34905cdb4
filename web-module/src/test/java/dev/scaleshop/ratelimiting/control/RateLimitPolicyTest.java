package dev.scaleshop.ratelimiting.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    private final RateLimitPolicy login = new RateLimitPolicy("login", 60, 60, 0);

    @Test
    void announcesItselfAsTheDraftSpellsIt() {
        assertThat(login.policyField()).isEqualTo("\"login\";q=60;w=60");
        assertThat(login.limitField(12, 48)).isEqualTo("\"login\";r=12;t=48");
    }

    @Test
    void aBucketAdmitsABurstOfTheQuotaThenOneTokenPerSecond() {
        long[] now = {0};
        TimeMeter clock = new TimeMeter() { // a clock the test moves: no sleeping, no timing
            @Override
            public long currentTimeNanos() {
                return now[0];
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        Bucket bucket = Bucket.builder().addLimit(login.bucket().getBandwidths()[0]).withCustomTimePrecision(clock).build();

        assertThat(admitted(bucket, 100)).as("the burst").isEqualTo(60);
        now[0] += TimeUnit.SECONDS.toNanos(5);
        assertThat(admitted(bucket, 100)).as("5 s later, at 60 per 60 s").isEqualTo(5);
    }

    private static int admitted(Bucket bucket, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            admitted += bucket.tryConsume(1) ? 1 : 0;
        }
        return admitted;
    }

    @Test
    void rejectsEmptyPolicies() {
        assertThatThrownBy(() -> new RateLimitPolicy("none", 0, 60, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
