package dev.scaleshop.cart.resource;

import java.util.regex.Pattern;

import dev.scaleshop.cart.boundary.CartView;
import dev.scaleshop.cart.boundary.Carts;
import dev.scaleshop.cart.entity.CartContents;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The cart of whoever holds the session cookie (anonymous) or the bearer token (a customer), priced
 * from the catalog on every answer. Answers are private and never stored by caches.
 */
@Path("cart")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @EJB
    Carts carts;

    @Context
    HttpServletRequest request;

    @GET
    public Response cart() {
        return priced(SessionCarts.read(request));
    }

    /** Adds a product (quantities of the same SKU add up, at most 99). */
    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@NotNull @Valid CartItem item) {
        carts.requireProduct(item.sku());
        return priced(SessionCarts.change(request, cart -> cart.add(item.sku(), item.quantity())));
    }

    /** Replaces the whole cart. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@NotNull @Valid CartReplacement replacement) {
        replacement.items().forEach(item -> carts.requireProduct(item.sku()));
        return priced(SessionCarts.change(request, cart -> {
            cart.clear();
            replacement.items().forEach(item -> cart.set(item.sku(), item.quantity()));
        }));
    }

    @DELETE
    @Path("items/{sku}")
    public Response remove(@PathParam("sku") String sku) {
        if (!SKU.matcher(sku).matches()) {
            throw new InvalidRequestException("invalid-sku", "a SKU holds 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return priced(SessionCarts.change(request, cart -> cart.remove(sku)));
    }

    @DELETE
    public Response empty() {
        SessionCarts.change(request, CartContents::clear);
        return Response.noContent().cacheControl(noStore()).build();
    }

    private Response priced(CartContents cart) {
        CartView view = carts.price(cart);
        return Response.ok(view).cacheControl(noStore()).build();
    }

    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setPrivate(true);
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
