package dev.scaleshop.identity.filter;

import java.io.IOException;
import java.security.Principal;

import dev.scaleshop.api.problem.Problems;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses an access token that claims to come from the future: issued ({@code iat}) or valid from
 * ({@code nbf}) later than now plus the allowed clock skew. MicroProfile JWT checks the signature, issuer,
 * audience, expiry and the token's age (from {@code iat}); Payara's implementation does not look at
 * {@code nbf}, and a future {@code iat} would stretch the age check (issue 17). Mapped in web.xml after the
 * request-id filter, before the rate limiter: a refused token is charged to nobody's bucket.
 */
public class TokenTimesFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long skewSeconds;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal caller = request.getUserPrincipal();
        if (caller instanceof JsonWebToken token && fromTheFuture(token, System.currentTimeMillis() / 1000)) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            Problems.of(request, "unauthorized", 401, "the access token is not valid yet").writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean fromTheFuture(JsonWebToken token, long nowSeconds) {
        return seconds(token.getClaim(Claims.iat.name())) > nowSeconds + skewSeconds
                || seconds(token.getClaim(Claims.nbf.name())) > nowSeconds + skewSeconds;
    }

    /** A NumericDate claim as MP-JWT hands it out (a JSON number or a Long); absent: 0. */
    private static long seconds(Object claim) {
        if (claim instanceof jakarta.json.JsonNumber number) {
            return number.longValue();
        }
        return claim instanceof Number number ? number.longValue() : 0;
    }
}
