package dev.scaleshop.jobs.consumer;

import java.util.UUID;

import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.tracing.control.RequestIds;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** What a job message carries: the job's id and the request id of the HTTP request that caused it. */
final class JobMessages {

    private JobMessages() {
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
