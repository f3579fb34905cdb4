package dev.scaleshop.catalog.resource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;

/**
 * Where a writer's consistency token travels: the {@code X-Consistency-Token} response header (for API
 * clients, who send it back on their next reads) and the HTTP session (for browsers). The header wins.
 */
final class ConsistencyTokens {

    static final String HEADER = "X-Consistency-Token";
    private static final String SESSION_ATTRIBUTE = "scaleshop.consistencyToken";

    private ConsistencyTokens() {
    }

    static String of(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null) {
            return header;
        }
        if (request.getRequestedSessionId() == null) { // no session cookie: no session to look up (anonymous reads)
            return null;
        }
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
    }

    /** Hands a write's token to its author: kept in the session and sent in the header of the answer. */
    static Response written(HttpServletRequest request, Response.ResponseBuilder response, String token) {
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, token);
        return response.header(HEADER, token).build();
    }
}
