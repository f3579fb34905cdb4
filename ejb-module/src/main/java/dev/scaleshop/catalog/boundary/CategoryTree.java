package dev.scaleshop.catalog.boundary;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** The whole category tree: what the catalog caches under one key. */
public record CategoryTree(List<CategoryView> roots) implements Serializable {

    public CategoryTree {
        roots = List.copyOf(roots);
    }

    public Optional<CategoryView> find(String slug) {
        return CategoryView.find(roots, slug);
    }
}
