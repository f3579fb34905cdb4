package dev.scaleshop.jobs.consumer;

import java.util.logging.Logger;

import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Completes echo jobs: the smallest job that still exercises the whole asynchronous path.
 * Runs in an XA transaction with the broker; any exception rolls the delivery back, so the broker
 * redelivers and finally moves the message to the dead-letter address.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = JobQueues.ECHO),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class EchoRequestedConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EchoRequestedConsumer.class.getName());

    @EJB
    Jobs jobs;

    @Override
    public void onMessage(Message message) {
        JobMessages.process(message, jobs, LOG, "echo", Job::payload);
    }
}
