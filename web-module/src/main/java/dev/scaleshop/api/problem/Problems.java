package dev.scaleshop.api.problem;

import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

/** Builds problems for the current request, so every one carries the request path and correlation id. */
public final class Problems {

    private Problems() {
    }

    public static Problem of(HttpServletRequest request, String typeSlug, int status, String detail) {
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "HTTP " + status;
        return new Problem(typeSlug, title, status, detail,
                request == null ? null : request.getRequestURI(),
                RequestIdFilter.requestId(request));
    }
}
