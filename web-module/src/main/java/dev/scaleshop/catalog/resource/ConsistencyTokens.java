package dev.scaleshop.catalog.resource;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

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
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
    }

    static void remember(HttpServletRequest request, String token) {
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, token);
    }
}
