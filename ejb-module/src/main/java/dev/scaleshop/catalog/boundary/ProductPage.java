package dev.scaleshop.catalog.boundary;

import java.util.List;

import dev.scaleshop.catalog.entity.Product;

public record ProductPage(List<Product> items, PageRequest request, long totalItems) {

    public long totalPages() {
        return (totalItems + request.size() - 1) / request.size();
    }

    public boolean hasNext() {
        return (long) (request.page() + 1) * request.size() < totalItems;
    }
}
