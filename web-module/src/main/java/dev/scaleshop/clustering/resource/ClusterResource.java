package dev.scaleshop.clustering.resource;

import java.util.Map;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

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
 * replicated HTTP session and the JCache data grid are visible from every instance. Off unless
 * {@code scaleshop.diagnostics.enabled=true} (the stack scripts enable it for test stacks).
 */
@Path("cluster")
@RequestScoped
public class ClusterResource {

    static final String CACHE = "scaleshop-diagnostics";
    private static final String SESSION_PREFIX = "diagnostics.";

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
        request.getSession(true).setAttribute(SESSION_PREFIX + key, value);
        return Response.noContent().build();
    }

    @GET
    @Path("session/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public String getSession(@PathParam("key") String key) {
        requireEnabled();
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
        cache().put(key, value);
        return Response.noContent().build();
    }

    @GET
    @Path("cache/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public String getCache(@PathParam("key") String key) {
        requireEnabled();
        String value = cache().get(key);
        if (value == null) {
            throw new NotFoundException("no cache entry " + key);
        }
        return value;
    }

    private Cache<String, String> cache() {
        Cache<String, String> cache = cacheManager.getCache(CACHE, String.class, String.class);
        if (cache != null) {
            return cache;
        }
        try {
            return cacheManager.createCache(CACHE,
                    new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        } catch (CacheException createdConcurrently) {
            return cacheManager.getCache(CACHE, String.class, String.class);
        }
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundException("cluster diagnostics are disabled");
        }
    }
}
