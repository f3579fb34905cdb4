package dev.scaleshop.catalog.control;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The main database's read replicas (one JDBC pool each, listed in {@code scaleshop.catalog.replicas})
 * and which of them may serve reads. Once a second on every instance each replica is probed: it must
 * answer and lag the primary by at most {@code scaleshop.catalog.replica.max-lag-seconds}. Reads are
 * spread round-robin over the replicas in rotation; with none in rotation they go to the primary. A
 * replica comes back by itself when it is healthy again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReplicaMonitor {

    private static final Logger LOG = Logger.getLogger(ReplicaMonitor.class.getName());
    private static final long POLL_MILLIS = 5;

    @Inject
    ReplicaConsistency consistency;

    @Inject
    MetricRegistry metrics;

    /** JNDI names of the replica pools; a change needs a restart of the instances. */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.replicas", defaultValue = "jdbc/replica1")
    List<String> replicaDataSources;

    @Inject
    @ConfigProperty(name = "scaleshop.catalog.replica.max-lag-seconds", defaultValue = "5")
    double maxLagSeconds;

    @Inject
    @ConfigProperty(name = "scaleshop.catalog.read-your-writes.max-wait-ms", defaultValue = "100")
    long maxWaitMillis;

    /** Off sends every read to the primary (benchmarks, or an operator distrusting the replicas). */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.replica.enabled", defaultValue = "true")
    Provider<Boolean> routingEnabled;

    private List<Replica> replicas;
    private final AtomicInteger turn = new AtomicInteger();

    @PostConstruct
    void connect() {
        replicas = replicaDataSources.stream().map(Replica::lookUp).toList();
        replicas.forEach(this::registerGauges);
        LOG.info(() -> "SCALESHOP-REPLICA-000 read replicas: " + replicas.stream().map(Replica::jndiName).toList());
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "replica health")
    void probe() {
        String primaryLsn;
        try {
            primaryLsn = consistency.primaryPosition();
        } catch (IllegalStateException e) {
            return; // no primary, nothing to compare with: keep the last verdicts
        }
        long primaryPosition = ReplicaLag.parse(primaryLsn);
        for (Replica replica : replicas) {
            ReplicaState previous = replica.state();
            ReplicaState next = measure(replica, primaryPosition);
            replica.state(next);
            if (previous.inRotation() != next.inRotation()) {
                LOG.warning(() -> (next.inRotation() ? "SCALESHOP-REPLICA-002 " + replica.name() + " back in read rotation: "
                        : "SCALESHOP-REPLICA-001 " + replica.name() + " out of read rotation: ") + next);
            }
        }
    }

    private ReplicaState measure(Replica replica, long primaryPosition) {
        String replayLsn;
        try {
            replayLsn = consistency.replayPosition(replica);
        } catch (IllegalStateException e) {
            replica.lag().reset();
            return ReplicaState.down(e.getMessage());
        }
        if (replayLsn == null) {
            replica.lag().reset();
            return ReplicaState.down(replica.jndiName() + " does not point at a streaming standby");
        }
        long replayPosition = ReplicaLag.parse(replayLsn);
        double seconds = replica.lag().observe(primaryPosition, replayPosition, System.currentTimeMillis());
        long bytes = Math.max(0, primaryPosition - replayPosition);
        boolean healthy = seconds <= maxLagSeconds;
        return new ReplicaState(healthy, bytes, seconds, healthy ? "ok" : "lag " + seconds + " s over " + maxLagSeconds + " s");
    }

    /** Every configured replica, in configuration order. */
    public List<Replica> replicas() {
        return replicas;
    }

    /** The next replica in rotation for an anonymous read; empty sends the read to the primary. */
    public Optional<Replica> forRead() {
        List<Replica> candidates = inRotation();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size())));
    }

    /**
     * A replica in rotation that has replayed the token's write, waiting at most
     * {@code scaleshop.catalog.read-your-writes.max-wait-ms} for one; empty sends the read to the primary.
     */
    public Optional<Replica> caughtUpWith(String token) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        while (true) {
            List<Replica> candidates = inRotation();
            int start = Math.floorMod(turn.getAndIncrement(), Math.max(1, candidates.size()));
            for (int i = 0; i < candidates.size(); i++) {
                Replica replica = candidates.get((start + i) % candidates.size());
                if (consistency.reached(replica, token)) {
                    return Optional.of(replica);
                }
            }
            if (candidates.isEmpty() || System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            sleep(POLL_MILLIS);
        }
    }

    /**
     * The WAL position every configured replica has replayed (the least of them), one query per replica;
     * -1 if one does not answer or is no standby: it may return to rotation still behind.
     */
    public long replayedByAll() {
        long least = Long.MAX_VALUE;
        for (Replica replica : replicas) {
            String position;
            try {
                position = consistency.replayPosition(replica);
            } catch (RuntimeException unreachable) {
                return -1;
            }
            if (position == null) {
                return -1;
            }
            least = Math.min(least, ReplicaLag.parse(position));
        }
        return least;
    }

    /** A read on the replica failed: take it out until its next successful probe. */
    public void reportFailure(Replica replica, Exception cause) {
        ReplicaState state = replica.state();
        if (state.inRotation()) {
            replica.state(state.outOfRotation("read failed: " + cause.getMessage()));
            LOG.warning(() -> "SCALESHOP-REPLICA-001 " + replica.name() + " out of read rotation after a failed read: " + cause);
        }
    }

    private List<Replica> inRotation() {
        if (!routingEnabled.get()) {
            return List.of();
        }
        return replicas.stream().filter(replica -> replica.state().inRotation()).toList();
    }

    private void registerGauges(Replica replica) {
        gauge(replica, "scaleshop_replica_lag_seconds", MetricUnits.SECONDS,
                "replay delay of the replica behind the primary (-1: unreachable)", r -> r.state().lagSeconds());
        gauge(replica, "scaleshop_replica_lag_bytes", MetricUnits.BYTES,
                "WAL bytes the replica has not replayed yet (-1: unreachable)", r -> r.state().lagBytes());
        gauge(replica, "scaleshop_replica_in_rotation", MetricUnits.NONE,
                "1 while the replica serves reads, 0 while it is out of rotation", r -> r.state().inRotation() ? 1 : 0);
    }

    private void gauge(Replica replica, String name, String unit, String description, ToDoubleFunction<Replica> value) {
        Metadata metadata = Metadata.builder().withName(name).withUnit(unit).withDescription(description).build();
        metrics.gauge(metadata, replica, r -> value.applyAsDouble(r), new Tag("replica", replica.name()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
