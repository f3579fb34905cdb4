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
import dev.scaleshop.invoices.boundary.Invoices;
import dev.scaleshop.mail.control.MailDeliveries;
import dev.scaleshop.mail.control.OrderConfirmation;
import dev.scaleshop.mail.entity.MailDelivery;
import dev.scaleshop.orders.entity.CustomerOrder;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The order confirmation e-mail, with the invoice attached. Sent by the invoice job once the invoice is
 * stored (one job per paid order: the invoice, then its mail — each step idempotent), through the Jakarta
 * Mail session {@code mail/scaleshop} (the relay's host, port, timeouts and sender are server configuration).
 * Sent once: the relay's acceptance is recorded at once in {@code mail_delivery}, and a second attempt
 * that finds the record sends nothing.
 */
@Stateless
public class OrderMails {

    public static final String MAIL_SESSION = "mail/scaleshop";
    private static final Logger LOG = Logger.getLogger(OrderMails.class.getName());

    @EJB
    MailDeliveries deliveries;

    private static final long SESSION_LOOKUP_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static volatile CachedSession session;

    private final Clock clock = Clock.systemUTC();

    /**
     * Sends the order's confirmation with its invoice unless it was sent already. Outside the caller's transaction
     * (the SMTP conversation is not transactional; the delivery record commits on its own). Returns the mail's
     * Message-ID.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String send(UUID jobId, Invoices.Issued invoice) {
        CustomerOrder order = invoice.order();
        UUID orderId = order.id();
        String key = dedupKey(orderId);
        Optional<MailDelivery> sent = deliveries.find(key);
        if (sent.isPresent()) {
            LOG.info(() -> "SCALESHOP-MAIL-002 order confirmation " + sent.get().messageId() + " was sent at "
                    + sent.get().sentAt() + ", not sending again");
            return sent.get().messageId();
        }
        CustomerView customer = invoice.customer()
                .orElseThrow(() -> new IllegalStateException("no customer " + order.customerId()));
        List<OrderConfirmation.Line> lines = invoice.lines().stream()
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
