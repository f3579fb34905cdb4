package dev.scaleshop.tracing.filter;

import java.io.IOException;

import dev.scaleshop.tracing.control.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Accepts or mints the request's correlation id and echoes it, with the name of the instance that
 * served the request, on every response. Runs first so even error responses carry both.
 */
@WebFilter(filterName = "RequestIdFilter", urlPatterns = "/*")
public class RequestIdFilter extends HttpFilter {

    public static final String SERVED_BY_HEADER = "X-Served-By";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final String INSTANCE = System.getProperty("com.sun.aas.instanceName", "standalone");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(RequestIds.HEADER, id);
        response.setHeader(SERVED_BY_HEADER, INSTANCE);
        chain.doFilter(request, response);
    }

    /** The id of the request being served, or null outside a filtered request. */
    public static String requestId(HttpServletRequest request) {
        return request == null ? null : (String) request.getAttribute(ATTRIBUTE);
    }
}
