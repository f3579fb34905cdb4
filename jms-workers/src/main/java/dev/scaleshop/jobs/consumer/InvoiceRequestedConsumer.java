package dev.scaleshop.jobs.consumer;

import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.invoices.boundary.Invoices;
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
 * Renders the invoice of a paid order (PDF, stored on the order's shard). The job is marked running in a
 * transaction of its own, the rendering runs outside the delivery's XA transaction (shard work never
 * joins one) and is idempotent, and the job succeeds in the delivery's transaction: a failure anywhere
 * rolls the delivery back, the broker redelivers with back-off and finally dead-letters it. The job's
 * success and the offer of the order's confirmation mail commit together.
 * Concurrency: {@code maxSession} 2 (PDF rendering is CPU work; two leave the request threads room).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = JobQueues.INVOICE),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class InvoiceRequestedConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(InvoiceRequestedConsumer.class.getName());

    @EJB
    Jobs jobs;

    @EJB
    Invoices invoices;

    @EJB
    OrderMails orderMails;

    @Override
    public void onMessage(Message message) {
        JobMessages.process(message, jobs, LOG, Invoices.JOB_TYPE, this::render);
    }

    /** Renders (idempotent), then offers the confirmation mail in the delivery's transaction, with the job's success. */
    private String render(Job job) {
        String[] subject = job.payload().split(" ");
        UUID customerId = UUID.fromString(subject[0]);
        UUID orderId = UUID.fromString(subject[1]);
        invoices.render(customerId, orderId);
        orderMails.requested(customerId, orderId, job.requestId());
        return "/api/v1/orders/" + orderId + "/invoice";
    }
}
