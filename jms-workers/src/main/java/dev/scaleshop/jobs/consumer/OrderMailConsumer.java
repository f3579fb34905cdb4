package dev.scaleshop.jobs.consumer;

import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.mail.boundary.OrderMails;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Sends order confirmations with the invoice attached. The SMTP conversation runs outside the delivery's
 * transaction and is recorded as soon as the relay accepts the mail, so a redelivery sends nothing twice;
 * a relay that refuses or is down rolls the delivery back (redelivered with back-off, then dead-lettered).
 * Concurrency: {@code maxSession} 2 (waiting on the relay, not CPU).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = JobQueues.MAIL),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class OrderMailConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(OrderMailConsumer.class.getName());

    @EJB
    Jobs jobs;

    @EJB
    OrderMails orderMails;

    @Override
    public void onMessage(Message message) {
        JobMessages.process(message, jobs, LOG, OrderMails.JOB_TYPE, this::send);
    }

    private String send(Job job) {
        String[] subject = job.payload().split(" ");
        return "mail " + orderMails.send(job.id(), UUID.fromString(subject[0]), UUID.fromString(subject[1]));
    }
}
