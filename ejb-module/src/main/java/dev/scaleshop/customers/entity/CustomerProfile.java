package dev.scaleshop.customers.entity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A customer's name and postal address, keyed by the account id. */
@Entity
@Table(name = "customer_profile")
public class CustomerProfile {

    @Id
    @Column(name = "customer_id")
    private UUID customerId;

    private String name;
    private String line1;
    private String line2;
    private String city;

    @Column(name = "postal_code")
    private String postalCode;

    private String country;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected CustomerProfile() {
        // for JPA
    }

    public CustomerProfile(UUID customerId, String name, Address address, Instant now) {
        this.customerId = customerId;
        revise(name, address, now);
    }

    public final void revise(String name, Address address, Instant now) {
        this.name = name;
        this.line1 = address.line1();
        this.line2 = address.line2();
        this.city = address.city();
        this.postalCode = address.postalCode();
        this.country = address.country();
        this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID customerId() {
        return customerId;
    }

    public String name() {
        return name;
    }

    public Address address() {
        return new Address(line1, line2, city, postalCode, country);
    }

    /** A postal address; validation lives with the drafts that carry it in. */
    public record Address(String line1, String line2, String city, String postalCode, String country) {
    }
}
