package dev.scaleshop.sharding.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bucket → shard, as the {@code shard_map} table of the main database says. Every instance holds the
 * whole map (1024 small entries) in memory and checks the table's highest version once a second; a
 * change (a bucket moved) is picked up within that second everywhere. On the very first start the map
 * is filled from the configured shards, in even contiguous ranges of buckets.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ShardMap {

    private static final Logger LOG = Logger.getLogger(ShardMap.class.getName());

    @Resource(lookup = "jdbc/primary")
    DataSource primary;

    /** JNDI names of the shard pools, shard 0 first; a change needs a restart of the instances. */
    @Inject
    @ConfigProperty(name = "scaleshop.shards", defaultValue = "jdbc/shard0,jdbc/shard1")
    List<String> shardDataSources;

    private volatile Snapshot snapshot;

    /** The map at one version: shard per bucket, and whether the bucket is being moved. */
    public record Snapshot(long version, int[] shards, boolean[] moving) {

        public int shardOf(int bucket) {
            return shards[bucket];
        }
    }

    @PostConstruct
    void load() {
        try (Connection connection = primary.getConnection()) {
            seedIfEmpty(connection, shardDataSources.size());
            snapshot = read(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the shard map from the main database", e);
        }
        LOG.info(() -> "SCALESHOP-SHARD-000 shard map version " + snapshot.version() + ": buckets per shard "
                + Arrays.toString(bucketsPerShard(snapshot)));
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "shard map version")
    void refresh() {
        try (Connection connection = primary.getConnection();
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT max(version) FROM shard_map")) {
            version.next();
            if (version.getLong(1) != snapshot.version()) {
                Snapshot next = read(connection);
                snapshot = next;
                LOG.info(() -> "SCALESHOP-SHARD-001 shard map now version " + next.version());
            }
        } catch (SQLException e) { // keep routing with the map we have; the primary's own checks report it
            LOG.fine(() -> "shard map refresh failed: " + e);
        }
    }

    /** Reads the map again now if its version changed (a shard said a bucket is no longer there). */
    public void reload() {
        refresh();
    }

    /** The map as this instance routes by it now. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** The shard holding a bucket now. */
    public int shardOf(int bucket) {
        if (bucket < 0 || bucket >= Buckets.COUNT) {
            throw new IllegalArgumentException("no bucket " + bucket);
        }
        return snapshot.shardOf(bucket);
    }

    private static void seedIfEmpty(Connection connection, int shards) throws SQLException {
        // every instance may try at once: ON CONFLICT keeps the first complete seeding
        try (PreparedStatement seed = connection.prepareStatement("""
                INSERT INTO shard_map (bucket, shard, state, version)
                SELECT b, (b * ?) / ?, 'ACTIVE', 1 FROM generate_series(0, ? - 1) AS b
                ON CONFLICT (bucket) DO NOTHING""")) {
            seed.setInt(1, shards);
            seed.setInt(2, Buckets.COUNT);
            seed.setInt(3, Buckets.COUNT);
            int seeded = seed.executeUpdate();
            if (seeded > 0) {
                LOG.info(() -> "SCALESHOP-SHARD-002 shard map seeded: " + seeded + " buckets over " + shards + " shards");
            }
        }
    }

    private static Snapshot read(Connection connection) throws SQLException {
        int[] shards = new int[Buckets.COUNT];
        boolean[] moving = new boolean[Buckets.COUNT];
        long version = 0;
        int rows = 0;
        try (Statement statement = connection.createStatement();
             ResultSet map = statement.executeQuery("SELECT bucket, shard, state, version FROM shard_map")) {
            while (map.next()) {
                int bucket = map.getInt(1);
                shards[bucket] = map.getInt(2);
                moving[bucket] = "MOVING".equals(map.getString(3));
                version = Math.max(version, map.getLong(4));
                rows++;
            }
        }
        if (rows != Buckets.COUNT) {
            throw new IllegalStateException("shard map has " + rows + " buckets, expected " + Buckets.COUNT);
        }
        return new Snapshot(version, shards, moving);
    }

    private static int[] bucketsPerShard(Snapshot snapshot) {
        int[] counts = new int[Arrays.stream(snapshot.shards()).max().orElse(0) + 1];
        Arrays.stream(snapshot.shards()).forEach(shard -> counts[shard]++);
        return counts;
    }
}
