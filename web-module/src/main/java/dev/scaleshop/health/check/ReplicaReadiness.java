package dev.scaleshop.health.check;

import dev.scaleshop.catalog.control.ReplicaMonitor;
import dev.scaleshop.catalog.control.ReplicaState;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the replica in {@code /health/ready} without gating on it: a dead replica sends reads to the
 * primary, it must not take every instance out of the load balancer. Always UP; the data says
 * whether the replica is in read rotation and how far it lags.
 */
@Readiness
@ApplicationScoped
public class ReplicaReadiness implements HealthCheck {

    @EJB
    ReplicaMonitor monitor;

    @Override
    public HealthCheckResponse call() {
        ReplicaState state = monitor.state();
        return HealthCheckResponse.named("database-replica").up()
                .withData("inReadRotation", state.inRotation())
                .withData("lagBytes", state.lagBytes())
                .withData("lagSeconds", String.valueOf(state.lagSeconds()))
                .withData("reason", state.reason())
                .build();
    }
}
