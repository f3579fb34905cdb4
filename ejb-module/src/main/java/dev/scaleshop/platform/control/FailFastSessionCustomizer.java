package dev.scaleshop.platform.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * Fail fast on a dead server. EclipseLink retries a query that lost its connection (by default three
 * more times, a second apart); on a replica that turns a kill into seconds of stalled reads, while the
 * catalog already has a better answer (take the replica out of rotation, read from the primary), and on
 * a shard it only delays the 503 its customers get. Configured on the {@code scaleshop-replica} and
 * {@code scaleshop-shard} units (eclipselink.session.customizer); per-pool entity managers copy this
 * login.
 */
public class FailFastSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
