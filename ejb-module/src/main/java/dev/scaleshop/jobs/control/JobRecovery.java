package dev.scaleshop.jobs.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.platform.control.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The safety net under "nothing accepted is lost". A job's row and its message commit together (XA), but
 * a broker killed between the two phases keeps the message in a prepared transaction that only a restart
 * of the sending instance would resolve — meanwhile the job waits. Every {@value #INTERVAL_SECONDS} s each
 * instance browses the job queues and the dead-letter queue (only while each holds at most
 * {@code scaleshop.jobs.recovery.max-browse} messages: a deep queue explains waiting jobs by itself) and
 * has {@link Jobs#redispatchLost} send the message again for unfinished jobs untouched for
 * {@code scaleshop.jobs.recovery.stale-after-seconds} (60; longer than the broker's longest redelivery
 * delay, 30 s) that the broker does not hold. Workers are idempotent, so a duplicate costs a no-op.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRecovery {

    static final int INTERVAL_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());

    @Resource(lookup = "jms/scaleshop")
    ConnectionFactory connectionFactory;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    JobBacklog backlog;

    @EJB
    Jobs jobs;

    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> schedule;

    @PostConstruct
    void start() {
        schedule = Periodic.every(scheduler, INTERVAL_SECONDS, this::round, LOG, "job recovery");
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }

    void round() {
        long maxBrowse = ConfigProvider.getConfig().getOptionalValue("scaleshop.jobs.recovery.max-browse", Long.class).orElse(1_000L);
        long staleAfter = ConfigProvider.getConfig().getOptionalValue("scaleshop.jobs.recovery.stale-after-seconds", Long.class)
                .orElse(60L);
        JobBacklog.Snapshot depths = backlog.snapshot();
        if (depths.error() != null) {
            return; // the broker does not answer: nothing can be checked, nor sent
        }
        Set<String> types = new HashSet<>();
        Set<UUID> onBroker = new HashSet<>();
        try (JMSContext context = connectionFactory.createContext()) {
            browse(context, JobQueues.DEAD_LETTERS, onBroker);
            for (String queue : JobQueues.WORK) {
                if (depths.depths().getOrDefault(queue, Long.MAX_VALUE) <= maxBrowse) {
                    browse(context, queue, onBroker);
                    types.addAll(JobQueues.typesOf(queue));
                }
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warning(() -> "SCALESHOP-JOB-011 job recovery could not browse the broker, next round in " + INTERVAL_SECONDS + " s: " + e);
            return;
        }
        int sent = jobs.redispatchLost(clock.instant().minus(Duration.ofSeconds(staleAfter)), onBroker, types, 100);
        if (sent > 0) {
            LOG.warning(() -> "SCALESHOP-JOB-008 job recovery sent " + sent + " lost job messages again");
        }
    }

    private static void browse(JMSContext context, String queue, Set<UUID> jobIds) throws JMSException {
        try (QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            for (Object message : Collections.list(browser.getEnumeration())) {
                String id = ((Message) message).getStringProperty(JobQueues.JOB_ID_PROPERTY);
                if (id != null) {
                    jobIds.add(UUID.fromString(id));
                }
            }
        }
    }
}
