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
 * A paid order's invoice and confirmation: renders the invoice (PDF, stored on the order's shard), then mails
 * it to the customer. The job is marked running in a transaction of its own; both steps run outside the
 * delivery's XA transaction (shard work never joins one, SMTP is not transactional) and each is idempotent —
 * a stored invoice is not stored again, a mail the relay took is not sent again —, and the job succeeds in
 * the delivery's transaction: a failure anywhere (the relay down, say) rolls the delivery back, the broker
 * redelivers with back-off and finally dead-letters it; a replay then finds the invoice stored and sends the
 * mail. One job per order rather than an invoice job offering a mail job: a checkout's background work costs
 * one message, one delivery and one job row (issue 16).
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

    /** Renders and stores the invoice, then mails the confirmation with it attached (each step idempotent). */
    private String render(Job job) {
        String[] subject = job.payload().split(" ");
        UUID customerId = UUID.fromString(subject[0]);
        UUID orderId = UUID.fromString(subject[1]);
        orderMails.send(job.id(), invoices.render(customerId, orderId));
        return "/api/v1/orders/" + orderId + "/invoice";
    }
}
