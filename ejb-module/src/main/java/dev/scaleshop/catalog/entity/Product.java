package dev.scaleshop.catalog.entity;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

@Entity
@Table(name = "product")
@NamedQuery(name = Product.BY_SKU, query = "SELECT p FROM Product p JOIN FETCH p.category WHERE p.sku = :sku")
public class Product {

    public static final String BY_SKU = "Product.bySku";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_id")
    @SequenceGenerator(name = "product_id", sequenceName = "product_id_seq", allocationSize = 50)
    private Long id;

    private String sku;

    private String name;

    private String description;

    @Column(name = "price_amount")
    private BigDecimal priceAmount;

    private String currency;

    private int stock;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "category_id")
    private Category category;

    protected Product() {
        // for JPA
    }

    public Product(String sku, String name, String description, BigDecimal priceAmount, String currency, int stock,
                   Category category) {
        this.sku = sku;
        revise(name, description, priceAmount, currency, stock, category);
    }

    /** Replaces everything but the SKU, which identifies the product for its whole life. */
    public final void revise(String name, String description, BigDecimal priceAmount, String currency, int stock,
                             Category category) {
        this.name = name;
        this.description = description == null ? "" : description;
        this.priceAmount = priceAmount;
        this.currency = currency;
        this.stock = stock;
        this.category = category;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public BigDecimal priceAmount() {
        return priceAmount;
    }

    public String currency() {
        return currency;
    }

    public int stock() {
        return stock;
    }

    public boolean inStock() {
        return stock > 0;
    }

    public Category category() {
        return category;
    }
}
