package dev.scaleshop.health.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only if the primary database answers a query: without it no write, job or checkout can succeed.
 * Replicas and shards are not part of readiness — losing one must not take every instance out of the
 * load balancer at once.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int QUERY_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/primary")
    DataSource primary;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = primary.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return HealthCheckResponse.named("database-primary").up().build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database-primary").down()
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
