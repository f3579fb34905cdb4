package dev.scaleshop.catalog.resource;

import java.net.URI;
import java.util.regex.Pattern;

import dev.scaleshop.catalog.boundary.Catalog;
import dev.scaleshop.catalog.boundary.CatalogAdministration;
import dev.scaleshop.catalog.boundary.CatalogWrite;
import dev.scaleshop.catalog.boundary.ProductDraft;
import dev.scaleshop.catalog.boundary.ProductQuery;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.identity.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * The catalog. One instance serves every request (application scoped, per-request objects as method
 * parameters): creating a request-scoped resource with its injections was 15 % of a cached read's CPU
 * samples (issue 16). Reads are public, cached at the edge and cluster-wide, and served from the replicas; writes need the
 * {@code catalog-admin} role and answer with a consistency token for reading them back.
 */
@Path("products")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @EJB
    Catalog catalog;

    @EJB
    CatalogAdministration administration;

    @Inject
    HttpCaching caching;

    @GET
    @Path("{sku}")
    public Response product(@PathParam("sku") String sku, @Context HttpServletRequest servletRequest, @Context Request request) {
        String token = ConsistencyTokens.of(servletRequest);
        ProductRepresentation product = catalog.productBySku(validSku(sku), token)
                .map(ProductRepresentation::of)
                .orElseThrow(() -> new NotFoundException("no product with SKU " + sku));
        return caching.conditional(request, product, token != null);
    }

    /** Search: text in name or description, category (with subcategories), price range, sort, page. */
    @GET
    public Response products(@QueryParam("q") String text, @QueryParam("category") String category,
                             @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice,
                             @QueryParam("sort") String sort, @QueryParam("page") String page,
                             @QueryParam("size") String size, @Context HttpServletRequest servletRequest, @Context Request request) {
        ProductQuery query = ProductQuery.parse(text, category, minPrice, maxPrice, sort, page, size);
        String token = ConsistencyTokens.of(servletRequest);
        ProductListRepresentation listing = ProductListRepresentation.of(catalog.products(query, token));
        return caching.conditional(request, listing, token != null);
    }

    @POST
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid ProductDraft draft, @Context HttpServletRequest servletRequest) {
        CatalogWrite write = administration.create(draft);
        return written(servletRequest, Response.created(URI.create("/api/v1/products/" + write.product().sku())), write);
    }

    @PUT
    @RolesAllowed(Role.ADMIN)
    @Path("{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("sku") String sku, @NotNull @Valid ProductDraft draft, @Context HttpServletRequest servletRequest) {
        return written(servletRequest, Response.ok(), administration.replace(validSku(sku), draft));
    }

    @DELETE
    @RolesAllowed(Role.ADMIN)
    @Path("{sku}")
    public Response delete(@PathParam("sku") String sku, @Context HttpServletRequest servletRequest) {
        return ConsistencyTokens.written(servletRequest, Response.noContent(), administration.delete(validSku(sku)));
    }

    private static Response written(HttpServletRequest servletRequest, Response.ResponseBuilder response, CatalogWrite write) {
        return ConsistencyTokens.written(servletRequest, response.entity(ProductRepresentation.of(write.product())),
                write.consistencyToken());
    }

    private static String validSku(String sku) {
        if (!SKU.matcher(sku).matches()) {
            throw new InvalidRequestException("invalid-sku", "a SKU holds 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return sku;
    }
}
