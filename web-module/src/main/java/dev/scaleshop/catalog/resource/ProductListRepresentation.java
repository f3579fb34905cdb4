package dev.scaleshop.catalog.resource;

import java.util.List;

import dev.scaleshop.catalog.boundary.ProductPage;

public record ProductListRepresentation(List<ProductRepresentation> items, int page, int size, long totalItems,
                                        long totalPages, boolean hasNext) {

    static ProductListRepresentation of(ProductPage page) {
        return new ProductListRepresentation(
                page.items().stream().map(ProductRepresentation::of).toList(),
                page.request().page(), page.request().size(), page.totalItems(), page.totalPages(),
                page.hasNext());
    }
}
