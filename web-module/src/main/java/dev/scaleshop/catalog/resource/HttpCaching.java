package dev.scaleshop.catalog.resource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.scaleshop.catalog.control.CatalogSwitches;
import dev.scaleshop.platform.control.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    /** About 32 MB of rendered JSON per instance: the whole seeded catalog, and recent listing pages. */
    private static final long MAX_RENDERED_CHARS = 16L << 20;

    private final Map<Object, Rendered> renderings = new ConcurrentHashMap<>();
    private final AtomicLong renderedChars = new AtomicLong();

    @Inject
    @ConfigProperty(name = "scaleshop.catalog.http.max-age-seconds", defaultValue = "10")
    int maxAgeSeconds;

    /** How long the edge cache may serve an anonymous read; 0 while catalog caching is switched off. */
    @Inject
    @ConfigProperty(name = "scaleshop.catalog.http.shared-max-age-seconds", defaultValue = "5")
    int sharedMaxAgeSeconds;

    /** `stack config scaleshop.catalog.cache.enabled` switches caching at run time (re-read every second). */
    @Inject
    CatalogSwitches switches;

    /**
     * @param personal a writer's read (it carries a consistency token): private, always revalidated
     */
    Response conditional(Request request, Object representation, boolean personal) {
        Rendered rendered = rendered(representation);
        String json = rendered.json();
        EntityTag tag = rendered.tag();
        CacheControl cacheControl = new CacheControl();
        if (personal) {
            cacheControl.setPrivate(true);
            cacheControl.setNoCache(true);
        } else {
            cacheControl.setMaxAge(maxAgeSeconds);
            cacheControl.setSMaxAge(switches.cacheEnabled() ? Math.min(sharedMaxAgeSeconds, maxAgeSeconds) : 0);
        }
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cacheControl).tag(tag).build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).tag(tag).cacheControl(cacheControl).build();
    }

    /**
     * The JSON and ETag of a representation, rendered once per distinct value on this instance: a cached read
     * hands out equal representations (records compare by value) again and again, and serializing and hashing
     * each time cost more than finding the copy. Bounded by characters held: past the bound all copies go.
     */
    private Rendered rendered(Object representation) {
        Rendered rendered = renderings.get(representation);
        if (rendered == null) {
            String json = JSONB.toJson(representation);
            rendered = new Rendered(json, new EntityTag(digest(json)));
            if (renderedChars.addAndGet(json.length()) > MAX_RENDERED_CHARS) {
                renderings.clear();
                renderedChars.set(json.length());
            }
            renderings.put(representation, rendered);
        }
        return rendered;
    }

    private record Rendered(String json, EntityTag tag) {
    }

    /** The first 128 bits of the body's SHA-256: plenty for telling versions of one resource apart. */
    static String digest(String json) {
        return Sha256.hex(json).substring(0, 32);
    }
}
