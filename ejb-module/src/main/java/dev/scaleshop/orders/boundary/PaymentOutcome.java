package dev.scaleshop.orders.boundary;

/** What the payment provider said about an order's total: yes, no, or nothing yet (ask again later). */
public enum PaymentOutcome {
    AUTHORIZED, DECLINED, PENDING
}
