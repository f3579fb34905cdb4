package dev.scaleshop.orders.entity;

/** Where an order stands. Orders are created PAYMENT_PENDING; authorization moves them on. */
public enum OrderStatus {
    PAYMENT_PENDING, PAID, PAYMENT_FAILED, CANCELLED
}
