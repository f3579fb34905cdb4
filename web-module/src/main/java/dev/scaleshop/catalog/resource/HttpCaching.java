package dev.scaleshop.catalog.resource;

import dev.scaleshop.platform.control.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Conditional GETs for catalog reads: a strong ETag over the exact JSON bytes sent, 304 when the
 * client's copy matches. Anonymous reads may be cached by clients for max-age and by shared caches
 * (the HAProxy edge cache) for s-maxage; a writer's read (carrying a consistency token) is private and
 * always revalidated.
 */
@ApplicationScoped
public class HttpCaching {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    @ConfigProperty(name = "scaleshop.catalog.http.max-age-seconds", defaultValue = "10")
    int maxAgeSeconds;

    /** How long the edge cache may serve an anonymous read; 0 while catalog caching is switched off. */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.http.shared-max-age-seconds", defaultValue = "5")
    int sharedMaxAgeSeconds;

    /** Read on every response (a Provider): `stack config` switches caching at run time. */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.cache.enabled", defaultValue = "true")
    Provider<Boolean> cacheEnabled;

    /**
     * @param personal a writer's read (it carries a consistency token): private, always revalidated
     */
    Response conditional(Request request, Object representation, boolean personal) {
        String json = JSONB.toJson(representation);
        EntityTag tag = new EntityTag(digest(json));
        CacheControl cacheControl = new CacheControl();
        if (personal) {
            cacheControl.setPrivate(true);
            cacheControl.setNoCache(true);
        } else {
            cacheControl.setMaxAge(maxAgeSeconds);
            cacheControl.setSMaxAge(cacheEnabled.get() ? Math.min(sharedMaxAgeSeconds, maxAgeSeconds) : 0);
        }
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cacheControl).tag(tag).build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).tag(tag).cacheControl(cacheControl).build();
    }

    /** The first 128 bits of the body's SHA-256: plenty for telling versions of one resource apart. */
    static String digest(String json) {
        return Sha256.hex(json).substring(0, 32);
    }
}
