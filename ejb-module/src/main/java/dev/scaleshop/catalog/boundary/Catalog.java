package dev.scaleshop.catalog.boundary;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.scaleshop.catalog.control.CatalogCache;
import dev.scaleshop.catalog.control.ReplicaConsistency;
import dev.scaleshop.catalog.control.ReplicaMonitor;
import dev.scaleshop.catalog.entity.Category;
import dev.scaleshop.catalog.entity.Product;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/**
 * Read side of the catalog. Anonymous reads come from the cluster-wide cache, else from the replica
 * (no JTA transaction: EclipseLink then uses the non-JTA data source, the replica). A read carrying a
 * consistency token skips the cache and uses the replica only once it has replayed the token's write,
 * otherwise the primary (persistence unit {@code scaleshop-primary}). While {@link ReplicaMonitor} has the
 * replica out of rotation (dead, or lagging too far), every read goes to the primary.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Catalog {

    @PersistenceContext(unitName = "scaleshop")
    EntityManager em;

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager primary;

    @Inject
    CatalogCache cache;

    @Inject
    ReplicaConsistency consistency;

    @EJB
    ReplicaMonitor replicaMonitor;


    public Optional<ProductView> productBySku(String sku) {
        return cache.product(sku, () -> fromReplica(() -> findBySku(sku), () -> productBySkuOnPrimary(sku)));
    }

    /** @param token a consistency token from a write, or null for an anonymous read */
    public Optional<ProductView> productBySku(String sku, String token) {
        String valid = ReplicaConsistency.validToken(token);
        if (valid == null) {
            return productBySku(sku);
        }
        return replicaHasReached(valid)
                ? fromReplica(() -> findBySku(sku), () -> productBySkuOnPrimary(sku))
                : productBySkuOnPrimary(sku);
    }

    public ProductPage products(Optional<String> categorySlug, PageRequest page) {
        String key = categorySlug.orElse("*") + "|" + page.page() + "|" + page.size();
        return cache.listing(key, () -> fromReplica(() -> list(categorySlug, page),
                () -> productsOnPrimary(categorySlug, page)));
    }

    public ProductPage products(Optional<String> categorySlug, PageRequest page, String token) {
        String valid = ReplicaConsistency.validToken(token);
        if (valid == null) {
            return products(categorySlug, page);
        }
        return replicaHasReached(valid)
                ? fromReplica(() -> list(categorySlug, page), () -> productsOnPrimary(categorySlug, page))
                : productsOnPrimary(categorySlug, page);
    }

    private Optional<ProductView> productBySkuOnPrimary(String sku) {
        return findBySku(primary, sku);
    }

    private ProductPage productsOnPrimary(Optional<String> categorySlug, PageRequest page) {
        return list(primary, categorySlug, page);
    }

    private Optional<ProductView> findBySku(String sku) {
        return findBySku(em, sku);
    }

    private ProductPage list(Optional<String> categorySlug, PageRequest page) {
        return list(em, categorySlug, page);
    }

    private static Optional<ProductView> findBySku(EntityManager em, String sku) {
        return em.createNamedQuery(Product.BY_SKU, Product.class)
                .setParameter("sku", sku)
                .getResultStream()
                .findFirst()
                .map(ProductView::of);
    }

    private static ProductPage list(EntityManager em, Optional<String> categorySlug, PageRequest page) {
        if (categorySlug.isEmpty()) {
            List<Product> items = em.createNamedQuery(Product.ALL, Product.class)
                    .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
            long total = em.createNamedQuery(Product.COUNT_ALL, Long.class).getSingleResult();
            return new ProductPage(items.stream().map(ProductView::of).toList(), page, total);
        }
        Category category = categoryBySlug(em, categorySlug.get());
        List<Product> items = em.createNamedQuery(Product.IN_CATEGORY, Product.class)
                .setParameter("category", category)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        long total = em.createNamedQuery(Product.COUNT_IN_CATEGORY, Long.class)
                .setParameter("category", category).getSingleResult();
        return new ProductPage(items.stream().map(ProductView::of).toList(), page, total);
    }

    private static Category categoryBySlug(EntityManager em, String slug) {
        return em.createNamedQuery(Category.BY_SLUG, Category.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("unknown-category",
                        "no category with slug '" + slug + "'"));
    }

    private boolean replicaHasReached(String token) {
        return replicaMonitor.inRotation() && consistency.replicaReached(token);
    }

    /**
     * A read on the replica while the monitor has it in rotation; if the replica fails under the read
     * (killed, restarting), it leaves rotation at once and this read is answered by the primary.
     */
    private <T> T fromReplica(Supplier<T> replicaRead, Supplier<T> primaryRead) {
        if (!replicaMonitor.inRotation()) {
            return primaryRead.get();
        }
        try {
            return replicaRead.get();
        } catch (PersistenceException e) {
            replicaMonitor.reportFailure(e);
            return primaryRead.get();
        }
    }

}
