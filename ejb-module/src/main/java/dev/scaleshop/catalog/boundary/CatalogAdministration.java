package dev.scaleshop.catalog.boundary;

import java.util.logging.Logger;

import dev.scaleshop.catalog.control.CatalogCache;
import dev.scaleshop.catalog.control.ReplicaConsistency;
import dev.scaleshop.identity.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Catalog writes for administrators. Each write commits first (in {@link CatalogStore}); only then
 * is the primary's WAL position read as the writer's consistency token and the cluster-wide cache
 * evicted — so neither a cache nor a lagging replica can hide a committed write from its author.
 */
@Stateless
@RolesAllowed(CatalogAdministration.ROLE)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CatalogAdministration {

    /** Catalog writes are an administrator's job. */
    public static final String ROLE = Role.ADMIN;
    private static final Logger LOG = Logger.getLogger(CatalogAdministration.class.getName());

    @EJB
    CatalogStore store;

    @Inject
    CatalogCache cache;

    @Inject
    ReplicaConsistency consistency;

    public CatalogWrite create(ProductDraft draft) {
        return committed("created", store.create(draft));
    }

    public CatalogWrite replace(String sku, ProductDraft draft) {
        return committed("replaced", store.replace(sku, draft));
    }

    public String delete(String sku) {
        store.delete(sku);
        return afterCommit("deleted", sku);
    }

    /** The new category and the writer's consistency token. */
    public CategoryWrite createCategory(CategoryDraft draft) {
        CategoryView category = store.createCategory(draft);
        return new CategoryWrite(category, categoriesChanged("created", category.slug()));
    }

    public String deleteCategory(String slug) {
        store.deleteCategory(slug);
        return categoriesChanged("deleted", slug);
    }

    private String categoriesChanged(String what, String slug) {
        String token = consistency.primaryPosition();
        cache.evictCategoriesAfterWrite(token);
        LOG.info(() -> "SCALESHOP-CATALOG-002 category " + slug + " " + what + " at " + token);
        return token;
    }

    private CatalogWrite committed(String what, ProductView product) {
        return new CatalogWrite(product, afterCommit(what, product.sku()));
    }

    private String afterCommit(String what, String sku) {
        String token = consistency.primaryPosition();
        cache.evictAfterWrite(sku, token);
        LOG.info(() -> "SCALESHOP-CATALOG-001 product " + sku + " " + what + " at " + token);
        return token;
    }
}
