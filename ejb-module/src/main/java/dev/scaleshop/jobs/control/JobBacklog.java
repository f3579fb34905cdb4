package dev.scaleshop.jobs.control;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

import dev.scaleshop.platform.control.Periodic;
import dev.scaleshop.problems.UnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArray;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Backpressure for job submissions. Every second each instance asks the broker (its management address,
 * request and reply over JMS) how many messages wait on each job queue. A submission to a queue holding
 * more than its high-water mark is refused with 503 and Retry-After before anything is stored or sent; so
 * is any submission while the broker does not answer (down, or hung): the caller learns at once instead of
 * waiting out connection timeouts. Event-driven producers (the outbox relay) ask {@link #above} and hold
 * their events where they are (in the shard's outbox) until the queue drains. A broker outage therefore
 * refuses job submissions only: catalog, carts and checkouts go on, which is why the broker is not part of
 * the instances' readiness. Gauges: {@code scaleshop_job_queue_depth{queue}}, {@code scaleshop_broker_answering}.
 * <p>
 * Configuration (MicroProfile Config, read on every check, so {@code stack config} applies within seconds):
 * {@code scaleshop.jobs.high-water} (default 10000 messages per queue), {@code scaleshop.jobs.<queue>.high-water}
 * for one queue (echo, invoice, mail, thumbnail, report), {@code scaleshop.jobs.retry-after-seconds} (5).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobBacklog {

    /** Queue depths as last read; {@code error} set if the broker did not answer. */
    public record Snapshot(Instant at, Map<String, Long> depths, String error) {
    }

    /** One queue as operators see it. */
    public record QueueState(String queue, long depth, long highWater, boolean accepting) {
    }

    static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long REPLY_TIMEOUT_MILLIS = 2_000;
    private static final Duration STALE_AFTER = Duration.ofSeconds(5);
    private static final Duration FIRST_READING_WAIT = Duration.ofSeconds(3);
    private static final Logger LOG = Logger.getLogger(JobBacklog.class.getName());

    @Resource(lookup = "jms/scaleshop")
    ConnectionFactory connectionFactory;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, Map.of(), "not read yet");
    private ScheduledFuture<?> schedule;

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void start() {
        for (String queue : JobQueues.WORK) {
            metrics.gauge(Metadata.builder().withName("scaleshop_job_queue_depth").withUnit(MetricUnits.NONE)
                    .withDescription("messages waiting or in delivery on the job queue, as last read (-1: broker not answering)")
                    .build(), this, backlog -> backlog.depth(queue), new Tag("queue", JobQueues.shortName(queue)));
        }
        metrics.gauge(Metadata.builder().withName("scaleshop_broker_answering").withUnit(MetricUnits.NONE)
                .withDescription("1 while the broker answers queue-depth reads, 0 while job submissions are refused for it")
                .build(), this, backlog -> backlog.fresh().error() == null ? 1 : 0);
        scheduler.execute(this::refresh); // a first reading right away, not after one period
        schedule = Periodic.every(scheduler, 1, this::refresh, LOG, "job backlog");
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }

    /** Throws 503 (queue-full or broker-unavailable) unless a new job for {@code queue} may be accepted now. */
    public void admit(String queue) {
        Snapshot current = fresh();
        if (current.error() != null) {
            throw new UnavailableException("broker-unavailable",
                    "jobs cannot be accepted now: the message broker is not answering", retryAfterSeconds(), null);
        }
        long depth = current.depths().getOrDefault(queue, 0L);
        long highWater = highWater(queue);
        if (depth > highWater) {
            throw new UnavailableException("queue-full", "too much " + JobQueues.shortName(queue) + " work is waiting ("
                    + depth + " jobs, limit " + highWater + "); try again later", retryAfterSeconds(), null);
        }
    }

    /** True while {@code queue} holds more than its high-water mark, or the broker does not answer. */
    public boolean above(String queue) {
        Snapshot current = fresh();
        return current.error() != null || current.depths().getOrDefault(queue, 0L) > highWater(queue);
    }

    public Snapshot snapshot() {
        return fresh();
    }

    public Map<String, QueueState> states() {
        Snapshot current = fresh();
        Map<String, QueueState> states = new LinkedHashMap<>();
        for (String queue : JobQueues.WORK) {
            long depth = current.depths().getOrDefault(queue, -1L);
            long highWater = highWater(queue);
            states.put(queue, new QueueState(queue, depth, highWater, current.error() == null && depth <= highWater));
        }
        return states;
    }

    private long depth(String queue) {
        Snapshot current = fresh();
        return current.error() == null ? current.depths().getOrDefault(queue, 0L) : -1;
    }

    private Snapshot fresh() {
        Snapshot current = snapshot;
        long deadline = System.nanoTime() + FIRST_READING_WAIT.toNanos();
        while (current.at().equals(Instant.EPOCH) && System.nanoTime() < deadline) { // just deployed: the first reading is under way
            sleep(50);
            current = snapshot;
        }
        if (current.error() == null && current.at().plus(STALE_AFTER).isBefore(clock.instant())) {
            return new Snapshot(current.at(), current.depths(), "queue depths not read since " + current.at());
        }
        return current;
    }

    void refresh() {
        try {
            snapshot = new Snapshot(clock.instant(), readDepths(), null);
        } catch (JMSException | RuntimeException e) {
            if (snapshot.error() == null) {
                LOG.warning(() -> "SCALESHOP-JOB-010 cannot read job queue depths, job submissions are refused until the "
                        + "broker answers: " + e);
            }
            snapshot = new Snapshot(clock.instant(), snapshot.depths(), String.valueOf(e.getMessage()));
        }
    }

    private Map<String, Long> readDepths() throws JMSException {
        Map<String, Long> depths = new LinkedHashMap<>();
        try (JMSContext context = connectionFactory.createContext()) {
            TemporaryQueue replies = context.createTemporaryQueue();
            try (JMSConsumer consumer = context.createConsumer(replies)) {
                for (String queue : JobQueues.WORK) {
                    Message request = context.createMessage();
                    request.setStringProperty("_AMQ_ResourceName", "queue." + queue);
                    request.setStringProperty("_AMQ_Attribute", "messageCount");
                    request.setJMSReplyTo(replies);
                    context.createProducer().send(context.createQueue(MANAGEMENT_ADDRESS), request);
                    Message reply = consumer.receive(REPLY_TIMEOUT_MILLIS);
                    if (reply == null) {
                        throw new JMSException("no answer from the broker's management address within " + REPLY_TIMEOUT_MILLIS + " ms");
                    }
                    depths.put(queue, count(queue, reply));
                }
            }
        }
        return depths;
    }

    private static long count(String queue, Message reply) throws JMSException {
        String body = reply.getBody(String.class);
        if (!reply.getBooleanProperty("_AMQ_OperationSucceeded")) {
            throw new JMSException("the broker could not tell the depth of " + queue + ": " + body);
        }
        try (var reader = Jsons.createReader(new StringReader(body))) {
            JsonArray result = reader.readArray();
            return result.getJsonNumber(0).longValue();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long highWater(String queue) {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("scaleshop.jobs." + JobQueues.shortName(queue) + ".high-water", Long.class)
                .orElseGet(() -> config.getOptionalValue("scaleshop.jobs.high-water", Long.class).orElse(10_000L));
    }

    private static int retryAfterSeconds() {
        return ConfigProvider.getConfig().getOptionalValue("scaleshop.jobs.retry-after-seconds", Integer.class).orElse(5);
    }
}
