package dev.scaleshop.sharding.control;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
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
 * to reach a shard — there is no default shard: work that does not name its shard cannot be written.
 * The first time a shard's pool is used, the database's {@code shard_identity} must name the same
 * shard number, or the work fails (a pool pointing at the wrong server must not take writes).
 * A shard that cannot be reached turns into {@link UnavailableException} (503 + Retry-After).
 */
@ApplicationScoped
public class Shards {

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

    private List<Shard> shards;

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

    /** Runs work in one transaction on shard {@code number}: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(int number, Function<EntityManager, T> work) {
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
            throw unavailable(number, e);
        }
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            checkIdentity(shard, em);
            T result = work.apply(em);
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
            throw isConnectionFailure(e) ? unavailable(number, e) : e;
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

    private UnavailableException unavailable(int number, RuntimeException cause) {
        return new UnavailableException("shard-unavailable",
                "the database server holding this customer's data (shard " + number + ") is not reachable; retry shortly",
                retryAfterSeconds, cause);
    }
}
