package dev.scaleshop.api.problem;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.scaleshop.platform.control.Causes;
import dev.scaleshop.problems.UnavailableException;
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
    private static final int DATABASE_RETRY_SECONDS = 5;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Exception e) {
        // a body too deeply nested reaches here unwrapped: the client's mistake, not a failure to log (issue 17)
        if (MalformedBodyMapper.causedByUnreadableJson(e)) {
            return MalformedBodyMapper.malformed(request);
        }
        // the database lost its leader and Patroni is promoting its standby (issue 18): a 503 to retry, not a 500
        if (Causes.databaseUnavailable(e)) {
            return UnavailableMapper.toResponse(request, new UnavailableException("database-unavailable",
                    "the database is changing servers (a failover); retry shortly", DATABASE_RETRY_SECONDS, e));
        }
        return internalError(request, e);
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
