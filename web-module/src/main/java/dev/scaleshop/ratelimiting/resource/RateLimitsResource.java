package dev.scaleshop.ratelimiting.resource;

import java.util.List;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.ratelimiting.control.Policies;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Rate-limit policies at run time, for administrators: a change is stored in the grid and applies on
 * every instance from its next request, to new and existing buckets alike; DELETE returns a policy to
 * its configured values.
 */
@Path("admin/rate-limits")
@RequestScoped
@RolesAllowed(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RateLimitsResource {

    @Inject
    Policies policies;

    public record PolicyView(String name, String algorithm, String keyedBy, long quota, long windowSeconds, long generation) {
        static PolicyView of(RateLimitPolicy policy) {
            return new PolicyView(policy.name(), policy.algorithm().name().toLowerCase().replace('_', '-'),
                    policy.keyedBy().name().toLowerCase(), policy.quota(), policy.windowSeconds(), policy.generation());
        }
    }

    public record PolicyChange(@NotNull @Min(1) @Max(1_000_000_000) Long quota,
                               @NotNull @Min(1) @Max(86_400) Long windowSeconds) {
    }

    @GET
    public List<PolicyView> all() {
        return Policies.NAMES.stream().map(policies::policy).map(PolicyView::of).toList();
    }

    @PUT
    @Path("{policy}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PolicyView change(@PathParam("policy") String name, @NotNull @Valid PolicyChange change) {
        return policies.override(name, change.quota(), change.windowSeconds()).map(PolicyView::of)
                .orElseThrow(() -> unknown(name));
    }

    @DELETE
    @Path("{policy}")
    public PolicyView reset(@PathParam("policy") String name) {
        return policies.reset(name).map(PolicyView::of).orElseThrow(() -> unknown(name));
    }

    private static InvalidRequestException unknown(String name) {
        return InvalidRequestException.notFound("not-found", "no rate-limit policy '" + name + "'; policies: " + Policies.NAMES);
    }
}
