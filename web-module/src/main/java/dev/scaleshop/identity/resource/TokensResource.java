package dev.scaleshop.identity.resource;


import dev.scaleshop.api.client.ClientAddress;
import dev.scaleshop.identity.boundary.Identity;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Login: access tokens (RS256 JWT, minutes) and rotating refresh tokens (days). Answers are never
 * cached (RFC 6749 section 5.1). Wrong credentials are 401 {@code invalid-credentials}; too many
 * failures for an account or from an address are 429 {@code login-throttled} with Retry-After.
 */
@Path("auth/token")
@RequestScoped
public class TokensResource {

    @EJB
    Identity identity;

    @Context
    HttpServletRequest request;

    @Inject
    ClientAddress clientAddress;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@NotNull @Valid TokenRequest token) {
        var tokens = switch (token.grantType()) {
            case "password" -> {
                if (token.email() == null || token.password() == null) {
                    throw new InvalidRequestException("invalid-request", "the password grant needs email and password");
                }
                yield identity.login(token.email(), token.password(), clientAddress.of(request));
            }
            default -> identity.refresh(token.refreshToken());
        };
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(TokenResponse.of(tokens)).cacheControl(noStore).header("Pragma", "no-cache").build();
    }
}
