package dev.scaleshop.orders.resource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.orders.boundary.OrderReports;
import dev.scaleshop.orders.entity.OrderStatus;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Cross-shard questions for administrators. Both answer 200 with {@code complete} and
 * {@code missingShards}: when a shard is down the result covers the others and says which is missing.
 * Dates are UTC days: {@code from} inclusive, {@code to} exclusive (default: the last 30 days).
 */
@Path("admin")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class OrderReportsResource {

    @EJB
    OrderReports reports;

    /** Orders of every customer, newest first, optionally of one status. */
    @GET
    @Path("orders")
    public Response orders(@QueryParam("status") String status, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        OrderReports.Partial<java.util.List<dev.scaleshop.orders.boundary.OrderView>> page =
                reports.orders(status(status), from(from, to), to(to), limit);
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        page.result().forEach(order -> items.add(order.toJson()));
        return answer(Jsons.createObjectBuilder().add("items", items).add("limit", limit), page.missingShards());
    }

    /** Paid sales per day and currency, summed over every shard. */
    @GET
    @Path("sales")
    public Response sales(@QueryParam("from") String from, @QueryParam("to") String to) {
        OrderReports.Partial<java.util.List<OrderReports.DailySales>> sales = reports.dailySales(from(from, to), to(to));
        JsonArrayBuilder days = Jsons.createArrayBuilder();
        sales.result().forEach(day -> days.add(Jsons.createObjectBuilder().add("day", day.day().toString())
                .add("currency", day.currency()).add("orders", day.orders()).add("total", day.total())));
        return answer(Jsons.createObjectBuilder().add("days", days), sales.missingShards());
    }

    private static Response answer(JsonObjectBuilder body, java.util.List<Integer> missing) {
        JsonArrayBuilder missingShards = Jsons.createArrayBuilder();
        missing.forEach(missingShards::add);
        return Response.ok(body.add("complete", missing.isEmpty()).add("missingShards", missingShards).build().toString())
                .header("Cache-Control", "private, no-store").build();
    }

    private static OrderStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid-status", "status is one of " + Arrays.toString(OrderStatus.values()));
        }
    }

    private static Instant to(String to) {
        return to == null ? LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) : day(to, "to");
    }

    private static Instant from(String from, String to) {
        Instant end = to(to);
        Instant start = from == null ? end.minus(java.time.Duration.ofDays(30)) : day(from, "from");
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("invalid-range", "from must be before to");
        }
        return start;
    }

    private static Instant day(String value, String name) {
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid-date", name + " is a date like 2026-11-28");
        }
    }
}
