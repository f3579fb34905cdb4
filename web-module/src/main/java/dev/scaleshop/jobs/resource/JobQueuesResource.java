package dev.scaleshop.jobs.resource;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.jobs.control.JobBacklog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The job queues as this instance last read them ({@code GET /api/v1/admin/jobs/queues}): depth, high-water
 * mark, whether submissions are accepted, and the broker's error if it did not answer.
 */
@Path("admin/jobs/queues")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class JobQueuesResource {

    @EJB
    JobBacklog backlog;

    @GET
    public JsonObject queues() {
        JobBacklog.Snapshot snapshot = backlog.snapshot();
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        backlog.states().values().forEach(state -> items.add(Jsons.createObjectBuilder().add("queue", state.queue())
                .add("depth", state.depth()).add("highWater", state.highWater()).add("accepting", state.accepting())));
        JsonObjectBuilder answer = Jsons.createObjectBuilder().add("readAt", snapshot.at().toString()).add("items", items);
        if (snapshot.error() != null) {
            answer.add("brokerError", snapshot.error());
        }
        return answer.build();
    }
}
