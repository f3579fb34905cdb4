package dev.scaleshop.catalog.boundary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.scaleshop.catalog.control.CatalogCache;
import dev.scaleshop.catalog.control.Replica;
import dev.scaleshop.catalog.control.ReplicaConsistency;
import dev.scaleshop.catalog.control.ReplicaMonitor;
import dev.scaleshop.catalog.entity.Category;
import dev.scaleshop.catalog.entity.Product;
import dev.scaleshop.platform.control.Causes;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.TypedQuery;

/**
 * Read side of the catalog. Anonymous reads come from the cluster-wide cache, else from a replica in
 * rotation (round-robin; an entity manager of the read-only unit {@code scaleshop-replica} bound to
 * that replica's pool). A read carrying a consistency token skips the cache and uses a replica that
 * has replayed the token's write, otherwise the primary (unit {@code scaleshop-primary}). While
 * {@link ReplicaMonitor} has no replica in rotation (dead, or lagging too far), every read goes to the
 * primary.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Catalog {

    @PersistenceUnit(unitName = "scaleshop-replica")
    EntityManagerFactory replicaUnit;

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager primary;

    @Inject
    CatalogCache cache;

    @EJB
    ReplicaMonitor replicas;

    public Optional<ProductView> productBySku(String sku) {
        return cache.product(sku, () -> read(replicas.forRead(), em -> findBySku(em, sku)));
    }

    /** @param token a consistency token from a write, or null for an anonymous read */
    public Optional<ProductView> productBySku(String sku, String token) {
        return readYourWrites(token, () -> productBySku(sku), em -> findBySku(em, sku));
    }

    /** A page of a search; served from the cluster cache when the same search was answered recently. */
    public ProductPage products(ProductQuery query) {
        return cache.listing(query.cacheKey(), () -> read(replicas.forRead(), em -> list(em, query)));
    }

    public ProductPage products(ProductQuery query, String token) {
        return readYourWrites(token, () -> products(query), em -> list(em, query));
    }

    /** Every category, as a tree of departments and their subcategories. */
    public CategoryTree categories() {
        return cache.categories(() -> read(replicas.forRead(), Catalog::categoryTree));
    }

    /** @param token a consistency token from a write, or null for an anonymous read */
    public CategoryTree categories(String token) {
        return readYourWrites(token, this::categories, Catalog::categoryTree);
    }

    private static CategoryTree categoryTree(EntityManager em) {
        return new CategoryTree(CategoryView.tree(em.createNamedQuery(Category.ALL, Category.class).getResultList()));
    }

    /**
     * Without a token, the anonymous read (cache, any replica); with one, a read that skips the cache and
     * runs on a replica that has replayed the token's write, else on the primary.
     */
    private <T> T readYourWrites(String token, Supplier<T> anonymous, Function<EntityManager, T> query) {
        String valid = ReplicaConsistency.validToken(token);
        return valid == null ? anonymous.get() : read(replicas.caughtUpWith(valid), query);
    }

    /**
     * A read on the given replica, or on the primary when there is none; if the replica fails under
     * the read (killed, restarting), it leaves rotation at once and the primary answers this read.
     */
    private <T> T read(Optional<Replica> replica, Function<EntityManager, T> query) {
        if (replica.isEmpty()) {
            return query.apply(primary);
        }
        EntityManager em = null;
        try {
            em = replicaUnit.createEntityManager(replica.get().entityManagerProperties()); // connects at once
            return query.apply(em);
        } catch (PersistenceException e) {
            if (Causes.sqlExceptions(e).findAny().isEmpty()) {
                throw e; // a mapping or query bug fails on the primary too: do not blame the replica
            }
            replicas.reportFailure(replica.get(), e);
            return query.apply(primary);
        } finally {
            if (em != null) {
                em.close();
            }
        }
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
}
