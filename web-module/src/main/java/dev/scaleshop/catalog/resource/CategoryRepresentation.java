package dev.scaleshop.catalog.resource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.scaleshop.catalog.boundary.CategoryView;

/** A category with its subcategories and the link to its products (subcategories' products included). */
public record CategoryRepresentation(String slug, String name, String href, String products,
                                     List<CategoryRepresentation> children) {

    static CategoryRepresentation of(CategoryView category) {
        return new CategoryRepresentation(category.slug(), category.name(), "/api/v1/categories/" + category.slug(),
                "/api/v1/products?category=" + URLEncoder.encode(category.slug(), StandardCharsets.UTF_8),
                category.children().stream().map(CategoryRepresentation::of).toList());
    }

    /** The whole tree: departments and their subcategories. */
    public record Tree(List<CategoryRepresentation> categories) {
    }
}
