package dev.scaleshop.api.problem;

import java.io.IOException;
import java.net.URI;

import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code type} URIs are stable identifiers clients may switch on; they are
 * not required to resolve. Never carries a stack trace.
 */
public record Problem(String typeSlug, String title, int status, String detail, String instance, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://scaleshop.dev/problems/";

    public URI type() {
        return URI.create(TYPE_BASE + typeSlug);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Jsons.createObjectBuilder()
                .add("type", type().toString())
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        if (requestId != null) {
            json.add("requestId", requestId);
        }
        return json.build();
    }

    /** The same problem, about another resource (an error page reports the URI that failed). */
    public Problem withInstance(String otherInstance) {
        return new Problem(typeSlug, title, status, detail, otherInstance, requestId);
    }

    /** As the whole answer of a servlet filter or servlet, outside JAX-RS (headers set before it stay). */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.getWriter().write(toJson().toString());
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson().toString()).build();
    }
}
