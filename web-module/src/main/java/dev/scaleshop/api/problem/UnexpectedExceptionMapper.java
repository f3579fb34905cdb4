package dev.scaleshop.api.problem;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Last line of defence: log the failure with the request id, answer a problem without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Exception e) {
        // a body too deeply nested reaches here unwrapped: the client's mistake, not a failure to log (issue 17)
        return MalformedBodyMapper.causedByUnreadableJson(e) ? MalformedBodyMapper.malformed(request) : internalError(request, e);
    }

    /** Logs the failure with the request id; the client only learns which id to quote. */
    static Response internalError(HttpServletRequest request, Throwable e) {
        String requestId = RequestIdFilter.requestId(request);
        LOG.log(Level.SEVERE, e, () -> "SCALESHOP-API-500 unhandled failure on "
                + (request == null ? "?" : request.getMethod() + " " + request.getRequestURI())
                + " requestId=" + requestId);
        return Problems.of(request, "internal-error", 500,
                "the request failed on the server; quote the request id when reporting it").toResponse();
    }
}
