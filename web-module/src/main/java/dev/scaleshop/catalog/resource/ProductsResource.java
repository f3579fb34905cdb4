package dev.scaleshop.catalog.resource;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.scaleshop.catalog.boundary.Catalog;
import dev.scaleshop.catalog.boundary.PageRequest;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Public, read-only catalog: served from the replica. */
@Path("products")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,64}");

    @EJB
    Catalog catalog;

    @GET
    @Path("{sku}")
    public ProductRepresentation product(@PathParam("sku") String sku) {
        if (!SKU.matcher(sku).matches()) {
            throw new InvalidRequestException("invalid-sku", "a SKU holds 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return catalog.productBySku(sku)
                .map(ProductRepresentation::of)
                .orElseThrow(() -> new NotFoundException("no product with SKU " + sku));
    }

    @GET
    public ProductListRepresentation products(@QueryParam("category") String category,
                                              @QueryParam("page") String page,
                                              @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        Optional<String> slug = Optional.ofNullable(category).filter(c -> !c.isBlank());
        slug.filter(s -> !SLUG.matcher(s).matches()).ifPresent(s -> {
            throw new InvalidRequestException("unknown-category", "category slugs hold 1 to 64 of [a-z0-9-]");
        });
        return ProductListRepresentation.of(catalog.products(slug, request));
    }
}
