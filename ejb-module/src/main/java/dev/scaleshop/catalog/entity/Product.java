package dev.scaleshop.catalog.entity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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

    @Convert(converter = ProductAttributesConverter.class)
    private Map<String, String> attributes;

    @Convert(converter = ProductImagesConverter.class)
    private List<ProductImage> images;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "category_id")
    private Category category;

    protected Product() {
        // for JPA
    }

    public Product(String sku, String name, String description, BigDecimal priceAmount, String currency, int stock,
                   Category category, Map<String, String> attributes, List<ProductImage> images) {
        this.sku = sku;
        revise(name, description, priceAmount, currency, stock, category, attributes, images);
    }

    /** Replaces everything but the SKU, which identifies the product for its whole life. */
    public final void revise(String name, String description, BigDecimal priceAmount, String currency, int stock,
                             Category category, Map<String, String> attributes, List<ProductImage> images) {
        this.name = name;
        this.description = description == null ? "" : description;
        this.priceAmount = priceAmount;
        this.currency = currency;
        this.stock = stock;
        this.category = category;
        this.attributes = ProductJson.attributes(attributes);
        this.images = ProductJson.images(images);
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

    /** Sorted by name, unmodifiable. */
    public Map<String, String> attributes() {
        return ProductJson.attributes(attributes);
    }

    public List<ProductImage> images() {
        return ProductJson.images(images);
    }

    public Category category() {
        return category;
    }
}
