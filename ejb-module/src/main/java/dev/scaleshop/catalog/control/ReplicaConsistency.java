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

/**
 * Read-your-writes over asynchronous streaming replication. A write hands its author a consistency
 * token: the primary's WAL position after the commit. A read carrying a token may use a replica only
 * once that replica has replayed up to it (the scheme GitLab's database load balancing uses); the
 * waiting and the choice of replica belong to {@link ReplicaMonitor}, the SQL to this class.
 */
@ApplicationScoped
public class ReplicaConsistency {

    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/primary")
    DataSource primary;

    /** The primary's current WAL position; called after a commit, it is at or past that commit. */
    public String primaryPosition() {
        return position(primary, "SELECT pg_current_wal_lsn()::text", "the primary's WAL position");
    }

    /** How far a replica has replayed; null if its pool does not reach a standby. */
    String replayPosition(Replica replica) {
        return position(replica.dataSource(),
                "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text END",
                "the replay position of " + replica.name());
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

    /** True if the replica has replayed up to the token now; an unreachable replica has not. */
    boolean reached(Replica replica, String token) {
        try (Connection connection = replica.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setString(1, token);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
