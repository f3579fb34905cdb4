package dev.scaleshop.catalog.resource;

import java.net.URI;

import dev.scaleshop.catalog.boundary.Catalog;
import dev.scaleshop.catalog.boundary.CatalogAdministration;
import dev.scaleshop.catalog.boundary.CategoryDraft;
import dev.scaleshop.catalog.boundary.CategoryWrite;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * The category tree: public reads, cached like other catalog reads, with a link from each node to its
 * products; administrators add departments and subcategories and delete empty ones.
 */
@Path("categories")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CategoriesResource {

    @EJB
    Catalog catalog;

    @EJB
    CatalogAdministration administration;

    @Inject
    HttpCaching caching;

    @GET
    public Response tree(@Context HttpServletRequest servletRequest, @Context Request request) {
        String token = ConsistencyTokens.of(servletRequest);
        var tree = new CategoryRepresentation.Tree(catalog.categories(token).roots().stream()
                .map(CategoryRepresentation::of).toList());
        return caching.conditional(request, tree, token != null);
    }

    @GET
    @Path("{slug}")
    public Response category(@PathParam("slug") String slug, @Context HttpServletRequest servletRequest, @Context Request request) {
        String token = ConsistencyTokens.of(servletRequest);
        CategoryRepresentation category = catalog.categories(token).find(slug).map(CategoryRepresentation::of)
                .orElseThrow(() -> new NotFoundException("no category with slug '" + slug + "'"));
        return caching.conditional(request, category, token != null);
    }

    @POST
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid CategoryDraft draft, @Context HttpServletRequest servletRequest) {
        CategoryWrite write = administration.createCategory(draft);
        return ConsistencyTokens.written(servletRequest,
                Response.created(URI.create("/api/v1/categories/" + write.category().slug()))
                        .entity(CategoryRepresentation.of(write.category())),
                write.consistencyToken());
    }

    @DELETE
    @RolesAllowed(Role.ADMIN)
    @Path("{slug}")
    public Response delete(@PathParam("slug") String slug, @Context HttpServletRequest servletRequest) {
        return ConsistencyTokens.written(servletRequest, Response.noContent(), administration.deleteCategory(slug));
    }
}
