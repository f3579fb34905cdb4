package dev.scaleshop.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaLagTest {

    private final ReplicaLag lag = new ReplicaLag();

    @Test
    void parsesPostgresLsns() {
        assertThat(ReplicaLag.parse("0/0")).isZero();
        assertThat(ReplicaLag.parse("16/B374D848")).isEqualTo(0x16_B374D848L);
        assertThat(ReplicaLag.parse("1/0")).isGreaterThan(ReplicaLag.parse("0/FFFFFFFF"));
    }

    @Test
    void aCaughtUpReplicaHasNoLag() {
        assertThat(lag.observe(100, 100, 1_000)).isZero();
        assertThat(lag.observe(200, 200, 61_000)).isZero();
    }

    @Test
    void aFirstPendingWriteAfterALullDoesNotCountTheLull() {
        lag.observe(100, 100, 0);
        assertThat(lag.observe(200, 100, 60_000)).as("just seen: no age yet").isZero();
        assertThat(lag.observe(200, 100, 61_000)).isEqualTo(1.0);
    }

    @Test
    void lagIsTheAgeOfTheOldestUnreplayedPosition() {
        lag.observe(100, 50, 0);
        lag.observe(200, 50, 1_000);
        lag.observe(300, 150, 2_000);      // 100 replayed, 200 and 300 pending
        assertThat(lag.observe(400, 150, 3_000)).isEqualTo(2.0);
        assertThat(lag.observe(400, 400, 4_000)).isZero();
    }

    @Test
    void aReplicaThatKeepsUpUnderSteadyWritesStaysNearZero() {
        double worst = 0;
        for (int second = 0; second < 100; second++) {
            long primary = (second + 1) * 1_000L;
            long replay = primary - 10; // always slightly behind, but past the previous sample
            worst = Math.max(worst, lag.observe(primary, replay, second * 1_000L));
        }
        assertThat(worst).isLessThanOrEqualTo(1.0);
    }
}
