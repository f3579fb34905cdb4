package dev.scaleshop.catalog.resource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.scaleshop.catalog.boundary.ProductView;

public record ProductRepresentation(String sku, String name, String description, Price price, int stock,
                                    boolean inStock, String category, Map<String, String> attributes,
                                    List<Image> images, String href) {

    public record Image(String url, String alt) {
    }

    public record Price(BigDecimal amount, String currency) {
    }

    static ProductRepresentation of(ProductView product) {
        return new ProductRepresentation(product.sku(), product.name(), product.description(),
                new Price(product.priceAmount(), product.currency()), product.stock(), product.inStock(),
                product.categorySlug(), product.attributes(),
                product.images().stream().map(image -> new Image(image.url(), image.alt())).toList(),
                "/api/v1/products/" + product.sku());
    }
}
