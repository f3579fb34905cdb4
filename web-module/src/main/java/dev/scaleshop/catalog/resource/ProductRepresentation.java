package dev.scaleshop.catalog.resource;

import java.math.BigDecimal;

import dev.scaleshop.catalog.boundary.ProductView;

public record ProductRepresentation(String sku, String name, String description, Price price, int stock,
                                    boolean inStock, String category, String href) {

    public record Price(BigDecimal amount, String currency) {
    }

    static ProductRepresentation of(ProductView product) {
        return new ProductRepresentation(product.sku(), product.name(), product.description(),
                new Price(product.priceAmount(), product.currency()), product.stock(), product.inStock(),
                product.categorySlug(), "/api/v1/products/" + product.sku());
    }
}
