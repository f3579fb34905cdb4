package dev.scaleshop.api.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jersey wraps a body JSON-B cannot read (not JSON, a field of the wrong type) in a ProcessingException:
 * that is the client's mistake, a 400 — and so is JSON nested too deeply for the parser, however it arrives
 * (see {@link UnexpectedExceptionMapper}) — as is a request header Jersey cannot parse (a malformed
 * {@code If-None-Match}: 400 {@code malformed-header}). Any other processing failure stays a 500.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    /** Jersey's (implementation class: the API has no type for it) for a request header it cannot parse. */
    private static final String HEADER_VALUE_EXCEPTION = "org.glassfish.jersey.message.internal.HeaderValueException";

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ProcessingException e) {
        if (HEADER_VALUE_EXCEPTION.equals(e.getClass().getName())) { // If-None-Match: garbage, say (found by ApiFuzzIT)
            return Problems.of(request, "malformed-header", 400, "a request header has a value that cannot be parsed (If-None-Match, say)")
                    .toResponse();
        }
        return causedByUnreadableJson(e) ? malformed(request) : UnexpectedExceptionMapper.internalError(request, e);
    }

    static Response malformed(HttpServletRequest request) {
        return Problems.of(request, "malformed-json", 400, "the body is not valid JSON for this resource").toResponse();
    }

    static boolean causedByUnreadableJson(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException || nestedTooDeep(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parsson refuses JSON nested deeper than its limit (1,000) with a bare RuntimeException, which Jersey's
     * JSON-P reader lets through unwrapped: recognised by its thrower, not its message.
     */
    private static boolean nestedTooDeep(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getClass() == RuntimeException.class && trace.length > 0
                && trace[0].getClassName().startsWith("org.eclipse.parsson.");
    }
}
