package dev.scaleshop.orders.resource;

import java.io.StringReader;
import java.util.Map;
import java.util.UUID;

import dev.scaleshop.invoices.boundary.Invoices;
import dev.scaleshop.orders.boundary.Orders;
import dev.scaleshop.orders.control.StockReservations.Requested;
import dev.scaleshop.payments.control.PaymentGateway;
import dev.scaleshop.platform.control.Sha256;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import dev.scaleshop.platform.control.Jsons;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A checkout from start to answer, the same for the REST API and the partner SOAP service: the order
 * is placed on the customer's shard under its idempotency key, a new order's total is authorized by the
 * payment provider (whose client and fault tolerance live in this module), and the outcome is the final
 * answer a replay of the key will get again.
 */
@ApplicationScoped
public class Checkouts {

    @EJB
    Orders orders;

    @EJB
    Invoices invoices;

    @Inject
    PaymentGateway payments;

    /**
     * Benchmark switch (bench/invoice-async.sh), off in production: render the invoice PDF in the checkout
     * request, as a system without a job queue would, to measure what the asynchronous path saves.
     */
    @Inject
    @ConfigProperty(name = "scaleshop.invoice.render-inline", defaultValue = "false")
    Provider<Boolean> renderInvoiceInline;

    /** Places (or replays) the order of {@code lines} (SKU → quantity) under {@code key}; the final outcome. */
    public Orders.Outcome place(UUID customerId, String key, String fingerprint, Map<String, Integer> lines, String requestId) {
        Orders.Outcome outcome = orders.checkout(customerId, key, fingerprint,
                lines.entrySet().stream().map(line -> new Requested(line.getKey(), line.getValue())).toList());
        if (outcome.payment() == null) { // a replay: the first answer stands
            return outcome;
        }
        Orders.PaymentDue due = outcome.payment();
        String answer = orders.paymentDecided(due, payments.authorize(due.orderId(), due.amount(), due.currency()), requestId);
        if (renderInvoiceInline.get()
                && "PAID".equals(Jsons.createReader(new StringReader(answer)).readObject().getString("status", ""))) {
            invoices.render(due.customerId(), due.orderId()); // the benchmark's baseline: the worker then finds it done
        }
        return new Orders.Outcome(outcome.status(), answer, outcome.orderId(), false, null);
    }

    /** What makes two requests with one key "the same": SHA-256 of a canonical form of what they ask for. */
    public static String fingerprint(String canonical) {
        return Sha256.hex(canonical);
    }

    /** The canonical form of explicit lines (merged per SKU, in SKU order). */
    public static String linesFingerprint(Map<String, Integer> mergedLines) {
        return fingerprint("lines:" + new java.util.TreeMap<>(mergedLines));
    }
}
