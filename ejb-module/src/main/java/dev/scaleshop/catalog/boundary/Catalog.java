package dev.scaleshop.catalog.boundary;

import java.util.List;
import java.util.Optional;

import dev.scaleshop.catalog.entity.Category;
import dev.scaleshop.catalog.entity.Product;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Read side of the catalog. Runs outside JTA transactions on purpose: EclipseLink then reads through
 * the non-JTA data source, which is the streaming replica.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Catalog {

    @PersistenceContext(unitName = "scaleshop")
    EntityManager em;

    public Optional<Product> productBySku(String sku) {
        return em.createNamedQuery(Product.BY_SKU, Product.class)
                .setParameter("sku", sku)
                .getResultStream()
                .findFirst();
    }

    /** Products ordered by SKU; with a category, those in it or in its direct children. */
    public ProductPage products(Optional<String> categorySlug, PageRequest page) {
        if (categorySlug.isEmpty()) {
            List<Product> items = em.createNamedQuery(Product.ALL, Product.class)
                    .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
            long total = em.createNamedQuery(Product.COUNT_ALL, Long.class).getSingleResult();
            return new ProductPage(items, page, total);
        }
        Category category = categoryBySlug(categorySlug.get());
        List<Product> items = em.createNamedQuery(Product.IN_CATEGORY, Product.class)
                .setParameter("category", category)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        long total = em.createNamedQuery(Product.COUNT_IN_CATEGORY, Long.class)
                .setParameter("category", category).getSingleResult();
        return new ProductPage(items, page, total);
    }

    private Category categoryBySlug(String slug) {
        return em.createNamedQuery(Category.BY_SLUG, Category.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("unknown-category",
                        "no category with slug '" + slug + "'"));
    }
}
