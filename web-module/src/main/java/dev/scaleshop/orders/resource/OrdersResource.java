package dev.scaleshop.orders.resource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.scaleshop.cart.entity.CartContents;
import dev.scaleshop.cart.resource.CartItem;
import dev.scaleshop.cart.resource.SessionCarts;
import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.orders.boundary.OrderView;
import dev.scaleshop.invoices.boundary.Invoices;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.orders.boundary.Orders;
import dev.scaleshop.orders.entity.OrderStatus;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Orders. {@code POST /orders} turns the caller's session cart — or the lines in the body — into an
 * order on the customer's shard and has its total authorized by the payment provider; it needs an {@code Idempotency-Key} header: a replay with the same key
 * returns the first answer (same status and body, plus {@code Idempotent-Replayed: true}); the same key
 * with another body is 422. Only successful checkouts are remembered: after a refusal (out of stock,
 * unknown product) the key may be used again.
 */
@Path("orders")
@ApplicationScoped // one instance: a request-scoped resource was built and injected per request (2 % of a checkout)
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    /** Visible ASCII, as the IETF idempotency-key draft's examples and common practice use. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    @EJB
    Orders orders;

    @EJB
    Invoices invoices;

    @Inject
    Checkouts checkouts;

    /** The body: explicit lines (enterprise clients), or none to order the session cart. */
    public record OrderRequest(@Valid @Size(min = 1, max = CartContents.MAX_LINES) List<@NotNull @Valid CartItem> lines) {
    }

    @POST
    @RolesAllowed(Role.CUSTOMER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@HeaderParam("Idempotency-Key") String key, @Valid OrderRequest body,
                          @Context HttpServletRequest request, @Context SecurityContext security) {
        if (key == null || key.isEmpty()) {
            throw new InvalidRequestException("idempotency-key-required",
                    "POST /orders needs an Idempotency-Key header (a unique value per order, e.g. a UUID)");
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidRequestException("invalid-idempotency-key", "an Idempotency-Key holds 1 to 255 visible ASCII characters");
        }
        boolean fromCart = body == null || body.lines() == null;
        Map<String, Integer> lines = new TreeMap<>();
        if (fromCart) {
            lines.putAll(SessionCarts.read(request).lines());
        } else {
            body.lines().forEach(line -> lines.merge(line.sku(), line.quantity(), Integer::sum));
        }
        Orders.Outcome outcome = checkouts.place(customerId(security), key,
                fromCart ? Checkouts.fingerprint("cart") : Checkouts.linesFingerprint(lines), lines,
                RequestIdFilter.requestId(request));
        String answer = outcome.body();
        if (fromCart && !outcome.replayed()) {
            SessionCarts.change(request, CartContents::clear);
        }
        Response.ResponseBuilder response = Response.status(outcome.status()).type(MediaType.APPLICATION_JSON)
                .entity(answer).location(URI.create("/api/v1/orders/" + outcome.orderId()))
                .header("Cache-Control", "no-store");
        return (outcome.replayed() ? response.header("Idempotent-Replayed", "true") : response).build();
    }

    /** The caller's orders, newest first (without lines; {@code GET /orders/{id}} has them). */
    @GET
    @RolesAllowed(Role.CUSTOMER)
    public Response mine(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                         @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(10_000) int offset,
                         @Context SecurityContext security) {
        List<OrderView> page = orders.ofCustomer(customerId(security), limit, offset);
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        page.forEach(order -> items.add(order.toJson()));
        return Response.ok(Jsons.createObjectBuilder().add("items", items).add("limit", limit).add("offset", offset).build()
                .toString()).header("Cache-Control", "private, no-store").build();
    }

    /** One order: its customer's, or any for an administrator; anyone else's id is 404 like an unknown one. */
    @GET
    @Path("{id}")
    @RolesAllowed({Role.CUSTOMER, Role.ADMIN})
    public Response one(@PathParam("id") String id, @Context SecurityContext security) {
        UUID orderId = parse(id);
        return (security.isUserInRole(Role.ADMIN) ? orders.anyOrder(orderId) : orders.order(customerId(security), orderId))
                .map(order -> Response.ok(order.toJson().toString()).header("Cache-Control", "private, no-store").build())
                .orElseThrow(() -> new NotFoundException("no order " + id));
    }

    /**
     * The order's invoice: 200 {@code application/pdf} once rendered; 202 + {@code Retry-After} (and the
     * job's {@code Location}) while the worker is on it; 409 {@code no-invoice} for an order that is not
     * paid (no invoice will come); 404 as for the order itself.
     */
    @GET
    @Path("{id}/invoice")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.CUSTOMER, Role.ADMIN})
    public Response invoice(@PathParam("id") String id, @Context HttpServletRequest request,
                            @Context SecurityContext security) {
        UUID orderId = parse(id);
        OrderView order = (security.isUserInRole(Role.ADMIN) ? orders.anyOrder(orderId) : orders.order(customerId(security), orderId))
                .orElseThrow(() -> new NotFoundException("no order " + id));
        return invoices.find(order.customerId(), orderId)
                .map(invoice -> Response.ok(invoice.pdf(), "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"" + invoice.number() + ".pdf\"")
                        .header("Cache-Control", "private, max-age=86400, immutable").build())
                .orElseGet(() -> pendingInvoice(order, request));
    }

    private Response pendingInvoice(OrderView order, HttpServletRequest request) {
        if (!OrderStatus.PAID.name().equals(order.status())) {
            throw InvalidRequestException.conflict("no-invoice", "order " + order.id() + " is " + order.status()
                    + ": invoices are issued for paid orders");
        }
        // normally the relay offers the job within a second of payment (carrying the checkout's request id);
        // a paid order with neither job nor waiting event (paid before invoices existed) gets it offered now
        Optional<Job> job = invoices.job(order.id())
                .or(() -> invoices.requestPending(order.customerId(), order.id()) ? Optional.empty() : Optional.of(offerInvoice(order, request)));
        Response.ResponseBuilder accepted = Response.accepted().type(MediaType.APPLICATION_JSON).header("Retry-After", "1")
                .header("Cache-Control", "no-store");
        job.ifPresent(j -> accepted.location(URI.create("/api/v1/jobs/" + j.id())));
        return accepted.entity(job.map(j -> Jsons.createObjectBuilder().add("status", "pending").add("job", j.id().toString()))
                .orElseGet(() -> Jsons.createObjectBuilder().add("status", "pending")).build().toString()).build();
    }

    private Job offerInvoice(OrderView order, HttpServletRequest request) {
        try {
            return invoices.requested(order.customerId(), order.id(), RequestIdFilter.requestId(request));
        } catch (EJBException raced) { // the relay offered it at the same moment: the unique dedup key kept one
            return invoices.job(order.id()).orElseThrow(() -> raced);
        }
    }

    /**
     * The caller's customer id: the token's subject. Read from the authenticated principal (the verified
     * token itself, as the rate limiter reads it), not an injected {@code JsonWebToken}: that proxy looked
     * the token up through CDI on every call (2 % of a checkout's CPU samples, issue 16).
     */
    private static UUID customerId(SecurityContext security) {
        if (security.getUserPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return UUID.fromString(token.getSubject());
        }
        throw new IllegalStateException("a customer route was reached without a bearer token");
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no order " + id);
        }
    }
}
