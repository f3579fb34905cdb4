package dev.scaleshop.jobs.consumer;

import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.tracing.control.RequestIds;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * What a job message carries (the job's id and the request id of the HTTP request that caused it) and the
 * one way every worker handles it: mark the job running, do the work, mark it succeeded with the work's
 * result. Runs inside the delivery's XA transaction; whatever the work throws rolls the delivery back and
 * the broker redelivers — except {@link Jobs.PermanentFailure}: the job is marked failed and the message
 * consumed. A message for a job that finished already is a duplicate and is ignored.
 */
final class JobMessages {

    private JobMessages() {
    }

    /** Runs {@code work} on the message's job; the work returns the job's result (a link to what it produced). */
    static void process(Message message, Jobs jobs, Logger log, String type, Function<Job, String> work) {
        UUID jobId = jobId(message);
        String requestId = requestId(message);
        jobs.start(jobId).ifPresentOrElse(job -> {
            log.info(() -> "SCALESHOP-JOB-002 running job " + job.id() + " type=" + type + " attempt=" + job.attempts()
                    + " requestId=" + requestId);
            String result;
            try {
                result = work.apply(job);
            } catch (Jobs.PermanentFailure e) {
                jobs.fail(job.id(), e.getMessage());
                log.warning(() -> "SCALESHOP-JOB-006 job " + job.id() + " type=" + type + " failed for good: " + e.getMessage()
                        + " requestId=" + requestId);
                return;
            }
            jobs.succeed(job.id(), result);
            log.info(() -> "SCALESHOP-JOB-004 job " + job.id() + " type=" + type + " succeeded: " + abbreviated(result)
                    + " requestId=" + requestId);
        }, () -> log.info(() -> "SCALESHOP-JOB-003 job " + jobId + " already finished, message ignored requestId=" + requestId));
    }

    private static String abbreviated(String result) {
        return result == null || result.length() <= 120 ? result : result.substring(0, 117) + "...";
    }

    static UUID jobId(Message message) {
        return UUID.fromString(property(message, JobQueues.JOB_ID_PROPERTY));
    }

    static String requestId(Message message) {
        return property(message, RequestIds.JMS_PROPERTY);
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable message property " + name, e);
        }
    }
}
