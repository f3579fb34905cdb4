package dev.scaleshop.health.check;

import dev.scaleshop.catalog.control.Replica;
import dev.scaleshop.catalog.control.ReplicaMonitor;
import dev.scaleshop.catalog.control.ReplicaState;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the read replicas in {@code /health/ready} without gating on them: dead replicas send reads
 * to the primary, they must not take every instance out of the load balancer. Always UP; the data
 * says, per replica, whether it is in read rotation and how far it lags
 * ({@code replica1.inReadRotation}, {@code replica1.lagSeconds}, …) and how many are in rotation.
 */
@Readiness
@ApplicationScoped
public class ReplicaReadiness implements HealthCheck {

    @EJB
    ReplicaMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database-replicas").up();
        long inRotation = 0;
        for (Replica replica : monitor.replicas()) {
            ReplicaState state = replica.state();
            inRotation += state.inRotation() ? 1 : 0;
            response.withData(replica.name() + ".inReadRotation", state.inRotation())
                    .withData(replica.name() + ".lagBytes", state.lagBytes())
                    .withData(replica.name() + ".lagSeconds", String.valueOf(state.lagSeconds()))
                    .withData(replica.name() + ".reason", state.reason());
        }
        return response.withData("replicasInRotation", inRotation)
                .withData("replicas", monitor.replicas().size())
                .build();
    }
}
