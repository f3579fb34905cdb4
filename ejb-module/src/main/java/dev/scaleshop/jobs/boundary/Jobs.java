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
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
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

    @Resource
    SessionContext caller;

    public Job submitEcho(String message, String requestId) {
        if (message == null || message.isEmpty() || message.length() > MAX_ECHO_LENGTH) {
            throw new InvalidRequestException("invalid-job",
                    "message must hold 1 to " + MAX_ECHO_LENGTH + " characters");
        }
        return submit("echo", JobQueues.ECHO, message, requestId);
    }

    /**
     * A job a client asked for: refused with 503 while its queue is above its high-water mark or the broker
     * does not answer (nothing stored); otherwise the row and the message commit with the caller's transaction.
     */
    public Job submit(String type, String queue, String payload, String requestId) {
        backlog.admit(queue);
        Job job = new Job(UuidV7.next(), type, payload, requestId);
        em.persist(job);
        dispatcher.dispatch(queue, job.id(), requestId);
        String by = caller.getCallerPrincipal().getName();
        LOG.info(() -> "SCALESHOP-JOB-001 queued job " + job.id() + " type=" + type + " by=" + by + " requestId=" + requestId);
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
        return enqueue(new Offer(type, queue, dedupKey, ownerId, payload, requestId));
    }

    /** Stores the offered job and sends its message, in the caller's transaction. */
    private Job enqueue(Offer offer) {
        Job job = new Job(UuidV7.next(), offer.type(), offer.payload(), offer.requestId(), offer.dedupKey(), offer.ownerId());
        em.persist(job);
        dispatcher.dispatch(offer.queue(), job.id(), offer.requestId());
        LOG.info(() -> "SCALESHOP-JOB-001 queued job " + job.id() + " type=" + offer.type() + " for " + offer.dedupKey()
                + " requestId=" + offer.requestId());
        return job;
    }

    /** A job an event asks for (see {@link #offer}). */
    public record Offer(String type, String queue, String dedupKey, UUID ownerId, String payload, String requestId) {
    }

    /**
     * {@link #offer} for many events in the caller's transaction: one query finds the jobs that exist already,
     * the others are stored and sent, and all of it commits (or rolls back) together.
     */
    public void offerAll(java.util.List<Offer> offers) {
        if (offers.isEmpty()) {
            return;
        }
        java.util.Set<String> existing = new java.util.HashSet<>(em.createQuery(
                        "SELECT j.dedupKey FROM Job j WHERE j.dedupKey IN :keys", String.class)
                .setParameter("keys", offers.stream().map(Offer::dedupKey).toList()).getResultList());
        for (Offer offer : offers) {
            if (!existing.add(offer.dedupKey())) {
                LOG.info(() -> "SCALESHOP-JOB-005 job for " + offer.dedupKey() + " exists already");
                continue;
            }
            enqueue(offer);
        }
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

    /**
     * Sends the message again for unfinished jobs not touched since {@code staleBefore} whose id the broker
     * does not hold ({@code onBroker}: every job id on the work queues and the dead-letter queue, just
     * browsed). Such a job lost its message — a broker that died holding a prepared transaction, say — and
     * would otherwise wait forever. Rows are locked {@code SKIP LOCKED}: two instances never send for the
     * same job at once; a message that was merely slow makes a duplicate the worker ignores.
     */
    public int redispatchLost(java.time.Instant staleBefore, java.util.Set<UUID> onBroker, java.util.Set<String> types, int limit) {
        if (types.isEmpty()) {
            return 0;
        }
        // the broker's ids are left out in the query, not after it: more than `limit` dead-lettered jobs (stale,
        // unfinished, on the broker) would otherwise fill every round and hide a lost job behind them for good
        @SuppressWarnings("unchecked")
        java.util.List<UUID> stale = em.createNativeQuery("""
                SELECT id FROM job WHERE status IN ('QUEUED', 'RUNNING') AND updated_at < ?1 AND type = ANY (?2)
                AND id <> ALL (?4) ORDER BY updated_at LIMIT ?3 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, staleBefore.atOffset(java.time.ZoneOffset.UTC)).setParameter(2, types.toArray(String[]::new))
                .setParameter(3, limit).setParameter(4, onBroker.toArray(UUID[]::new)).getResultList();
        int sent = 0;
        for (UUID id : stale) {
            Job job = em.find(Job.class, id);
            String queue = JobQueues.forType(job.type()).orElseThrow();
            dispatcher.dispatch(queue, id, job.requestId());
            job.redispatched();
            sent++;
            LOG.warning(() -> "SCALESHOP-JOB-007 job " + id + " type=" + job.type() + " had no message on the broker since "
                    + staleBefore + "; sent again requestId=" + job.requestId());
        }
        return sent;
    }

    /** The job cannot succeed whatever is retried (its input is bad): it ends FAILED with the reason. */
    public void fail(UUID id, String reason) {
        em.find(Job.class, id).fail(reason);
    }

    /**
     * Thrown by job work whose input makes success impossible (a corrupt image): the job fails for good
     * instead of being redelivered. Not a rollback: the failure is recorded in the delivery's transaction.
     */
    @jakarta.ejb.ApplicationException(rollback = false)
    public static class PermanentFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public PermanentFailure(String reason) {
            super(reason);
        }
    }
}
