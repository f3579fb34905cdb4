package dev.scaleshop.invoices.boundary;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.customers.boundary.CustomerView;
import dev.scaleshop.customers.boundary.Customers;
import dev.scaleshop.invoices.control.InvoicePdf;
import dev.scaleshop.invoices.control.ShardInvoices;
import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.orders.control.ShardOrders;
import dev.scaleshop.orders.entity.CustomerOrder;
import dev.scaleshop.orders.entity.OrderLine;
import dev.scaleshop.orders.entity.OrderStatus;
import dev.scaleshop.sharding.control.Buckets;
import dev.scaleshop.sharding.control.Shards;
import dev.scaleshop.sharding.control.Shards.Access;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invoices of paid orders: the outbox relay offers an invoice job when an order becomes PAID, the invoice
 * worker renders the PDF and stores it on the order's shard, clients fetch it. Rendering is idempotent:
 * the number derives from the order, and a second rendering (a redelivered message) stores nothing.
 */
@Stateless
public class Invoices {

    public static final String JOB_TYPE = "invoice";
    private static final Logger LOG = Logger.getLogger(Invoices.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @EJB
    Jobs jobs;

    @EJB
    Customers customers;

    @Inject
    Shards shards;

    @Inject
    ShardInvoices shardInvoices;

    /** VAT included in the prices, as a fraction (0.20 = 20 %). */
    @Inject
    @ConfigProperty(name = "scaleshop.invoice.tax-rate", defaultValue = "0.20")
    BigDecimal taxRate;

    /** The seller's name and address on every invoice, lines separated by '|'. */
    @Inject
    @ConfigProperty(name = "scaleshop.invoice.seller", defaultValue = "ScaleShop Demo GmbH|Example Street 1|10115 Berlin|Germany")
    String seller;

    private final InvoicePdf renderer = new InvoicePdf();
    private final Clock clock = Clock.systemUTC();

    /**
     * An order's invoice as stored, with what it was made of: the order and its lines, the customer it is
     * billed to (empty if the customer's profile is gone) — what the confirmation mail needs, read once.
     */
    public record Issued(CustomerOrder order, List<OrderLine> lines, Optional<CustomerView> customer, String number, byte[] pdf) {
    }

    /** An order that became PAID, with the request id of the checkout that paid it. */
    public record Requested(UUID customerId, UUID orderId, String requestId) {
    }

    /** A paid order's invoice job, offered now (once per order: an existing one is returned as it is). */
    public Job requested(UUID customerId, UUID orderId, String requestId) {
        return jobs.offer(JOB_TYPE, JobQueues.INVOICE, dedupKey(orderId), customerId, customerId + " " + orderId, requestId);
    }

    /** Orders became PAID: offers their invoice jobs (once per order, whatever happens upstream), in one transaction. */
    public void requested(List<Requested> paid) {
        jobs.offerAll(paid.stream().map(r -> new Jobs.Offer(JOB_TYPE, JobQueues.INVOICE, dedupKey(r.orderId()), r.customerId(),
                r.customerId() + " " + r.orderId(), r.requestId())).toList());
    }

    /**
     * The worker's part: the order's invoice, rendered and stored with the order unless it was stored before (a
     * redelivered job: then the stored one is returned). Outside the caller's transaction
     * (shard work never joins one); safe to run twice.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Issued render(UUID customerId, UUID orderId) {
        Optional<CustomerView> customer = customers.billing(customerId);
        // one unit of work on the shard reads the order and stores its invoice (the write holds the bucket's
        // fence for the rendering's millisecond or two: a bucket move waits that long, and then sees the invoice)
        Rendered rendered = shards.forBucket(Buckets.of(customerId), Access.WRITE, em -> {
            ShardOrders.Placed placed = ShardOrders.placed(em, orderId)
                    .filter(p -> p.order().customerId().equals(customerId))
                    .orElseThrow(() -> new IllegalStateException("no order " + orderId + " of customer " + customerId));
            CustomerOrder order = placed.order();
            if (order.status() != OrderStatus.PAID) {
                throw new IllegalStateException("order " + orderId + " is " + order.status() + ", not PAID: no invoice");
            }
            // a redelivered job renders again and finds the first invoice stored (the common case pays no lookup)
            String number = number(order);
            List<InvoicePdf.Line> lines = placed.lines().stream()
                    .map(l -> new InvoicePdf.Line(l.sku(), l.name(), l.quantity(), l.unitPrice(), l.lineTotal())).toList();
            InvoicePdf.Document document = new InvoicePdf.Document(number, LocalDate.ofInstant(order.createdAt(), ZoneOffset.UTC),
                    orderId.toString(), Arrays.asList(seller.split("\\|")), billTo(customerId, customer), lines,
                    order.currency(), order.totalAmount(), taxRate);
            byte[] pdf = renderer.render(document);
            if (!ShardInvoices.store(em, customerId, orderId, number, pdf, clock.instant())) { // an earlier delivery stored it
                return new Rendered(placed, ShardInvoices.find(em, customerId, orderId).orElseThrow(), false);
            }
            return new Rendered(placed, new ShardInvoices.Stored(number, pdf), true);
        });
        ShardInvoices.Stored invoice = rendered.invoice();
        LOG.info(() -> "SCALESHOP-INVOICE-001 invoice " + invoice.number() + " for order " + orderId + (rendered.storedNow()
                ? " stored, " + invoice.pdf().length + " bytes" : " exists already (an earlier delivery stored it)"));
        return new Issued(rendered.placed().order(), rendered.placed().lines(), customer, invoice.number(), invoice.pdf());
    }

    /** What one unit of work on the shard found or made: the order, its invoice, whether this one stored it. */
    private record Rendered(ShardOrders.Placed placed, ShardInvoices.Stored invoice, boolean storedNow) {
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<ShardInvoices.Stored> find(UUID customerId, UUID orderId) {
        return shardInvoices.find(customerId, orderId);
    }

    /** True while the order's invoice request waits in its shard's outbox (the relay offers it within a second). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean requestPending(UUID customerId, UUID orderId) {
        return shardInvoices.requestPending(customerId, orderId);
    }

    /** The invoice job of an order, if one was offered. */
    public Optional<Job> job(UUID orderId) {
        return jobs.findByDedupKey(dedupKey(orderId));
    }

    private static List<String> billTo(UUID customerId, Optional<CustomerView> billed) {
        List<String> lines = new ArrayList<>();
        billed.ifPresentOrElse(customer -> {
            lines.add(customer.name());
            CustomerView view = customer;
            if (view.address() != null) {
                lines.add(view.address().line1());
                if (view.address().line2() != null && !view.address().line2().isBlank()) {
                    lines.add(view.address().line2());
                }
                lines.add(view.address().postalCode() + " " + view.address().city());
                lines.add(view.address().country());
            }
        }, () -> lines.add("Customer " + customerId));
        return lines;
    }

    private static String number(CustomerOrder order) {
        String id = order.id().toString().replace("-", "");
        return "INV-" + DAY.format(LocalDate.ofInstant(order.createdAt(), ZoneOffset.UTC)) + "-"
                + id.substring(id.length() - 12).toUpperCase();
    }

    private static String dedupKey(UUID orderId) {
        return "invoice:" + orderId;
    }
}
