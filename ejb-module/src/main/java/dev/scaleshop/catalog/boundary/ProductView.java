package dev.scaleshop.catalog.boundary;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.scaleshop.catalog.entity.Product;
import dev.scaleshop.catalog.entity.ProductImage;

/**
 * An immutable snapshot of a product: what the catalog hands out, and what the cluster-wide cache
 * stores (entities are neither serializable nor safe to share between threads).
 */
public record ProductView(String sku, String name, String description, BigDecimal priceAmount, String currency,
                          int stock, String categorySlug, Map<String, String> attributes,
                          List<ProductImage> images) implements Serializable {

    public static ProductView of(Product product) {
        return new ProductView(product.sku(), product.name(), product.description(), product.priceAmount(),
                product.currency(), product.stock(), product.category().slug(), product.attributes(),
                product.images());
    }

    public boolean inStock() {
        return stock > 0;
    }
}
