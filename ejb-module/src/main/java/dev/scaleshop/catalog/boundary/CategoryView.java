package dev.scaleshop.catalog.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scaleshop.catalog.entity.Category;

/** A node of the category tree with its subcategories, as the catalog hands it out and caches it. */
public record CategoryView(String slug, String name, List<CategoryView> children) implements Serializable {

    public CategoryView {
        children = List.copyOf(children);
    }

    /** The roots of the tree built from every category (ordered by name), each with its descendants. */
    static List<CategoryView> tree(List<Category> categories) {
        Map<String, List<Category>> childrenOf = new LinkedHashMap<>();
        List<Category> roots = new ArrayList<>();
        for (Category category : categories) {
            if (category.isRoot()) {
                roots.add(category);
            } else {
                childrenOf.computeIfAbsent(category.parent().slug(), slug -> new ArrayList<>()).add(category);
            }
        }
        return roots.stream().map(root -> node(root, childrenOf)).toList();
    }

    private static CategoryView node(Category category, Map<String, List<Category>> childrenOf) {
        return new CategoryView(category.slug(), category.name(), childrenOf.getOrDefault(category.slug(), List.of())
                .stream().map(child -> node(child, childrenOf)).toList());
    }

    /** The node with this slug anywhere in the given trees. */
    static Optional<CategoryView> find(List<CategoryView> trees, String slug) {
        for (CategoryView node : trees) {
            if (node.slug().equals(slug)) {
                return Optional.of(node);
            }
            Optional<CategoryView> below = find(node.children(), slug);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }
}
