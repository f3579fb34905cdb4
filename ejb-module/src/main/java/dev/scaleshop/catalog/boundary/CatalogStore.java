package dev.scaleshop.catalog.boundary;

import java.util.List;

import dev.scaleshop.catalog.entity.Category;
import dev.scaleshop.catalog.entity.Product;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Transactional catalog writes on the primary; {@link CatalogAdministration} wraps them. */
@Stateless
public class CatalogStore {

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    public ProductView create(ProductDraft draft) {
        if (find(draft.sku()) != null) {
            throw InvalidRequestException.conflict("duplicate-sku", "a product with SKU " + draft.sku() + " exists");
        }
        Product product = new Product(draft.sku(), draft.name(), draft.description(), draft.price().amount(),
                draft.price().currency(), draft.stock(), category(draft.category()), draft.attributes(),
                draft.productImages());
        em.persist(product);
        return ProductView.of(product);
    }

    public ProductView replace(String sku, ProductDraft draft) {
        if (!sku.equals(draft.sku())) {
            throw new InvalidRequestException("sku-mismatch", "the SKU in the body must match the one in the path");
        }
        Product product = existing(sku);
        product.revise(draft.name(), draft.description(), draft.price().amount(), draft.price().currency(),
                draft.stock(), category(draft.category()), draft.attributes(), draft.productImages());
        return ProductView.of(product);
    }

    public void delete(String sku) {
        em.remove(existing(sku));
    }

    public CategoryView createCategory(CategoryDraft draft) {
        if (findCategory(draft.slug()) != null) {
            throw InvalidRequestException.conflict("duplicate-slug", "a category with slug " + draft.slug() + " exists");
        }
        Category parent = draft.parent() == null ? null : category(draft.parent());
        if (parent != null && !parent.isRoot()) {
            throw new InvalidRequestException("category-too-deep",
                    "the tree has two levels: a parent must be a department (a category without a parent)");
        }
        Category category = new Category(draft.slug(), draft.name(), parent);
        em.persist(category);
        return new CategoryView(category.slug(), category.name(), List.of());
    }

    /** Only an empty leaf may go: products and subcategories would be orphaned. */
    public void deleteCategory(String slug) {
        Category category = findCategory(slug);
        if (category == null) {
            throw InvalidRequestException.notFound("not-found", "no category with slug '" + slug + "'");
        }
        long children = em.createNamedQuery(Category.CHILDREN, Long.class).setParameter("category", category).getSingleResult();
        long products = em.createNamedQuery(Category.PRODUCTS, Long.class).setParameter("category", category).getSingleResult();
        if (children + products > 0) {
            throw InvalidRequestException.conflict("category-in-use", "category " + slug + " still holds "
                    + children + " subcategories and " + products + " products");
        }
        em.remove(category);
    }

    private Category findCategory(String slug) {
        return em.createNamedQuery(Category.BY_SLUG, Category.class).setParameter("slug", slug)
                .getResultStream().findFirst().orElse(null);
    }

    private Product existing(String sku) {
        Product product = find(sku);
        if (product == null) {
            throw InvalidRequestException.notFound("not-found", "no product with SKU " + sku);
        }
        return product;
    }

    private Product find(String sku) {
        return em.createNamedQuery(Product.BY_SKU, Product.class).setParameter("sku", sku)
                .getResultStream().findFirst().orElse(null);
    }

    private Category category(String slug) {
        Category category = findCategory(slug);
        if (category == null) {
            throw new InvalidRequestException("unknown-category", "no category with slug '" + slug + "'");
        }
        return category;
    }
}
