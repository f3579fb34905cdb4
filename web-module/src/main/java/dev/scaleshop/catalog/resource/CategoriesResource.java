package dev.scaleshop.catalog.resource;

import dev.scaleshop.catalog.boundary.Catalog;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** The category tree: public, cached like other catalog reads, with a link from each node to its products. */
@Path("categories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CategoriesResource {

    @EJB
    Catalog catalog;

    @Context
    Request request;

    @Inject
    HttpCaching caching;

    @GET
    public Response tree() {
        var tree = new CategoryRepresentation.Tree(catalog.categories().roots().stream()
                .map(CategoryRepresentation::of).toList());
        return caching.conditional(request, tree, false);
    }

    @GET
    @Path("{slug}")
    public Response category(@PathParam("slug") String slug) {
        CategoryRepresentation category = catalog.categories().find(slug).map(CategoryRepresentation::of)
                .orElseThrow(() -> new NotFoundException("no category with slug '" + slug + "'"));
        return caching.conditional(request, category, false);
    }
}
