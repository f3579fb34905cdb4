package dev.scaleshop.ratelimiting.filter;

import java.io.IOException;
import java.security.Principal;
import java.util.OptionalInt;
import java.util.logging.Logger;

import dev.scaleshop.api.client.ClientAddress;
import dev.scaleshop.api.problem.Problems;
import dev.scaleshop.ratelimiting.control.Policies;
import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.partner.filter.PartnerAuthenticationFilter;
import dev.scaleshop.partner.soap.PartnerFaults;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy.KeyedBy;
import dev.scaleshop.ratelimiting.control.RateLimiter;
import dev.scaleshop.ratelimiting.control.RoutePath;
import dev.scaleshop.ratelimiting.control.Switches;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Chooses the policy and the bucket key for each API request and admits or refuses it (429 +
 * Retry-After + problem+json {@code rate-limited}). Mapped in web.xml after the request-id filter.
 * The policy: the route's own if it has one ({@code scaleshop.ratelimit.routes}, matched against the path as
 * JAX-RS resolves it, see {@link RoutePath}: login and
 * registration, job submissions), else {@code partner} for a partner on the SOAP service ({@code /soap/*},
 * HTTP Basic, see {@link PartnerAuthenticationFilter}; refusals there are SOAP faults) or a token with
 * the partner role, else the tier
 * the token's {@code plan} claim names, else {@code anonymous}. The key: the client address
 * (X-Forwarded-For only from trusted proxies) for policies keyed by client and for anonymous callers,
 * the token's subject (the account or partner id) otherwise. Health, metrics and OpenAPI are not
 * limited. When the grid cannot answer, this instance decides alone (see {@link RateLimiter}).
 */
public class RateLimitFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class.getName());

    @Inject
    RateLimiter limiter;

    @Inject
    Policies policies;

    @Inject
    Switches switches;

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean soap = request.getRequestURI().startsWith("/soap/");
        if (!(soap || request.getRequestURI().startsWith("/api/")) || !switches.enabled()) {
            chain.doFilter(request, response);
            return;
        }
        String client = clientAddress.of(request);
        Principal caller = request.getUserPrincipal();
        JsonWebToken token = caller instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt : null;
        Object soapPartner = request.getAttribute(PartnerAuthenticationFilter.PARTNER); // HTTP Basic on /soap/*
        String subject = soapPartner != null ? soapPartner.toString() : token != null ? token.getSubject() : null;
        RateLimitPolicy policy = policies.route(request.getMethod(), RoutePath.of(request.getRequestURI()))
                .orElseGet(() -> soapPartner != null ? policies.partner()
                        : token == null ? policies.anonymous()
                        : token.getGroups() != null && token.getGroups().contains(Role.PARTNER) ? policies.partner()
                        : policies.plan(plan(token.getClaim("plan"))));
        // "ip:" and "sub:" keep an address and an account id from ever naming the same bucket
        String key = policy.keyedBy() == KeyedBy.CALLER && subject != null ? "sub:" + subject : "ip:" + client;
        RateLimiter.Decision decision = limiter.take(policy, key);
        response.setHeader("RateLimit-Policy", policy.policyField());
        response.setHeader("RateLimit", policy.limitField(decision.remaining(), decision.resetSeconds()));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        LOG.fine(() -> "SCALESHOP-RATELIMIT-001 " + policy.name() + " refused " + key);
        String retryIn = "rate limit '" + policy.name() + "' exceeded; retry in " + decision.retryAfterSeconds() + " s";
        int retryAfter = (int) Math.max(1, decision.retryAfterSeconds());
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        if (soap) {
            PartnerFaults.write(response, 429, "rate-limited", retryIn, RequestIdFilter.requestId(request), OptionalInt.of(retryAfter));
            return;
        }
        Problems.of(request, "rate-limited", 429, retryIn).writeTo(response);
    }

    /** MP-JWT hands out custom claims as JSON values or plain strings, depending on the implementation. */
    private static String plan(Object claim) {
        if (claim instanceof JsonString text) {
            return text.getString();
        }
        return claim == null ? null : claim.toString();
    }
}
