package dev.scaleshop.api.problem;

import java.util.logging.Logger;

import dev.scaleshop.problems.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A part the request needs is down for now: 503 problem+json with Retry-After, the cause in the log only. */
@Provider
public class UnavailableMapper implements ExceptionMapper<UnavailableException> {

    private static final Logger LOG = Logger.getLogger(UnavailableMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(UnavailableException e) {
        return toResponse(request, e);
    }

    static Response toResponse(HttpServletRequest request, UnavailableException e) { // (also for failures found unwrapped)
        LOG.warning(() -> "SCALESHOP-API-503 " + e.problemType() + " " + request.getRequestURI() + ": " + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        return Response.fromResponse(Problems.of(request, e.problemType(), 503, e.getMessage()).toResponse())
                .header("Retry-After", e.retryAfterSeconds()).build();
    }
}
