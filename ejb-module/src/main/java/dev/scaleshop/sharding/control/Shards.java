package dev.scaleshop.sharding.control;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.scaleshop.platform.control.Causes;
import dev.scaleshop.platform.control.DataSources;
import dev.scaleshop.problems.UnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a unit of work on one shard server: an entity manager of the resource-local unit
 * {@code scaleshop-shard} bound to that shard's pool, in a transaction of its own. This is the only way
 * to reach a shard — there is no default shard: work names its bucket ({@link #forBucket}, routed by
 * the shard map) or, for a scan, its shard ({@link #scan}). The first time a shard's pool is used, the
 * database's {@code shard_identity} must name the same shard number, or the work fails (a pool pointing
 * at the wrong server must not take writes). A shard that cannot be reached turns into
 * {@link UnavailableException} (503 + Retry-After).
 *
 * <p><b>Buckets that move.</b> The map every instance holds may be up to a second old. So the shard has
 * the last word: work for a bucket first reads the bucket's {@code bucket_state} row on that shard —
 * writes take it {@code FOR SHARE} — and runs only if the shard serves the bucket. A bucket move holds
 * that row {@code FOR UPDATE} on the source while it copies the last changes, so writes of that bucket
 * (and only that bucket) wait for it; afterwards the row says MOVED, the work is rolled back before it
 * did anything, the map is read again and the work runs where the bucket is now.
 *
 * <p><b>A shard that changes servers.</b> When its leader stops (a planned switchover) or dies, the work's
 * connection breaks or none can be had until the standby leads. Work on a bucket whose connection failed
 * before its commit was sent committed nothing (the server rolls back a transaction it never got a COMMIT
 * for), so it runs again on a fresh connection for up to {@code scaleshop.shards.failover-retry-ms}; a failure
 * during the commit may have committed, and is answered 503 at once (the client retries with its key).
 */
@ApplicationScoped
public class Shards {

    private static final Logger LOG = Logger.getLogger(Shards.class.getName());

    @PersistenceUnit(unitName = "scaleshop-shard")
    EntityManagerFactory factory;

    @Inject
    @ConfigProperty(name = "scaleshop.shards", defaultValue = "jdbc/shard0,jdbc/shard1")
    List<String> shardDataSources;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "scaleshop.shards.retry-after-seconds", defaultValue = "5")
    int retryAfterSeconds;

    @Inject
    ShardMap shardMap;

    @Inject
    @ConfigProperty(name = "scaleshop.shards.moved-retry-ms", defaultValue = "3000")
    long movedRetryMillis;

    @Inject
    @ConfigProperty(name = "scaleshop.shards.failover-retry-ms", defaultValue = "4000")
    long failoverRetryMillis;

    private List<Shard> shards;

    /** What the work does with its bucket's rows: writes wait for a bucket move's fence, reads do not. */
    public enum Access {
        READ, WRITE
    }

    private static final class Shard {
        final int number;
        final DataSource dataSource;
        volatile boolean identityChecked;

        Shard(int number, DataSource dataSource) {
            this.number = number;
            this.dataSource = dataSource;
        }
    }

    @PostConstruct
    void lookUp() {
        shards = IntStream.range(0, shardDataSources.size())
                .mapToObj(i -> new Shard(i, DataSources.lookUp(shardDataSources.get(i), "scaleshop.shards")))
                .toList();
    }

    public int count() {
        return shards.size();
    }

    /**
     * Runs work on the shard that serves the bucket, in one transaction. If the bucket has just moved
     * away, the map is read again and the work runs on the bucket's new shard; while a move is between
     * the two (a few milliseconds to a second), it is retried for up to
     * {@code scaleshop.shards.moved-retry-ms}, then 503 {@code bucket-moving}.
     */
    public <T> T forBucket(int bucket, Access access, Function<EntityManager, T> work) {
        long deadline = System.nanoTime() + movedRetryMillis * 1_000_000;
        long failoverDeadline = System.nanoTime() + failoverRetryMillis * 1_000_000;
        for (int attempt = 0; ; attempt++) {
            int shard = shardMap.shardOf(bucket);
            try {
                return inTransaction(shard, em -> {
                    checkServed(em, shard, bucket, access);
                    return work.apply(em);
                });
            } catch (NotCommitted broken) { // nothing was committed: the same work on a fresh connection
                if (System.nanoTime() > failoverDeadline) {
                    throw broken;
                }
                int s = shard;
                LOG.fine(() -> "SCALESHOP-SHARD-030 shard " + s + " connection lost before commit, running the work again");
                pause(250);
            } catch (BucketNotServedException moved) {
                if (System.nanoTime() > deadline) {
                    throw new UnavailableException("bucket-moving", "this customer's data is being moved to another "
                            + "database server; retry in a moment", 1, moved);
                }
                shardMap.reload();
                pause(Math.min(100, 10L * (attempt + 1)));
            }
        }
    }

    /**
     * Runs a scan (reports, recovery sweeps) on one shard, in one transaction. The work gets the buckets
     * this shard holds rows of but does not serve (being copied in, or moved away and not yet cleaned
     * up), never empty (-1 stands for none), and must leave their rows out: {@code bucket NOT IN :notServed}.
     */
    public <T> T scan(int number, BiFunction<EntityManager, List<Integer>, T> work) {
        return inTransaction(number, em -> {
            @SuppressWarnings("unchecked")
            List<Number> rows = em.createNativeQuery("SELECT bucket FROM bucket_state WHERE state <> 'SERVING'").getResultList();
            List<Integer> notServed = new ArrayList<>(rows.size() + 1);
            notServed.add(-1);
            rows.forEach(bucket -> notServed.add(bucket.intValue()));
            return work.apply(em, notServed);
        });
    }

    /** The shard's pool, for the bucket mover's plain JDBC work. */
    DataSource dataSource(int number) {
        return shard(number).dataSource;
    }

    /** Runs work in one transaction on shard {@code number}: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(int number, Function<EntityManager, T> work) {
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            // the pool would enlist the shard connection in the caller's transaction: the commit below would
            // then not be a commit, and a second shard would fail — the saga needs real local commits
            throw new IllegalStateException("shard work must not run inside a JTA transaction "
                    + "(call it from a NOT_SUPPORTED bean method)");
        }
        Shard shard = shard(number);
        EntityManager em;
        try {
            em = factory.createEntityManager(DataSources.entityManagerProperties(shard.dataSource));
        } catch (PersistenceException e) {
            throw new NotCommitted(unavailable(number, e));
        }
        EntityTransaction transaction = em.getTransaction();
        boolean committing = false;
        try {
            transaction.begin();
            checkIdentity(shard, em);
            T result = work.apply(em);
            committing = true;
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            if (transaction.isActive()) {
                try {
                    transaction.rollback();
                } catch (RuntimeException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
            }
            if (!isConnectionFailure(e)) {
                throw e;
            }
            throw committing ? unavailable(number, e) : new NotCommitted(unavailable(number, e));
        } finally {
            em.close();
        }
    }

    private Shard shard(int number) {
        if (number < 0 || number >= shards.size()) {
            throw new IllegalStateException("no shard " + number + " (scaleshop.shards has " + shards.size() + ")");
        }
        return shards.get(number);
    }

    private static void checkServed(EntityManager em, int shard, int bucket, Access access) {
        @SuppressWarnings("unchecked")
        List<String> state = em.createNativeQuery("SELECT state FROM bucket_state WHERE bucket = ?1"
                + (access == Access.WRITE ? " FOR SHARE" : "")).setParameter(1, bucket).getResultList();
        if (state.isEmpty() || !"SERVING".equals(state.get(0))) {
            throw new BucketNotServedException(shard, bucket, state.isEmpty() ? "unknown" : state.get(0));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a bucket moves", e);
        }
    }

    /** The shard was asked for a bucket it does not serve (the caller's map was older than the move). */
    static final class BucketNotServedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BucketNotServedException(int shard, int bucket, String state) {
            super("shard " + shard + " does not serve bucket " + bucket + " (" + state + ")", null, false, false);
        }
    }

    private static void checkIdentity(Shard shard, EntityManager em) {
        if (shard.identityChecked) {
            return;
        }
        Number actual = (Number) em.createNativeQuery("SELECT shard_no FROM shard_identity").getSingleResult();
        if (actual.intValue() != shard.number) {
            throw new IllegalStateException("the pool of shard " + shard.number + " reaches the database of shard "
                    + actual + ": check scaleshop.shards and the JDBC pools");
        }
        shard.identityChecked = true;
    }

    /** SQLState class 08: connection exception (refused, broken, server shutting down). 57P: operator intervention. */
    private static boolean isConnectionFailure(RuntimeException e) {
        return Causes.sqlExceptions(e).map(SQLException::getSQLState)
                .anyMatch(state -> state != null && (state.startsWith("08") || state.startsWith("57P")));
    }

    /** The shard could not be reached, and the unit of work sent no COMMIT: it committed nothing. */
    static final class NotCommitted extends UnavailableException {

        private static final long serialVersionUID = 1L;

        NotCommitted(UnavailableException unavailable) {
            super(unavailable.problemType(), unavailable.getMessage(), unavailable.retryAfterSeconds(), unavailable.getCause());
        }
    }

    private UnavailableException unavailable(int number, RuntimeException cause) {
        return new UnavailableException("shard-unavailable",
                "the database server holding this customer's data (shard " + number + ") is not reachable; retry shortly",
                retryAfterSeconds, cause);
    }
}
