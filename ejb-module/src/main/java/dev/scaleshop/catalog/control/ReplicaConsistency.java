package dev.scaleshop.catalog.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.scaleshop.problems.InvalidRequestException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Read-your-writes over asynchronous streaming replication. A write hands its author a consistency
 * token: the primary's WAL position after the commit. A read carrying a token may use the replica only
 * once the replica has replayed up to it; after a short bounded wait the read goes to the primary.
 * (The scheme GitLab's database load balancing uses.)
 */
@ApplicationScoped
public class ReplicaConsistency {

    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    private static final long POLL_MILLIS = 5;
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/primary")
    DataSource primary;

    @Resource(lookup = "jdbc/replica")
    DataSource replica;

    @Inject
    @ConfigProperty(name = "scaleshop.catalog.read-your-writes.max-wait-ms", defaultValue = "100")
    long maxWaitMillis;

    /** The primary's current WAL position; called after a commit, it is at or past that commit. */
    public String primaryPosition() {
        return position(primary, "SELECT pg_current_wal_lsn()::text", "the primary's WAL position");
    }

    /** How far the replica has replayed; null if the replica pool does not reach a standby. */
    public String replicaReplayPosition() {
        return position(replica, "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text END",
                "the replica's replay position");
    }

    private static String position(DataSource dataSource, String sql, String what) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** Rejects tokens that are not PostgreSQL LSNs: they come from clients. */
    public static String validToken(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        if (!LSN.matcher(token.strip()).matches()) {
            throw new InvalidRequestException("invalid-consistency-token",
                    "a consistency token looks like 16/B374D848, as returned by a write");
        }
        return token.strip();
    }

    /** True if the replica has replayed up to the token, waiting at most the configured time for it. */
    public boolean replicaReached(String token) {
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
        while (true) {
            if (replicaReachedNow(token)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep();
        }
    }

    public boolean replicaReachedNow(String token) {
        try (Connection connection = replica.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
            statement.setString(1, token);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            return false; // an unreachable replica has not reached anything: read from the primary
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
