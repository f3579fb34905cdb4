package dev.scaleshop.jobs.boundary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.tracing.control.RequestIds;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;

/**
 * The job messages the broker gave up on (redelivered {@code max-delivery-attempts} times with back-off,
 * then moved to {@value JobQueues#DEAD_LETTERS}), for operators: list them, and once the cause is fixed,
 * replay them onto the queue they came from. A replay takes each message off the dead-letter queue and
 * sends a fresh one (same job id and request id) in one XA transaction: it is moved, never copied or lost.
 */
@Stateless
public class DeadLetters {

    /** Set by Artemis on a dead-lettered message: the address it was first sent to. */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    private static final int MAX_PER_CALL = 1000;
    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    @Resource(lookup = "jms/scaleshop")
    ConnectionFactory connectionFactory;

    /** One dead-lettered job message. */
    public record DeadLetter(String messageId, String jobId, String queue, String requestId, Instant sentAt) {
    }

    /** Up to 1,000 dead letters, oldest first; of one job only if {@code jobId} is given. */
    public List<DeadLetter> list(UUID jobId) {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(JobQueues.DEAD_LETTERS), selector(jobId))) {
            List<DeadLetter> letters = new ArrayList<>();
            for (Object message : Collections.list(browser.getEnumeration())) {
                letters.add(describe((Message) message));
                if (letters.size() == MAX_PER_CALL) {
                    break;
                }
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + JobQueues.DEAD_LETTERS, e);
        }
    }

    /** Moves dead letters (all, or one job's) back to their queues; the ones moved. */
    public List<DeadLetter> replay(UUID jobId) {
        List<DeadLetter> replayed = new ArrayList<>();
        try (JMSContext context = connectionFactory.createContext();
             JMSConsumer consumer = context.createConsumer(context.createQueue(JobQueues.DEAD_LETTERS), selector(jobId))) {
            Message message;
            while (replayed.size() < MAX_PER_CALL && (message = consumer.receive(200)) != null) {
                DeadLetter letter = describe(message);
                if (letter.queue() == null || !letter.queue().startsWith("scaleshop.jobs.")) {
                    throw new IllegalStateException("dead letter " + letter.messageId() + " names no job queue: " + letter.queue());
                }
                Message fresh = context.createMessage();
                if (letter.jobId() != null) {
                    fresh.setStringProperty(JobQueues.JOB_ID_PROPERTY, letter.jobId());
                }
                if (letter.requestId() != null) {
                    fresh.setStringProperty(RequestIds.JMS_PROPERTY, letter.requestId());
                    fresh.setJMSCorrelationID(letter.requestId());
                }
                context.createProducer().send(context.createQueue(letter.queue()), fresh);
                replayed.add(letter);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot replay from " + JobQueues.DEAD_LETTERS, e);
        }
        LOG.info(() -> "SCALESHOP-JOB-030 replayed " + replayed.size() + " dead letters" + (jobId == null ? "" : " of job " + jobId));
        return replayed;
    }

    private static String selector(UUID jobId) {
        return jobId == null ? null : JobQueues.JOB_ID_PROPERTY + " = '" + jobId + "'"; // a UUID: nothing to escape
    }

    private static DeadLetter describe(Message message) throws JMSException {
        return new DeadLetter(message.getJMSMessageID(), message.getStringProperty(JobQueues.JOB_ID_PROPERTY),
                message.getStringProperty(ORIGINAL_ADDRESS), message.getStringProperty(RequestIds.JMS_PROPERTY),
                Instant.ofEpochMilli(message.getJMSTimestamp()));
    }
}
