package dev.scaleshop.jobs.boundary;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.jobs.control.JobBacklog;
import dev.scaleshop.jobs.control.JobDispatcher;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.platform.control.UuidV7;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Job records and their lifecycle. Submitting stores the job and sends its message in one JTA
 * transaction (the database as last agent, the broker enlisted through XA), so a job is never
 * acknowledged without its message, nor a message sent for a job that was rolled back.
 * Reads run in a transaction too: a client polls right after the 202, and the replica may lag.
 */
@Stateless
public class Jobs {

    public static final int MAX_ECHO_LENGTH = 4096;
    private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    @Inject
    JobDispatcher dispatcher;

    @EJB
    JobBacklog backlog;

    public Job submitEcho(String message, String requestId) {
        if (message == null || message.isEmpty() || message.length() > MAX_ECHO_LENGTH) {
            throw new InvalidRequestException("invalid-job",
                    "message must hold 1 to " + MAX_ECHO_LENGTH + " characters");
        }
        backlog.admit(JobQueues.ECHO);
        Job job = new Job(UuidV7.next(), "echo", message, requestId);
        em.persist(job);
        dispatcher.dispatch(JobQueues.ECHO, job.id(), requestId);
        LOG.info(() -> "SCALESHOP-JOB-001 queued job " + job.id() + " type=echo requestId=" + requestId);
        return job;
    }

    /**
     * Offers a job that an event asks for (not a request): a job with the same {@code dedupKey} already
     * there is returned as it is and nothing is sent, so an event relayed twice makes one job.
     */
    public Job offer(String type, String queue, String dedupKey, UUID ownerId, String payload, String requestId) {
        Optional<Job> existing = findByDedupKey(dedupKey);
        if (existing.isPresent()) {
            LOG.info(() -> "SCALESHOP-JOB-005 job for " + dedupKey + " exists already: " + existing.get().id());
            return existing.get();
        }
        Job job = new Job(UuidV7.next(), type, payload, requestId, dedupKey, ownerId);
        em.persist(job);
        dispatcher.dispatch(queue, job.id(), requestId);
        LOG.info(() -> "SCALESHOP-JOB-001 queued job " + job.id() + " type=" + type + " for " + dedupKey + " requestId=" + requestId);
        return job;
    }

    /** The job offered for {@code dedupKey}, if any. */
    public Optional<Job> findByDedupKey(String dedupKey) {
        return em.createQuery("SELECT j FROM Job j WHERE j.dedupKey = :key", Job.class)
                .setParameter("key", dedupKey).getResultStream().findFirst();
    }

    public Optional<Job> find(UUID id) {
        return Optional.ofNullable(em.find(Job.class, id));
    }

    /**
     * Marks the job running in its own transaction, visible while the work goes on. Empty if it finished
     * already (a duplicate delivery: nothing to do). A job that does not exist is an error, not a no-op:
     * its message is redelivered and finally dead-lettered, where an operator can replay it once the job is
     * there (the XA send makes that impossible in normal operation — only a row removed by hand gets here).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Job> start(UUID id) {
        Job job = em.find(Job.class, id);
        if (job == null) {
            throw new UnknownJobException(id);
        }
        return job.start() ? Optional.of(job) : Optional.empty();
    }

    /** A job message names a job the database does not have. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class UnknownJobException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public UnknownJobException(UUID id) {
            super("no job " + id + " in the database");
        }
    }

    public void succeed(UUID id, String result) {
        em.find(Job.class, id).succeed(result);
    }
}
