package dev.scaleshop.ratelimiting.filter;

import java.io.IOException;
import java.security.Principal;
import java.util.logging.Logger;

import dev.scaleshop.api.client.ClientAddress;
import dev.scaleshop.api.problem.Problem;
import dev.scaleshop.api.problem.Problems;
import dev.scaleshop.ratelimiting.control.Policies;
import dev.scaleshop.ratelimiting.control.RateLimitPolicy;
import dev.scaleshop.ratelimiting.control.RateLimiter;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.JsonString;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Chooses the policy and the bucket key for each API request and admits or refuses it (429 +
 * Retry-After + problem+json {@code rate-limited}). Mapped in web.xml after the request-id filter.
 * Keys: the client address (X-Forwarded-For only from trusted proxies) for anonymous callers and for
 * login/registration; the token's subject for authenticated callers, in the tier its {@code plan}
 * claim names. Health, metrics and OpenAPI are not limited. When the grid cannot answer, requests are
 * admitted (fail open) with a warning and {@code scaleshop_ratelimit_degraded_total}.
 */
public class RateLimitFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class.getName());

    @Inject
    RateLimiter limiter;

    @Inject
    Policies policies;

    /** Read per request: `stack config scaleshop.ratelimit.enabled false` switches limiting off at run time. */
    @Inject
    @ConfigProperty(name = "scaleshop.ratelimit.enabled", defaultValue = "true")
    Provider<Boolean> enabled;

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!request.getRequestURI().startsWith("/api/") || !enabled.get()) {
            chain.doFilter(request, response);
            return;
        }
        String client = clientAddress.of(request);
        RateLimitPolicy policy;
        String key;
        Principal caller = request.getUserPrincipal();
        if (isLoginOrRegistration(request)) {
            policy = policies.login();
            key = client;
        } else if (caller instanceof JsonWebToken token && token.getSubject() != null) {
            policy = policies.plan(plan(token.getClaim("plan")));
            key = token.getSubject();
        } else {
            policy = policies.anonymous();
            key = client;
        }
        RateLimiter.Decision decision;
        try {
            decision = limiter.take(policy, key);
        } catch (RuntimeException gridUnavailable) { // fail open: the limit protects the service, it must not take it down
            limiter.degraded(policy, gridUnavailable);
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("RateLimit-Policy", policy.policyField());
        response.setHeader("RateLimit", policy.limitField(decision.remaining(), decision.resetSeconds()));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        LOG.fine(() -> "SCALESHOP-RATELIMIT-001 " + policy.name() + " refused " + key);
        Problem problem = Problems.of(request, "rate-limited", 429,
                "rate limit '" + policy.name() + "' exceeded; retry in " + decision.retryAfterSeconds() + " s");
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(Math.max(1, decision.retryAfterSeconds())));
        response.setContentType(Problem.MEDIA_TYPE);
        response.getWriter().write(problem.toJson().toString());
    }

    /** MP-JWT hands out custom claims as JSON values or plain strings, depending on the implementation. */
    private static String plan(Object claim) {
        if (claim instanceof JsonString text) {
            return text.getString();
        }
        return claim == null ? null : claim.toString();
    }

    private static boolean isLoginOrRegistration(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod())
                && (path.equals("/api/v1/auth/token") || path.equals("/api/v1/customers"));
    }
}
