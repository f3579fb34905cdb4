package dev.scaleshop.api.problem;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (unknown path, wrong method, unsupported media type, resources' 404s) as problems.
 * The exception message is only shown for client errors raised by our resources; container messages
 * for 5xx may contain internals.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        String detail = status < 500 ? e.getMessage() : null;
        Response problem = Problems.of(request, slugFor(status), status, detail).toResponse();
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    static String slugFor(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known == null) {
            return "http-" + status;
        }
        return known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
