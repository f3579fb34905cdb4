package dev.scaleshop.jobs.resource;

import java.util.List;
import java.util.UUID;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.jobs.boundary.DeadLetters;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Dead-lettered job messages for administrators: {@code GET /api/v1/admin/jobs/dead-letters[?jobId=]}
 * lists them, {@code POST /api/v1/admin/jobs/dead-letters/replay[?jobId=]} moves them back to their queues.
 */
@Path("admin/jobs/dead-letters")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    @EJB
    DeadLetters deadLetters;

    @GET
    public Response list(@QueryParam("jobId") String jobId) {
        return answer("items", deadLetters.list(jobId(jobId)));
    }

    @POST
    @Path("replay")
    public Response replay(@QueryParam("jobId") String jobId) {
        return answer("replayed", deadLetters.replay(jobId(jobId)));
    }

    private static Response answer(String name, List<DeadLetters.DeadLetter> letters) {
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        for (DeadLetters.DeadLetter letter : letters) {
            JsonObjectBuilder item = Jsons.createObjectBuilder().add("messageId", letter.messageId())
                    .add("sentAt", letter.sentAt().toString());
            if (letter.jobId() != null) {
                item.add("jobId", letter.jobId());
            }
            if (letter.queue() != null) {
                item.add("queue", letter.queue());
            }
            if (letter.requestId() != null) {
                item.add("requestId", letter.requestId());
            }
            items.add(item);
        }
        return Response.ok(Jsons.createObjectBuilder().add(name, items).add("count", letters.size()).build().toString())
                .header("Cache-Control", "no-store").build();
    }

    private static UUID jobId(String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid-job-id", "jobId must be a UUID");
        }
    }
}
