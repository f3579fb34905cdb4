package dev.scaleshop.jobs.resource;

import java.util.function.Supplier;

import dev.scaleshop.platform.control.Causes;
import dev.scaleshop.problems.UnavailableException;
import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;

/**
 * A job submission whose transaction the broker broke is the broker's outage, not a server bug: 503 with
 * Retry-After. Two cases, told apart because clients act differently on them: the transaction was rolled
 * back (the broker failed before or during prepare) → {@code broker-unavailable}, nothing was stored, send
 * it again; the broker failed during the commit phase, after the database (the last resource) committed →
 * {@code submission-in-doubt}: the job may exist — it then completes (job recovery sends its message
 * again) — so look before sending it again.
 */
public final class JobSubmissions {

    private static final int RETRY_AFTER_SECONDS = 5;

    private JobSubmissions() {
    }

    public static <T> T submit(Supplier<T> submission) {
        try {
            return submission.get();
        } catch (EJBException e) {
            if (Causes.any(e, RollbackException.class) || Causes.any(e, JMSException.class) || Causes.any(e, JMSRuntimeException.class)) {
                throw new UnavailableException("broker-unavailable",
                        "the job could not be queued (the message broker failed); nothing was stored, send it again later",
                        RETRY_AFTER_SECONDS, e);
            }
            if (Causes.any(e, SystemException.class) || Causes.any(e, HeuristicMixedException.class)
                    || Causes.any(e, javax.transaction.xa.XAException.class)) {
                throw new UnavailableException("submission-in-doubt", "the message broker failed while the job was being "
                        + "committed: it may have been accepted (it then completes); look before sending it again",
                        RETRY_AFTER_SECONDS, e);
            }
            throw e;
        }
    }
}
