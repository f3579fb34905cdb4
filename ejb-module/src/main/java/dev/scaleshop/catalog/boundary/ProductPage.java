package dev.scaleshop.catalog.boundary;

import java.io.Serializable;
import java.util.List;

public record ProductPage(List<ProductView> items, PageRequest request, long totalItems) implements Serializable {

    public ProductPage {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return (totalItems + request.size() - 1) / request.size();
    }

    public boolean hasNext() {
        return (long) (request.page() + 1) * request.size() < totalItems;
    }
}
