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
 * that is the client's mistake, a 400. Any other processing failure stays a 500.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ProcessingException e) {
        if (causedByUnreadableJson(e)) {
            return Problems.of(request, "malformed-json", 400, "the body is not valid JSON for this resource").toResponse();
        }
        return UnexpectedExceptionMapper.internalError(request, e);
    }

    static boolean causedByUnreadableJson(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return true;
            }
        }
        return false;
    }
}
