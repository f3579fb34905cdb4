package dev.scaleshop.jobs.control;

import java.util.UUID;

import dev.scaleshop.tracing.control.RequestIds;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

/**
 * Sends job messages through the Artemis resource adapter's XA connection factory, so a send joins the
 * caller's JTA transaction: the message leaves only if the job row commits.
 */
@Dependent
public class JobDispatcher {

    @Resource(lookup = "jms/scaleshop")
    ConnectionFactory connectionFactory;

    public void dispatch(String queue, UUID jobId, String requestId) {
        try (JMSContext context = connectionFactory.createContext()) {
            Message message = context.createMessage();
            message.setStringProperty(JobQueues.JOB_ID_PROPERTY, jobId.toString());
            message.setStringProperty(RequestIds.JMS_PROPERTY, requestId);
            message.setJMSCorrelationID(requestId);
            context.createProducer().send(context.createQueue(queue), message);
        } catch (jakarta.jms.JMSException e) {
            throw new jakarta.jms.JMSRuntimeException("could not dispatch job " + jobId, e.getErrorCode(), e);
        }
    }
}
