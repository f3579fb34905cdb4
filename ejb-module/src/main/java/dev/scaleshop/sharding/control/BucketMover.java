package dev.scaleshop.sharding.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.problems.UnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Moves one bucket of customer data from the shard that holds it to another, while the system takes
 * writes. The steps, each a local transaction (the three databases are separate servers):
 * <ol>
 * <li>lock the bucket's row of the shard map (main database) for the whole move: one move per bucket;</li>
 * <li>mark the bucket INCOMING on the target (not served there) and copy its rows, no fence;</li>
 * <li><b>fence</b>: take the bucket's {@code bucket_state} row FOR UPDATE on the source — writes of this
 * bucket wait, no other bucket does — copy what changed since step 2, verify both sides (row count and
 * a checksum over every row of every sharded table), mark the target SERVING, mark the source MOVED and
 * commit: the fence ends, waiting writes find MOVED and go where the map sends them next;</li>
 * <li>flip: the map says the target, with a new version (every instance reloads within a second, or at
 * once when a shard tells it the bucket moved);</li>
 * <li>clean up: delete the bucket's rows from the source.</li>
 * </ol>
 * Failure modes: a failure before the source says MOVED leaves the source serving as before (the target's
 * copy is INCOMING, ignored by every query, and deleted when possible). A failure after it (between the
 * source's commit and the map's) leaves the bucket served nowhere: its customers get 503 until the move
 * is run again, which finds the source MOVED and finishes the flip — writes are refused, never lost.
 *
 * <p>The sharded tables are found in the source's catalog: every table with a {@code bucket} column,
 * copied parents first (foreign keys), rows compared by {@code md5(row::text)} and copied as
 * {@code row_to_json} / {@code json_populate_record}, so a new sharded table needs no code here.
 */
@ApplicationScoped
public class BucketMover {

    private static final Logger LOG = Logger.getLogger(BucketMover.class.getName());
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Resource(lookup = "jdbc/primary")
    DataSource primary;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Shards shards;

    @Inject
    ShardMap shardMap;

    /** What a move did: rows per table copied in the fence, how long writes of the bucket waited. */
    public record Moved(int bucket, int fromShard, int toShard, long rows, long fenceMillis, long totalMillis,
                        boolean alreadyThere) {
    }

    /** Moves the bucket to shard {@code target}; a bucket already there is left alone. */
    public Moved move(int bucket, int target) {
        if (bucket < 0 || bucket >= Buckets.COUNT) {
            throw new InvalidRequestException("invalid-bucket", "buckets are 0.." + (Buckets.COUNT - 1) + ", not " + bucket);
        }
        if (target < 0 || target >= shards.count()) {
            throw new InvalidRequestException("invalid-shard", "shards are 0.." + (shards.count() - 1) + ", not " + target);
        }
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("a bucket move commits in each database itself: not inside a JTA transaction");
        }
        long started = System.nanoTime();
        try (Connection main = primary.getConnection()) {
            main.setAutoCommit(false);
            int source = lockMapRow(main, bucket);
            if (source == target) {
                main.rollback();
                return new Moved(bucket, source, target, 0, 0, millisSince(started), true);
            }
            Moved moved = copyAndFence(bucket, source, target, started);
            flip(main, bucket, target);
            shardMap.reload();
            cleanUp(bucket, source);
            LOG.info(() -> "SCALESHOP-SHARD-010 bucket " + bucket + " moved from shard " + source + " to shard " + target
                    + ": " + moved.rows() + " rows, writes fenced " + moved.fenceMillis() + " ms");
            return new Moved(bucket, source, target, moved.rows(), moved.fenceMillis(), millisSince(started), false);
        } catch (SQLException | CopyMismatchException e) {
            LOG.warning(() -> "SCALESHOP-SHARD-013 moving bucket " + bucket + " to shard " + target + " failed, "
                    + "the source keeps serving it: " + e.getMessage());
            throw new UnavailableException("bucket-move-failed", "moving bucket " + bucket + " failed (" + e.getMessage()
                    + "); run the move again to finish or redo it", 5, e);
        }
    }

    /** The bucket's current shard, its map row locked until this move commits or fails. */
    private static int lockMapRow(Connection main, int bucket) throws SQLException {
        try (PreparedStatement lock = main.prepareStatement("SELECT shard FROM shard_map WHERE bucket = ? FOR UPDATE NOWAIT")) {
            lock.setInt(1, bucket);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw InvalidRequestException.conflict("bucket-move-running", "bucket " + bucket + " is being moved already");
            }
            throw e;
        }
    }

    private Moved copyAndFence(int bucket, int source, int target, long started) throws SQLException {
        try (Connection from = shards.dataSource(source).getConnection();
             Connection to = shards.dataSource(target).getConnection()) {
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            List<ShardedTable> tables = ShardedTable.discover(from);
            boolean resuming = "MOVED".equals(state(from, bucket, false));
            if (!resuming) {
                setState(to, bucket, "INCOMING");
                to.commit();
                from.commit();
                // the bulk of the rows while writes go on: one snapshot of the source, or an order line
                // committed between reading the orders and reading the lines would arrive without its order
                from.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    sync(tables, from, to, bucket);
                    from.commit();
                    to.commit();
                } catch (SQLException | RuntimeException e) {
                    abandonCopy(tables, to, bucket, e);
                    throw e;
                } finally {
                    from.rollback();
                    from.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // the fence's statements see every commit
                }
            }
            long fenced = System.nanoTime();
            try (PreparedStatement timeout = from.prepareStatement("SET LOCAL lock_timeout = '5s'")) {
                timeout.execute();
            }
            String state = state(from, bucket, true); // the fence: writes of this bucket wait from here
            if (!resuming && !"SERVING".equals(state)) {
                throw new IllegalStateException("shard " + source + " does not serve bucket " + bucket + " (" + state + ")");
            }
            long rows;
            try {
                sync(tables, from, to, bucket); // what changed during the bulk copy
                rows = verify(tables, from, to, bucket);
                setState(to, bucket, "SERVING");
                to.commit();
            } catch (SQLException | RuntimeException e) {
                from.rollback();
                if (!resuming) {
                    abandonCopy(tables, to, bucket, e);
                }
                throw e;
            }
            setState(from, bucket, "MOVED");
            from.commit(); // the fence ends
            return new Moved(bucket, source, target, rows, millisSince(fenced), millisSince(started), false);
        }
    }

    private static void flip(Connection main, int bucket, int target) throws SQLException {
        try (PreparedStatement flip = main.prepareStatement("""
                UPDATE shard_map SET shard = ?, state = 'ACTIVE', version = (SELECT max(version) + 1 FROM shard_map)
                WHERE bucket = ?""")) {
            flip.setInt(1, target);
            flip.setInt(2, bucket);
            flip.executeUpdate();
        }
        main.commit();
    }

    /** Deletes the moved bucket's rows from the source (which says MOVED: nothing reads or writes them). */
    private void cleanUp(int bucket, int source) {
        try (Connection from = shards.dataSource(source).getConnection()) {
            from.setAutoCommit(false);
            List<ShardedTable> tables = ShardedTable.discover(from);
            for (ShardedTable table : childrenFirst(tables)) {
                table.deleteBucket(from, bucket);
            }
            from.commit();
        } catch (SQLException e) { // harmless leftovers: every query leaves out buckets a shard does not serve
            LOG.warning(() -> "SCALESHOP-SHARD-012 bucket " + bucket + " moved, but its old rows on shard " + source
                    + " are still there: " + e);
        }
    }

    /** Best effort after a failed copy: the target's partial rows go, and it says SERVING again (it holds none). */
    private static void abandonCopy(List<ShardedTable> tables, Connection to, int bucket, Exception cause) {
        try {
            to.rollback();
            for (ShardedTable table : childrenFirst(tables)) {
                table.deleteBucket(to, bucket);
            }
            setState(to, bucket, "SERVING");
            to.commit();
        } catch (SQLException | RuntimeException e) { // the copy stays INCOMING: ignored by every query
            cause.addSuppressed(e);
        }
    }

    /** Makes the target's rows of the bucket equal to the source's: missing or changed rows copied, extra ones deleted. */
    private static void sync(List<ShardedTable> tables, Connection from, Connection to, int bucket) throws SQLException {
        for (ShardedTable table : childrenFirst(tables)) {
            Map<String, String> wanted = table.hashes(from, bucket);
            for (String key : table.hashes(to, bucket).keySet()) {
                if (!wanted.containsKey(key)) {
                    table.deleteRow(to, bucket, key);
                }
            }
        }
        for (ShardedTable table : tables) {
            Map<String, String> present = table.hashes(to, bucket);
            table.copyRows(from, to, bucket, key -> !Objects.equals(present.get(key.key()), key.hash()));
        }
    }

    /** Both sides hold the same rows of the bucket in every table; the number of rows. */
    private static long verify(List<ShardedTable> tables, Connection from, Connection to, int bucket) throws SQLException {
        long rows = 0;
        for (ShardedTable table : tables) {
            ShardedTable.Checksum source = table.checksum(from, bucket);
            ShardedTable.Checksum copy = table.checksum(to, bucket);
            if (!source.equals(copy)) {
                throw new CopyMismatchException("bucket " + bucket + " table " + table.name() + ": source " + source
                        + ", copy " + copy);
            }
            rows += source.rows();
        }
        return rows;
    }

    /** The copy differs from its source after the fence's last sync: the move is abandoned, the source keeps the bucket. */
    static final class CopyMismatchException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        CopyMismatchException(String message) {
            super(message);
        }
    }

    private static String state(Connection connection, int bucket, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state FROM bucket_state WHERE bucket = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setInt(1, bucket);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : "unknown";
            }
        }
    }

    private static void setState(Connection connection, int bucket, String state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE bucket_state SET state = ?, changed_at = now() WHERE bucket = ?")) {
            update.setString(1, state);
            update.setInt(2, bucket);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no bucket_state row for bucket " + bucket);
            }
        }
    }

    private static List<ShardedTable> childrenFirst(List<ShardedTable> parentsFirst) {
        List<ShardedTable> reversed = new ArrayList<>(parentsFirst);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** A table of customer data (it has a bucket column), as the shard's catalog describes it. */
    record ShardedTable(String name, List<String> keyColumns, List<String> otherColumns) {

        /** A row's primary key (as text) and its content hash. */
        record RowKey(String key, String hash) {
        }

        record Checksum(long rows, String digest) {
        }

        /** Every sharded table of the shard, parents before children. */
        static List<ShardedTable> discover(Connection connection) throws SQLException {
            Map<String, List<String>> parents = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.table_name FROM information_schema.columns c
                    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                    WHERE c.table_schema = current_schema() AND c.column_name = 'bucket' AND t.table_type = 'BASE TABLE'
                    AND c.table_name <> 'bucket_state' ORDER BY c.table_name""");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    parents.put(rows.getString(1), new ArrayList<>());
                }
            }
            for (Map.Entry<String, List<String>> table : parents.entrySet()) {
                table.getValue().addAll(strings(connection, """
                        SELECT confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND conrelid = ?::regclass""",
                        table.getKey()));
            }
            List<ShardedTable> ordered = new ArrayList<>();
            while (ordered.size() < parents.size()) {
                int before = ordered.size();
                for (Map.Entry<String, List<String>> table : parents.entrySet()) {
                    boolean placed = ordered.stream().anyMatch(t -> t.name().equals(table.getKey()));
                    boolean ready = table.getValue().stream().allMatch(parent -> !parents.containsKey(parent)
                            || parent.equals(table.getKey()) || ordered.stream().anyMatch(t -> t.name().equals(parent)));
                    if (!placed && ready) {
                        ordered.add(describe(connection, table.getKey()));
                    }
                }
                if (ordered.size() == before) {
                    throw new IllegalStateException("sharded tables reference each other in a cycle: " + parents);
                }
            }
            return ordered;
        }

        private static ShardedTable describe(Connection connection, String table) throws SQLException {
            List<String> key = strings(connection, """
                    SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                    WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)""", table);
            if (key.isEmpty()) {
                throw new IllegalStateException("sharded table " + table + " has no primary key");
            }
            List<String> others = strings(connection, """
                    SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
                    ORDER BY ordinal_position""", table);
            others.removeAll(key);
            return new ShardedTable(table, key, others);
        }

        private String keyExpression() {
            return "concat_ws('|', " + String.join(", ", keyColumns) + ")";
        }

        Map<String, String> hashes(Connection connection, int bucket) throws SQLException {
            Map<String, String> hashes = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + keyExpression() + ", md5(t::text) FROM " + name + " t WHERE bucket = ?")) {
                select.setInt(1, bucket);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hashes.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            return hashes;
        }

        /** Copies (insert or update) the source's rows of the bucket that {@code wanted} picks. */
        void copyRows(Connection from, Connection to, int bucket, java.util.function.Predicate<RowKey> wanted) throws SQLException {
            String upsert = "INSERT INTO " + name + " SELECT * FROM json_populate_record(NULL::" + name + ", CAST(? AS json)) "
                    + "ON CONFLICT (" + String.join(", ", keyColumns) + ") DO "
                    + (otherColumns.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ",
                    otherColumns.stream().map(column -> column + " = EXCLUDED." + column).toList()));
            try (PreparedStatement select = from.prepareStatement("SELECT " + keyExpression()
                    + ", md5(t::text), row_to_json(t)::text FROM " + name + " t WHERE bucket = ?");
                 PreparedStatement insert = to.prepareStatement(upsert)) {
                select.setInt(1, bucket);
                int batched = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (wanted.test(new RowKey(rows.getString(1), rows.getString(2)))) {
                            insert.setString(1, rows.getString(3));
                            insert.addBatch();
                            batched++;
                        }
                    }
                }
                if (batched > 0) {
                    insert.executeBatch();
                }
            }
        }

        void deleteRow(Connection connection, int bucket, String key) throws SQLException {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + name + " WHERE bucket = ? AND " + keyExpression() + " = ?")) {
                delete.setInt(1, bucket);
                delete.setString(2, key);
                delete.executeUpdate();
            }
        }

        void deleteBucket(Connection connection, int bucket) throws SQLException {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + name + " WHERE bucket = ?")) {
                delete.setInt(1, bucket);
                delete.executeUpdate();
            }
        }

        Checksum checksum(Connection connection, int bucket) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' "
                    + "ORDER BY md5(t::text))), '') FROM " + name + " t WHERE bucket = ?")) {
                select.setInt(1, bucket);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new Checksum(row.getLong(1), row.getString(2));
                }
            }
        }

        private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
            List<String> values = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, parameter);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return values;
        }
    }
}
