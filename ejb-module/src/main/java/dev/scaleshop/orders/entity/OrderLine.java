package dev.scaleshop.orders.entity;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One line of an order, with the name and price the catalog had at checkout. */
@Entity
@Table(name = "order_line")
@IdClass(OrderLine.Key.class)
public class OrderLine {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Id
    @Column(name = "line_no")
    private int lineNo;

    @Column(name = "customer_id")
    private UUID customerId;

    private int bucket;
    private String sku;
    private String name;

    @Column(name = "unit_price")
    private BigDecimal unitPrice;

    private int quantity;

    @Column(name = "line_total")
    private BigDecimal lineTotal;

    protected OrderLine() {
        // for JPA
    }

    public OrderLine(CustomerOrder order, int lineNo, String sku, String name, BigDecimal unitPrice, int quantity) {
        this.orderId = order.id();
        this.lineNo = lineNo;
        this.customerId = order.customerId();
        this.bucket = order.bucket();
        this.sku = sku;
        this.name = name;
        this.unitPrice = unitPrice;
        this.quantity = quantity;
        this.lineTotal = unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    public UUID orderId() {
        return orderId;
    }

    public int lineNo() {
        return lineNo;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public int quantity() {
        return quantity;
    }

    public BigDecimal lineTotal() {
        return lineTotal;
    }

    /** The composite key (order, line number). */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private UUID orderId;
        private int lineNo;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.lineNo == lineNo && java.util.Objects.equals(key.orderId, orderId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(orderId, lineNo);
        }
    }
}
