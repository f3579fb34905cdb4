package dev.scaleshop.identity.resource;

import java.net.URI;
import java.util.Map;

import dev.scaleshop.identity.boundary.AccountDraft;
import dev.scaleshop.identity.boundary.Identity;
import dev.scaleshop.identity.entity.Account;
import dev.scaleshop.identity.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Accounts that cannot register themselves: partners and administrators, created by an administrator. */
@Path("accounts")
@RequestScoped
public class AccountsResource {

    @EJB
    Identity identity;

    @POST
    @RolesAllowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid AccountDraft draft) {
        Account account = identity.createAccount(draft.email(), draft.password(), draft.roles());
        return Response.created(URI.create("/api/v1/accounts/" + account.id()))
                .entity(Map.of("id", account.id().toString(), "email", account.email(),
                        "roles", account.roles().stream().sorted().toList()))
                .build();
    }
}
