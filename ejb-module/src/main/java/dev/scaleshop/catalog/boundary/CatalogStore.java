package dev.scaleshop.catalog.boundary;

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
        return em.createNamedQuery(Category.BY_SLUG, Category.class).setParameter("slug", slug)
                .getResultStream().findFirst()
                .orElseThrow(() -> new InvalidRequestException("unknown-category", "no category with slug '" + slug + "'"));
    }
}
