package dev.scaleshop.catalog.boundary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import jakarta.persistence.TypedQuery;

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

    /** A page of a search; served from the cluster cache when the same search was answered recently. */
    public ProductPage products(ProductQuery query) {
        return cache.listing(query.cacheKey(), () -> fromReplica(() -> list(em, query), () -> list(primary, query)));
    }

    public ProductPage products(ProductQuery query, String token) {
        String valid = ReplicaConsistency.validToken(token);
        if (valid == null) {
            return products(query);
        }
        return replicaHasReached(valid)
                ? fromReplica(() -> list(em, query), () -> list(primary, query))
                : list(primary, query);
    }

    private Optional<ProductView> productBySkuOnPrimary(String sku) {
        return findBySku(primary, sku);
    }

    private Optional<ProductView> findBySku(String sku) {
        return findBySku(em, sku);
    }

    private static Optional<ProductView> findBySku(EntityManager em, String sku) {
        return em.createNamedQuery(Product.BY_SKU, Product.class)
                .setParameter("sku", sku)
                .getResultStream()
                .findFirst()
                .map(ProductView::of);
    }

    private static ProductPage list(EntityManager em, ProductQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        query.category().ifPresent(slug -> {
            where.append(" AND (c = :category OR c.parent = :category)");
            parameters.put("category", categoryBySlug(em, slug));
        });
        query.likePattern().ifPresent(pattern -> {
            where.append(" AND (LOWER(p.name) LIKE :text ESCAPE '\\' OR LOWER(p.description) LIKE :text ESCAPE '\\')");
            parameters.put("text", pattern);
        });
        query.minPrice().ifPresent(min -> {
            where.append(" AND p.priceAmount >= :minPrice");
            parameters.put("minPrice", min);
        });
        query.maxPrice().ifPresent(max -> {
            where.append(" AND p.priceAmount <= :maxPrice");
            parameters.put("maxPrice", max);
        });
        // fixed fragments and whitelisted sort paths only: parameters carry every client value
        TypedQuery<Product> items = em.createQuery("SELECT p FROM Product p JOIN FETCH p.category c" + where
                + " ORDER BY " + query.order().jpql(), Product.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) FROM Product p JOIN p.category c" + where, Long.class);
        parameters.forEach((name, value) -> {
            items.setParameter(name, value);
            count.setParameter(name, value);
        });
        PageRequest page = query.page();
        List<ProductView> views = items.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList()
                .stream().map(ProductView::of).toList();
        return new ProductPage(views, page, count.getSingleResult());
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
