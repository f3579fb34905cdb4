package dev.scaleshop.jobs.resource;

import java.io.StringReader;
import java.net.URI;
import java.util.UUID;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Long-running work: submissions answer 202 with the job's location; clients poll the job. */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @EJB
    Jobs jobs;

    @Inject
    JobSubmissions submissions;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Inject
    JsonWebToken token;

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitEcho(String body) {
        String message = stringField(body, "message");
        String requestId = RequestIdFilter.requestId(request);
        Job job = submissions.submit(() -> jobs.submitEcho(message, requestId));
        return Response.accepted(JobRepresentation.of(job)).location(location(job.id())).build();
    }

    /** A job about a customer (an invoice) is theirs and administrators' to see; to anyone else it does not exist. */
    @GET
    @Path("{id}")
    public JobRepresentation job(@PathParam("id") String id) {
        return jobs.find(parseId(id))
                .filter(job -> job.ownerId() == null || security.isUserInRole(Role.ADMIN)
                        || job.ownerId().toString().equals(token.getSubject()))
                .map(JobRepresentation::of)
                .orElseThrow(() -> new NotFoundException("no job " + id));
    }

    static URI location(UUID id) {
        return URI.create("/api/v1/jobs/" + id);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no job " + id);
        }
    }

    private static String stringField(String body, String name) {
        JsonObject json;
        try (JsonReader reader = Jsons.createReader(new StringReader(body == null ? "" : body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidRequestException("malformed-json", "the body must be a JSON object");
        }
        JsonValue value = json.get(name);
        if (!(value instanceof JsonString string)) {
            throw new InvalidRequestException("invalid-job", "'" + name + "' must be a string");
        }
        return string.getString();
    }
}
