package dev.scaleshop.api.filter;

import java.io.IOException;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.scaleshop.api.problem.Problem;
import dev.scaleshop.api.problem.Problems;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The REST API's request bodies are at most {@code scaleshop.api.max-body-bytes} (1 MiB): a larger declared
 * {@code Content-Length} is refused with 413 problem+json {@code request-too-large} before a byte is read; a
 * body without a length (chunked) is read up to the limit and refused the moment it passes it. So no request
 * makes the API hold more than the limit in memory, whatever the client sends — before, a 60 MB JSON body
 * was parsed whole and eight in parallel ran both instances out of heap. Image uploads have their own,
 * larger limit ({@code scaleshop.images.max-bytes}), enforced the same way by their resource while it
 * streams; the partner SOAP service has {@code SoapRequestGuard}. A body declared in a charset the JVM cannot
 * decode ({@code charset=nope}) is refused with 415 {@code unsupported-charset} before anything parses it (the
 * JSON reader failed on it with a 500). Mapped in web.xml after the rate limiter:
 * a refused client is refused before its body is looked at.
 */
public class BodyLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class.getName());
    /** Image uploads stream to their own limit (ProductImagesResource). */
    private static final Pattern IMAGE_UPLOAD = Pattern.compile("/api/v1/products/[^/]+/images/?");

    @Inject
    @ConfigProperty(name = "scaleshop.api.max-body-bytes", defaultValue = "1048576")
    int maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && hasBody(request);
        if ((declared > 0 || chunked) && !Charsets.decodable(request.getCharacterEncoding())) {
            Problems.of(request, "unsupported-charset", 415, "the body's charset is not one this server decodes; send UTF-8")
                    .writeTo(response);
            return;
        }
        // most requests (every GET) have no body or a small declared one: no path match for them (issue 16)
        if ((declared <= maxBodyBytes && !chunked) || isImageUpload(request)) {
            chain.doFilter(request, response); // the container reads no more than a declared length
            return;
        }
        if (declared > maxBodyBytes) {
            tooLarge(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private static boolean isImageUpload(HttpServletRequest request) {
        return IMAGE_UPLOAD.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    private static boolean hasBody(HttpServletRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && !encoding.isBlank();
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.fine(() -> "SCALESHOP-API-013 refused a request body over " + maxBodyBytes + " bytes requestId="
                + RequestIdFilter.requestId(request));
        Problem problem = Problems.of(request, "request-too-large", 413,
                "a request body holds at most " + maxBodyBytes + " bytes");
        response.setHeader("Connection", "close"); // the rest of the body is not read
        problem.writeTo(response);
    }
}
