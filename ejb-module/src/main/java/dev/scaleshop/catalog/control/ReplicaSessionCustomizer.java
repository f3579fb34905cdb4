package dev.scaleshop.catalog.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * Fail fast on a dead replica. EclipseLink retries a query that lost its connection (by default three
 * more times, a second apart); on a replica that turns a kill into seconds of stalled reads, while the
 * catalog already has a better answer: take the replica out of rotation and read from the primary.
 * Configured on the {@code scaleshop-replica} unit only (eclipselink.session.customizer); per-replica
 * entity managers copy this login.
 */
public class ReplicaSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
