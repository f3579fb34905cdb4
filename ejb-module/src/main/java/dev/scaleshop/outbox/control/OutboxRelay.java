package dev.scaleshop.outbox.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;

import dev.scaleshop.invoices.boundary.Invoices;
import dev.scaleshop.jobs.control.JobBacklog;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.platform.control.Periodic;
import dev.scaleshop.sharding.control.Shards;
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
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Turns the shards' outbox rows into jobs, every second on every instance. Per shard, one transaction
 * takes up to 50 rows {@code FOR UPDATE SKIP LOCKED} (two instances never relay the same row at once),
 * offers them as jobs — all their job rows and broker messages in one XA transaction of their own — and deletes
 * the rows it offered (of the buckets not being moved: see {@link #deleteRelayed}). If the process dies after the job committed but before the rows' deletion did,
 * the rows come round again and the job's dedup key turns the second offer into a no-op: at least once
 * from here, exactly one job in the end. Rows of buckets the shard does not serve are left to the shard
 * that does (they move with their bucket). While the invoice queue holds more than its high-water mark
 * (or the broker does not answer) the relay waits: the events stay in the outbox, cheap and durable.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @Inject
    Shards shards;

    @EJB
    Invoices invoices;

    @EJB
    JobBacklog backlog;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> schedule;

    private record Event(UUID id, UUID customerId, String type, UUID subjectId, String requestId) {
    }

    @PostConstruct
    void start() {
        schedule = Periodic.every(scheduler, 1, this::relay, LOG, "outbox relay");
    }

    @PreDestroy
    void stop() {
        schedule.cancel(false);
    }

    void relay() {
        if (backlog.above(JobQueues.INVOICE)) { // backpressure: the events wait in the outbox, not on the broker
            LOG.fine("SCALESHOP-OUTBOX-002 invoice queue above its high-water mark, relaying later");
            return;
        }
        for (int shard = 0; shard < shards.count(); shard++) {
            int s = shard;
            try {
                int relayed = shards.scan(shard, (em, notServed) -> {
                    @SuppressWarnings("unchecked")
                    List<Object[]> rows = em.createNativeQuery("""
                            SELECT id, customer_id, type, subject_id, request_id, bucket FROM outbox_event
                            WHERE bucket NOT IN (SELECT bucket FROM bucket_state WHERE state <> 'SERVING')
                            ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED""").getResultList();
                    if (rows.isEmpty()) {
                        return 0;
                    }
                    offer(rows.stream().map(row -> new Event((UUID) row[0], (UUID) row[1], (String) row[2], (UUID) row[3],
                            (String) row[4])).toList());
                    deleteRelayed(em, rows);
                    return rows.size();
                });
                if (relayed > 0) {
                    LOG.fine(() -> "SCALESHOP-OUTBOX-001 relayed " + relayed + " events of shard " + s);
                }
            } catch (RuntimeException e) { // the rows stay; the next round tries again
                LOG.warning(() -> "SCALESHOP-OUTBOX-010 outbox of shard " + s + " not relayed now: " + e);
            }
        }
    }

    /**
     * Deletes the offered rows of the buckets this shard still serves. A bucket move's fence holds the
     * bucket's {@code bucket_state} row FOR UPDATE while it copies and verifies the bucket, so the rows of
     * a bucket are deleted only under that row FOR SHARE — taken after the offers, held for the few
     * deletes: a delete slipping into the fence would make the copy differ from its source. A bucket that
     * moved meanwhile keeps its rows here (the move's clean-up deletes them) and on its new shard, whose
     * relay offers them again: the jobs' dedup keys make that a no-op.
     */
    private static void deleteRelayed(EntityManager em, List<Object[]> rows) {
        em.createNativeQuery("SET LOCAL lock_timeout = '10s'").executeUpdate();
        Map<Integer, List<UUID>> byBucket = new TreeMap<>();
        rows.forEach(row -> byBucket.computeIfAbsent(((Number) row[5]).intValue(), b -> new ArrayList<>()).add((UUID) row[0]));
        for (Map.Entry<Integer, List<UUID>> bucket : byBucket.entrySet()) {
            List<?> serving = em.createNativeQuery(
                            "SELECT bucket FROM bucket_state WHERE bucket = ?1 AND state = 'SERVING' FOR SHARE")
                    .setParameter(1, bucket.getKey()).getResultList();
            if (serving.isEmpty()) {
                continue;
            }
            em.createNativeQuery("DELETE FROM outbox_event WHERE id = ANY (?1)")
                    .setParameter(1, bucket.getValue().toArray(UUID[]::new)).executeUpdate();
        }
    }

    /** The round's events as jobs, in one transaction (job rows and messages): one commit, not one per event. */
    private void offer(List<Event> events) {
        events.stream().filter(event -> !OutboxEvents.INVOICE_REQUESTED.equals(event.type())).findFirst().ifPresent(event -> {
            throw new IllegalStateException("unknown outbox event type " + event.type() + " (" + event.id() + ")");
        });
        invoices.requested(events.stream().map(e -> new Invoices.Requested(e.customerId(), e.subjectId(), e.requestId())).toList());
    }
}
