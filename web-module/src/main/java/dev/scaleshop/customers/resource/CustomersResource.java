package dev.scaleshop.customers.resource;

import java.net.URI;
import java.util.UUID;

import dev.scaleshop.customers.boundary.CustomerDraft;
import dev.scaleshop.customers.boundary.CustomerView;
import dev.scaleshop.customers.boundary.Customers;
import dev.scaleshop.identity.boundary.Caller;
import dev.scaleshop.identity.boundary.Identity;
import dev.scaleshop.identity.boundary.Registration;
import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Registration (public) and profiles (the customer themself, or an admin). */
@Path("customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomersResource {

    @EJB
    Identity identity;

    @EJB
    Customers customers;

    @Inject
    JsonWebToken jwt;

    @Context
    SecurityContext security;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@NotNull @Valid Registration registration) {
        CustomerView customer = identity.register(registration);
        return Response.created(URI.create("/api/v1/customers/" + customer.id())).entity(customer).build();
    }

    @GET
    @Path("me")
    @RolesAllowed({Role.CUSTOMER, Role.ADMIN})
    public CustomerView me() {
        Caller caller = caller();
        return customers.find(caller.id(), caller);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.CUSTOMER, Role.ADMIN})
    public CustomerView customer(@PathParam("id") String id) {
        return customers.find(customerId(id), caller());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Role.CUSTOMER, Role.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public CustomerView update(@PathParam("id") String id, @NotNull @Valid CustomerDraft draft) {
        return customers.update(customerId(id), draft, caller());
    }

    private Caller caller() {
        return new Caller(UUID.fromString(jwt.getSubject()), security.isUserInRole(Role.ADMIN));
    }

    private static UUID customerId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.notFound("not-found", "no customer " + id);
        }
    }
}
