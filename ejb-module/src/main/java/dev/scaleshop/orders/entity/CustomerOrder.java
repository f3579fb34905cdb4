package dev.scaleshop.orders.entity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An order, on its customer's shard (sharded tables carry the customer and the bucket). */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

    @Id
    private UUID id;

    @Column(name = "customer_id")
    private UUID customerId;

    private int bucket;

    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    private String currency;

    @Column(name = "total_amount")
    private BigDecimal totalAmount;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected CustomerOrder() {
        // for JPA
    }

    public CustomerOrder(UUID id, UUID customerId, int bucket, String currency, BigDecimal totalAmount, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.bucket = bucket;
        this.status = OrderStatus.PAYMENT_PENDING;
        this.currency = currency;
        this.totalAmount = totalAmount;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.updatedAt = createdAt;
    }

    /** The payment was decided: PAID or PAYMENT_FAILED. */
    public void paymentDone(OrderStatus outcome, Instant now) {
        if (status != OrderStatus.PAYMENT_PENDING || (outcome != OrderStatus.PAID && outcome != OrderStatus.PAYMENT_FAILED)) {
            throw new IllegalStateException("order " + id + " is " + status + ", cannot become " + outcome);
        }
        status = outcome;
        updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID id() {
        return id;
    }

    public UUID customerId() {
        return customerId;
    }

    public int bucket() {
        return bucket;
    }

    public OrderStatus status() {
        return status;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal totalAmount() {
        return totalAmount;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }
}
