package dev.scaleshop.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import dev.scaleshop.jobs.boundary.DeadLetters;
import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.jobs.entity.JobStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The echo worker on the real broker: it completes submitted jobs, and a message it cannot process is
 * redelivered and finally parked on the dead-letter queue instead of being lost or retried forever.
 */
@ExtendWith(ArquillianExtension.class)
class MessagingIT {

    private static final String DEAD_LETTERS = "scaleshop.deadletter.jobs";

    @Deployment
    static WebArchive deployment() {
        return Deployments.withWorkers("messaging-it");
    }

    @EJB
    Jobs jobs;

    @EJB
    DeadLetters deadLetters;

    @Resource(lookup = "jms/scaleshop")
    ConnectionFactory connectionFactory;

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Test
    void theWorkerCompletesASubmittedJob() throws InterruptedException {
        Job job = jobs.submitEcho("ping", "messaging-it");

        Job done = awaitFinished(job.id(), 60);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo("ping");
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void aMessageTheWorkerCannotProcessEndsOnTheDeadLetterQueue() throws InterruptedException {
        String poison = UUID.randomUUID().toString();
        try (JMSContext context = connectionFactory.createContext()) {
            Message message = context.createMessage(); // no job id: the worker throws on every attempt
            message.setStringProperty("poisonId", poison);
            context.createProducer().send(context.createQueue(JobQueues.ECHO), message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        String selector = "poisonId = '" + poison + "'";

        long deadline = System.currentTimeMillis() + 90_000;
        while (Queues.count(connectionFactory, DEAD_LETTERS, selector) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1_000);
        }

        assertThat(Queues.count(connectionFactory, DEAD_LETTERS, selector)).isEqualTo(1);
        assertThat(Queues.count(connectionFactory, JobQueues.ECHO, selector)).isZero();
        Queues.drain(connectionFactory, DEAD_LETTERS, selector);
    }

    /**
     * A message whose job row is missing fails every delivery and is dead-lettered; the operator lists it,
     * fixes the cause (here: the job row is restored) and replays it — the worker then completes the job.
     */
    @Test
    void aDeadLetterIsListedAndReplayedOnceItsCauseIsFixed() throws Exception {
        UUID jobId = UUID.randomUUID();
        try (JMSContext context = connectionFactory.createContext()) {
            Message message = context.createMessage();
            message.setStringProperty(JobQueues.JOB_ID_PROPERTY, jobId.toString());
            context.createProducer().send(context.createQueue(JobQueues.ECHO), message);
        }
        long deadline = System.currentTimeMillis() + 90_000;
        while (deadLetters.list(jobId).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1_000);
        }
        List<DeadLetters.DeadLetter> letters = deadLetters.list(jobId);
        assertThat(letters).as("dead-lettered after the last attempt").hasSize(1);
        assertThat(letters.get(0).queue()).isEqualTo(JobQueues.ECHO);

        transaction.begin();
        em.persist(new Job(jobId, "echo", "restored", "messaging-it"));
        transaction.commit();
        assertThat(deadLetters.replay(jobId)).hasSize(1);

        Job done = awaitFinished(jobId, 60);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo("restored");
        assertThat(deadLetters.list(jobId)).as("moved, not copied").isEmpty();
    }

    private Job awaitFinished(UUID id, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            Job job = jobs.find(id).orElseThrow();
            if (job.status().isTerminal()) {
                return job;
            }
            Thread.sleep(250);
        }
        return jobs.find(id).orElseThrow();
    }
}
