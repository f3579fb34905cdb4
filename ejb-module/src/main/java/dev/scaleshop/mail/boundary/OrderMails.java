package dev.scaleshop.mail.boundary;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import dev.scaleshop.customers.boundary.CustomerView;
import dev.scaleshop.customers.boundary.Customers;
import dev.scaleshop.invoices.control.ShardInvoices;
import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.mail.control.MailDeliveries;
import dev.scaleshop.mail.control.OrderConfirmation;
import dev.scaleshop.mail.entity.MailDelivery;
import dev.scaleshop.orders.control.ShardOrders;
import dev.scaleshop.orders.entity.CustomerOrder;
import dev.scaleshop.sharding.control.Buckets;
import dev.scaleshop.sharding.control.Shards;
import dev.scaleshop.sharding.control.Shards.Access;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The order confirmation e-mail, with the invoice attached. Offered when the invoice is rendered (in the
 * same transaction that marks the invoice job succeeded), sent by the mail worker through the Jakarta Mail
 * session {@code mail/scaleshop} (the relay's host, port, timeouts and sender are server configuration).
 * Sent once: the relay's acceptance is recorded at once in {@code mail_delivery}, and a second attempt
 * that finds the record sends nothing.
 */
@Stateless
public class OrderMails {

    public static final String JOB_TYPE = "order-mail";
    public static final String MAIL_SESSION = "mail/scaleshop";
    private static final Logger LOG = Logger.getLogger(OrderMails.class.getName());

    @EJB
    Jobs jobs;

    @EJB
    Customers customers;

    @EJB
    MailDeliveries deliveries;

    @Inject
    Shards shards;

    private static final long SESSION_LOOKUP_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static volatile CachedSession session;

    private final Clock clock = Clock.systemUTC();

    /** The order's invoice is ready: offers its confirmation mail (once per order). */
    public Job requested(UUID customerId, UUID orderId, String requestId) {
        return jobs.offer(JOB_TYPE, JobQueues.MAIL, dedupKey(orderId), customerId, customerId + " " + orderId, requestId);
    }

    /**
     * The worker's part: sends the confirmation unless it was sent already. Outside the caller's transaction
     * (the SMTP conversation is not transactional; the delivery record commits on its own). Returns the
     * mail's Message-ID.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String send(UUID jobId, UUID customerId, UUID orderId) {
        String key = dedupKey(orderId);
        Optional<MailDelivery> sent = deliveries.find(key);
        if (sent.isPresent()) {
            LOG.info(() -> "SCALESHOP-MAIL-002 order confirmation " + sent.get().messageId() + " was sent at "
                    + sent.get().sentAt() + ", not sending again");
            return sent.get().messageId();
        }
        Parts parts = shards.forBucket(Buckets.of(customerId), Access.READ, em -> new Parts(
                ShardOrders.placed(em, orderId).filter(p -> p.order().customerId().equals(customerId))
                        .orElseThrow(() -> new IllegalStateException("no order " + orderId + " of customer " + customerId)),
                ShardInvoices.find(em, customerId, orderId)
                        .orElseThrow(() -> new IllegalStateException("order " + orderId + " has no invoice yet"))));
        CustomerOrder order = parts.placed().order();
        ShardInvoices.Stored invoice = parts.invoice();
        CustomerView customer = customers.billing(customerId)
                .orElseThrow(() -> new IllegalStateException("no customer " + customerId));
        List<OrderConfirmation.Line> lines = parts.placed().lines().stream()
                .map(l -> new OrderConfirmation.Line(l.sku(), l.name(), l.quantity(), l.lineTotal())).toList();
        OrderConfirmation.Content content = new OrderConfirmation.Content(customer.email(), customer.name(), orderId,
                order.currency(), order.totalAmount(), lines, invoice.number(), invoice.pdf());
        try {
            Session session = session();
            MimeMessage message = OrderConfirmation.compose(session, sender(session), content);
            Transport.send(message);
            String messageId = message.getMessageID();
            deliveries.record(new MailDelivery(key, messageId, customer.email(), OrderConfirmation.subject(content), jobId,
                    clock.instant()));
            LOG.info(() -> "SCALESHOP-MAIL-001 order confirmation " + messageId + " for order " + orderId + " accepted by the relay");
            return messageId;
        } catch (MessagingException e) {
            throw new IllegalStateException("the mail relay did not take the confirmation of order " + orderId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The server's mail session, looked up at most once a minute: every JNDI lookup of a mail resource builds a
     * new {@link Session} (Payara's MailNamingObjectFactory), 3 % of a checkout's CPU samples (issue 16). A
     * changed mail resource still takes effect within a minute.
     */
    private static Session session() {
        CachedSession cached = session;
        long now = System.nanoTime();
        if (cached != null && now - cached.lookedUp() < SESSION_LOOKUP_NANOS) {
            return cached.session();
        }
        try {
            Session fresh = InitialContext.doLookup(MAIL_SESSION);
            session = new CachedSession(fresh, now);
            return fresh;
        } catch (NamingException e) {
            throw new IllegalStateException("no Jakarta Mail session " + MAIL_SESSION + " configured on this server", e);
        }
    }

    private record CachedSession(Session session, long lookedUp) {
    }

    /** What the mail is made of on the order's shard, read in one unit of work. */
    private record Parts(ShardOrders.Placed placed, ShardInvoices.Stored invoice) {
    }

    private static InternetAddress sender(Session session) throws MessagingException {
        InternetAddress from = InternetAddress.getLocalAddress(session);
        if (from == null) {
            throw new MessagingException("the mail session " + MAIL_SESSION + " names no sender (mail.from)");
        }
        return from;
    }

    private static String dedupKey(UUID orderId) {
        return "order-mail:" + orderId;
    }
}
