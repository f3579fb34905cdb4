package dev.scaleshop.clustering.resource;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.platform.control.GridCaches;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.annotation.security.RolesAllowed;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Operator diagnostics for the cluster's shared state: which instance answers, and whether the
 * replicated HTTP session and the JCache data grid are visible from every instance. Administrators only,
 * and off (404) unless {@code scaleshop.diagnostics.enabled=true} — switched at run time with
 * {@code stack config}; the system tests that need it switch it on for their run and off again. Bounded:
 * keys of at most 64 safe characters, values of at most 256, at most 8 entries per session, cache entries
 * gone 5 minutes after they were written (issue 17: they were anonymous, unbounded and kept forever).
 */
@Path("cluster")
@RequestScoped
@RolesAllowed(Role.ADMIN)
public class ClusterResource {

    static final String CACHE = "scaleshop-diagnostics";
    private static final String SESSION_PREFIX = "diagnostics.";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_VALUE_CHARS = 256;
    private static final int MAX_SESSION_ENTRIES = 8;
    private static final Duration CACHE_ENTRY_LIFETIME = new Duration(TimeUnit.MINUTES, 5);

    @Inject
    @ConfigProperty(name = "scaleshop.diagnostics.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    CacheManager cacheManager;

    @Context
    HttpServletRequest request;

    @GET
    @Path("node")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> node() {
        requireEnabled();
        return Map.of("instance", System.getProperty("com.sun.aas.instanceName", "standalone"));
    }

    @PUT
    @Path("session/{key}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response putSession(@PathParam("key") String key, String value) {
        requireEnabled();
        requireBounded(key, value);
        HttpSession session = request.getSession(true);
        boolean added = session.getAttribute(SESSION_PREFIX + key) == null;
        if (added && Collections.list(session.getAttributeNames()).stream()
                .filter(name -> name.startsWith(SESSION_PREFIX)).count() >= MAX_SESSION_ENTRIES) {
            throw new InvalidRequestException("diagnostics-limit", "a session holds at most " + MAX_SESSION_ENTRIES
                    + " diagnostics entries");
        }
        session.setAttribute(SESSION_PREFIX + key, value);
        return Response.noContent().build();
    }

    @GET
    @Path("session/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public String getSession(@PathParam("key") String key) {
        requireEnabled();
        requireBounded(key, "");
        HttpSession session = request.getSession(false);
        Object value = session == null ? null : session.getAttribute(SESSION_PREFIX + key);
        if (value == null) {
            throw new NotFoundException("no session attribute " + key);
        }
        return value.toString();
    }

    @PUT
    @Path("cache/{key}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response putCache(@PathParam("key") String key, String value) {
        requireEnabled();
        requireBounded(key, value);
        cache().put(key, value);
        return Response.noContent().build();
    }

    @GET
    @Path("cache/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public String getCache(@PathParam("key") String key) {
        requireEnabled();
        requireBounded(key, "");
        String value = cache().get(key);
        if (value == null) {
            throw new NotFoundException("no cache entry " + key);
        }
        return value;
    }

    private Cache<String, String> cache() {
        return GridCaches.lookUpOrCreate(cacheManager, CACHE, String.class, String.class,
                new MutableConfiguration<String, String>().setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(CACHE_ENTRY_LIFETIME)));
    }

    private static void requireBounded(String key, String value) {
        if (!KEY.matcher(key).matches()) {
            throw new InvalidRequestException("invalid-diagnostics-key", "a key holds 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (value == null || value.length() > MAX_VALUE_CHARS) {
            throw new InvalidRequestException("invalid-diagnostics-value", "a value holds at most " + MAX_VALUE_CHARS + " characters");
        }
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundException("cluster diagnostics are disabled");
        }
    }
}
