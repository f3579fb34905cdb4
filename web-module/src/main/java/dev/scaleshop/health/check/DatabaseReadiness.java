package dev.scaleshop.health.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only if the primary database answers a query: without it no write, job or checkout can succeed.
 * Replicas and shards are not part of readiness — losing one must not take every instance out of the
 * load balancer at once.
 * <p>
 * The answer comes within {@value #PROBE_TIMEOUT_MS} ms whatever the network does: the query runs on a
 * managed thread, and a primary cut off by a partition (packets dropped, no error for minutes) makes the
 * check DOWN once that time has passed instead of holding the load balancer's check until it gives up. At
 * most one probe is in flight: while one hangs, later checks wait on it rather than starting more.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final long PROBE_TIMEOUT_MS = 1000;
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/primary")
    DataSource primary;

    @Resource
    ManagedExecutorService executor;

    private CompletableFuture<String> probe;

    @Override
    public HealthCheckResponse call() {
        try {
            String error = currentProbe().get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return error == null ? HealthCheckResponse.named("database-primary").up().build() : down(error);
        } catch (TimeoutException e) {
            return down("the primary did not answer within " + PROBE_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            return down(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private synchronized CompletableFuture<String> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.supplyAsync(this::query, executor);
        }
        return probe;
    }

    /** null if the primary answered, else why not. */
    private String query() {
        try (Connection connection = primary.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static HealthCheckResponse down(String error) {
        return HealthCheckResponse.named("database-primary").down().withData("error", error).build();
    }
}
