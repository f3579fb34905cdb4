package dev.scaleshop.health.check;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.scaleshop.jobs.control.JobQueues;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only if the broker accepts a session and knows the job queue. The probe runs on a managed
 * thread with a deadline: a JMS call to a dead broker can block for tens of seconds, longer than the
 * load balancer's check interval. At most one probe is in flight, so a hung broker cannot pile up threads.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private static final long DEADLINE_MILLIS = 2_000;

    @Resource(lookup = "jms/scaleshop")
    ConnectionFactory connectionFactory;

    @Resource
    ManagedExecutorService executor;

    private final AtomicReference<Future<?>> inFlight = new AtomicReference<>();

    @Override
    public HealthCheckResponse call() {
        try {
            probe().get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("broker").up().build();
        } catch (TimeoutException e) {
            return down("no answer within " + DEADLINE_MILLIS + " ms");
        } catch (ExecutionException e) {
            return down(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private Future<?> probe() {
        return inFlight.updateAndGet(current -> current == null || current.isDone()
                ? executor.submit(this::browseJobQueue)
                : current);
    }

    private Boolean browseJobQueue() throws JMSException {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(JobQueues.ECHO))) {
            return browser.getEnumeration() != null;
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named("broker").down().withData("error", reason).build();
    }
}
