package dev.scaleshop.jobs.resource;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.scaleshop.platform.control.Causes;
import dev.scaleshop.problems.UnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a job submission (a database row and a broker message in one XA transaction) and turns the
 * broker's failures into answers. A submission whose transaction the broker broke is the broker's
 * outage, not a server bug: 503 with Retry-After. Two cases, told apart because clients act differently
 * on them: the transaction was rolled back (the broker failed before or during prepare) →
 * {@code broker-unavailable}, nothing was stored, send it again; the broker failed during the commit
 * phase, after the database (the last resource) committed → {@code submission-in-doubt}: the job may
 * exist — it then completes (job recovery sends its message again) — so look before sending it again.
 *
 * <p>The submission runs on a thread of its own and the request waits at most
 * {@code scaleshop.jobs.submission-timeout-ms}: when the broker dies between prepare and commit, the
 * transaction manager retries the broker's commit after a minute, and again, for up to ten minutes
 * (Payara's {@code retry-timeout-in-seconds}) — right for the transaction, which then completes as
 * decided once the broker is back, but not for a client behind HAProxy's 30 s server timeout (it got a
 * 504). The request answers {@code submission-in-doubt} instead, and the thread finishes the commit.
 */
@ApplicationScoped
public class JobSubmissions {

    private static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(JobSubmissions.class.getName());

    @Resource
    ManagedThreadFactory threads;

    /** Each submission runs with the context of the request that made it (its caller, above all). */
    @Resource
    ContextService contexts;

    /** Read per submission (cached 5 s by Payara): `stack config` changes it at run time. */
    @Inject
    @ConfigProperty(name = "scaleshop.jobs.submission-timeout-ms", defaultValue = "10000")
    Provider<Long> timeoutMillis;

    private ThreadPoolExecutor submissions;

    @PostConstruct
    void start() { // direct hand-off: never queued behind a submission stuck in a commit retry
        submissions = new ThreadPoolExecutor(4, 64, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    @PreDestroy
    void stop() {
        submissions.shutdown();
    }

    public <T> T submit(Supplier<T> submission) {
        Future<T> call;
        try {
            @SuppressWarnings("unchecked")
            Callable<T> asTheCaller = contexts.createContextualProxy((Callable<T>) submission::get, Callable.class);
            call = submissions.submit(asTheCaller);
        } catch (RejectedExecutionException saturated) {
            throw new UnavailableException("broker-unavailable", "every job submission slot is busy waiting for the "
                    + "message broker; nothing was stored, send it again later", RETRY_AFTER_SECONDS, saturated);
        }
        long timeout = timeoutMillis.get();
        try {
            return call.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            LOG.warning(() -> "SCALESHOP-JOB-012 a job submission did not complete within " + timeout
                    + " ms (its commit waits for the message broker): answered submission-in-doubt, it finishes in the background");
            throw inDoubt(slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw inDoubt(interrupted);
        } catch (ExecutionException failed) {
            throw translated(failed.getCause());
        }
    }

    private static RuntimeException translated(Throwable failure) {
        if (failure instanceof EJBException e) {
            if (Causes.any(e, RollbackException.class) || Causes.any(e, JMSException.class) || Causes.any(e, JMSRuntimeException.class)) {
                return new UnavailableException("broker-unavailable",
                        "the job could not be queued (the message broker failed); nothing was stored, send it again later",
                        RETRY_AFTER_SECONDS, e);
            }
            if (Causes.any(e, SystemException.class) || Causes.any(e, HeuristicMixedException.class)
                    || Causes.any(e, javax.transaction.xa.XAException.class)) {
                return inDoubt(e);
            }
        }
        if (failure instanceof RuntimeException unchanged) { // a client's mistake, a missing product: as thrown
            return unchanged;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    private static UnavailableException inDoubt(Throwable cause) {
        return new UnavailableException("submission-in-doubt", "the message broker failed while the job was being "
                + "committed: it may have been accepted (it then completes); look before sending it again",
                RETRY_AFTER_SECONDS, cause);
    }
}
