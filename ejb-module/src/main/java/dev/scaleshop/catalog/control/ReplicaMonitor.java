package dev.scaleshop.catalog.control;

import java.util.logging.Logger;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * Decides, once a second on every instance, whether the replica may serve reads: it must answer and
 * lag the primary by at most {@code scaleshop.catalog.replica.max-lag-seconds}. Out of rotation, reads
 * go to the primary; the replica comes back by itself when it is healthy again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReplicaMonitor {

    private static final Logger LOG = Logger.getLogger(ReplicaMonitor.class.getName());

    @Inject
    ReplicaConsistency consistency;

    @Inject
    @ConfigProperty(name = "scaleshop.catalog.replica.max-lag-seconds", defaultValue = "5")
    double maxLagSeconds;

    /** Off sends every read to the primary (benchmarks, or an operator distrusting the replica). */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.replica.enabled", defaultValue = "true")
    Provider<Boolean> routingEnabled;

    private final ReplicaLag lag = new ReplicaLag();
    private volatile ReplicaState state = ReplicaState.unknown();

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "replica health")
    void probe() {
        ReplicaState next = measure();
        ReplicaState previous = state;
        state = next;
        if (previous.inRotation() != next.inRotation()) {
            LOG.warning(() -> (next.inRotation() ? "SCALESHOP-REPLICA-002 replica back in read rotation: "
                    : "SCALESHOP-REPLICA-001 replica out of read rotation, reads go to the primary: ") + next);
        }
    }

    /** True while reads may use the replica: it is healthy and routing to it is switched on. */
    public boolean inRotation() {
        return routingEnabled.get() && state.inRotation();
    }

    /** A read on the replica failed: take it out until the next successful probe. */
    public void reportFailure(Exception cause) {
        if (state.inRotation()) {
            state = ReplicaState.down("read failed: " + cause.getMessage());
            LOG.warning(() -> "SCALESHOP-REPLICA-001 replica out of read rotation after a failed read: " + cause);
        }
    }

    public ReplicaState state() {
        return state;
    }

    @Gauge(name = "scaleshop_replica_lag_seconds", unit = MetricUnits.SECONDS, absolute = true,
            description = "replay delay of the main replica behind the primary (-1: unreachable)")
    public double lagSeconds() {
        return state.lagSeconds();
    }

    @Gauge(name = "scaleshop_replica_lag_bytes", unit = MetricUnits.BYTES, absolute = true,
            description = "WAL bytes the main replica has not replayed yet (-1: unreachable)")
    public long lagBytes() {
        return state.lagBytes();
    }

    @Gauge(name = "scaleshop_replica_in_rotation", unit = MetricUnits.NONE, absolute = true,
            description = "1 while the main replica serves reads, 0 while reads go to the primary")
    public long inRotationGauge() {
        return state.inRotation() ? 1 : 0;
    }

    private ReplicaState measure() {
        String primaryLsn;
        try {
            primaryLsn = consistency.primaryPosition();
        } catch (IllegalStateException e) {
            return state; // no primary, nothing to compare with: keep the last verdict
        }
        String replayLsn;
        try {
            replayLsn = consistency.replicaReplayPosition();
        } catch (IllegalStateException e) {
            lag.reset();
            return ReplicaState.down(e.getMessage());
        }
        if (replayLsn == null) {
            lag.reset();
            return ReplicaState.down("the replica pool does not point at a streaming standby");
        }
        long primaryPosition = ReplicaLag.parse(primaryLsn);
        long replayPosition = ReplicaLag.parse(replayLsn);
        double seconds = lag.observe(primaryPosition, replayPosition, System.currentTimeMillis());
        long bytes = Math.max(0, primaryPosition - replayPosition);
        boolean healthy = seconds <= maxLagSeconds;
        return new ReplicaState(healthy, bytes, seconds,
                healthy ? "ok" : "lag " + seconds + " s over " + maxLagSeconds + " s");
    }
}
