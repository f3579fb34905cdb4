package dev.scaleshop.outbox.control;

/** Types of the shards' outbox events (see {@link OutboxRelay}). */
public final class OutboxEvents {

    /** An order became PAID: its invoice is to be rendered. Subject: the order id. */
    public static final String INVOICE_REQUESTED = "INVOICE_REQUESTED";

    private OutboxEvents() {
    }
}
