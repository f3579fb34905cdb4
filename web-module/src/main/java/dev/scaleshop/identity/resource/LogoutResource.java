package dev.scaleshop.identity.resource;

import dev.scaleshop.identity.boundary.Identity;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Logout: the presented refresh token's family — that login and every rotation of it — is revoked. 204
 * whether or not the token was known, so the answer tells nothing about tokens (as RFC 7009's revocation
 * endpoint). Access tokens already issued run out on their own (15 minutes).
 */
@Path("auth/logout")
@ApplicationScoped
public class LogoutResource {

    /** The refresh token to revoke with its family. */
    public record LogoutRequest(@JsonbProperty("refresh_token") @NotNull @Size(max = 100) String refreshToken) {

        @Override
        public String toString() {
            return "LogoutRequest[refreshToken=…]";
        }
    }

    @EJB
    Identity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response logout(@NotNull @Valid LogoutRequest logout) {
        identity.logout(logout.refreshToken());
        return Response.noContent().build();
    }
}
