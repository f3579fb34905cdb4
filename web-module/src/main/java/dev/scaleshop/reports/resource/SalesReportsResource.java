package dev.scaleshop.reports.resource;

import java.io.StringReader;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.jobs.resource.JobSubmissions;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.reports.boundary.SalesReports;
import dev.scaleshop.reports.entity.SalesReport;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Sales reports for administrators: {@code POST /api/v1/admin/reports/sales {"from","to"}} → 202 and the
 * job; {@code GET …/{id}} the report's state and links; {@code GET …/{id}/csv} and {@code …/{id}/pdf} the
 * files once ready (409 {@code report-not-ready} before).
 */
@Path("admin/reports/sales")
@RequestScoped
@RolesAllowed(Role.ADMIN)
public class SalesReportsResource {

    @EJB
    SalesReports reports;

    @Inject
    JobSubmissions submissions;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        JsonObject json = object(body);
        LocalDate from = day(json, "from");
        LocalDate to = day(json, "to");
        String requestId = RequestIdFilter.requestId(request);
        SalesReports.Requested requested = submissions.submit(() -> reports.request(from, to, requestId));
        return Response.accepted(describe(requested.report())).location(URI.create("/api/v1/jobs/" + requested.job().id())).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject report(@PathParam("id") String id) {
        return describe(find(id));
    }

    @GET
    @Path("{id}/csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id) {
        SalesReport report = ready(id);
        return file(report.csv(), "text/csv; charset=UTF-8", report, "csv");
    }

    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") String id) {
        SalesReport report = ready(id);
        return file(report.pdf(), "application/pdf", report, "pdf");
    }

    private static Response file(byte[] data, String type, SalesReport report, String extension) {
        return Response.ok(data, type).header("Content-Disposition", "attachment; filename=\"sales-" + report.fromDay() + "-"
                + report.toDay() + "." + extension + "\"").header("Cache-Control", "private, max-age=3600").build();
    }

    private SalesReport ready(String id) {
        SalesReport report = find(id);
        if (report.status() != SalesReport.Status.READY) {
            throw InvalidRequestException.conflict("report-not-ready", "report " + id + " is still being made");
        }
        return report;
    }

    private SalesReport find(String id) {
        try {
            return reports.find(UUID.fromString(id)).orElseThrow(() -> new NotFoundException("no report " + id));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no report " + id);
        }
    }

    private static JsonObject describe(SalesReport report) {
        String base = "/api/v1/admin/reports/sales/" + report.id();
        JsonObjectBuilder json = Jsons.createObjectBuilder().add("id", report.id().toString())
                .add("from", report.fromDay().toString()).add("to", report.toDay().toString())
                .add("status", report.status().name().toLowerCase(java.util.Locale.ROOT))
                .add("job", "/api/v1/jobs/" + report.jobId()).add("createdAt", report.createdAt().toString());
        if (report.status() == SalesReport.Status.READY) {
            json.add("csv", base + "/csv").add("pdf", base + "/pdf").add("readyAt", report.readyAt().toString());
        }
        return json.build();
    }

    private static JsonObject object(String body) {
        try (JsonReader reader = Jsons.createReader(new StringReader(body == null ? "" : body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidRequestException("malformed-json", "the body must be a JSON object");
        }
    }

    private static LocalDate day(JsonObject json, String name) {
        if (!(json.get(name) instanceof JsonString value)) {
            throw new InvalidRequestException("invalid-report-period", "'" + name + "' must be a day (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.getString());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("invalid-report-period", "'" + name + "' must be a day (YYYY-MM-DD)");
        }
    }
}
