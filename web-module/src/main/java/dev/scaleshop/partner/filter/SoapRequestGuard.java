package dev.scaleshop.partner.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.logging.Logger;

import javax.xml.namespace.QName;

import dev.scaleshop.api.filter.BufferedRequest;
import dev.scaleshop.api.filter.Charsets;
import dev.scaleshop.partner.control.XmlGuard;
import dev.scaleshop.partner.soap.PartnerFaults;
import dev.scaleshop.partner.v1.PartnerPort;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.inject.Inject;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a SOAP request must be before Metro parses it: {@code text/xml} (SOAP 1.1) or, for MTOM/SwA
 * clients, {@code multipart/related} whose root part is checked; at most
 * {@code scaleshop.partner.max-request-bytes} (1 MiB; 413 beyond, read no further); and an XML document
 * that {@link XmlGuard} accepts (no DTD, hence no external entities and no entity expansion; bounded
 * depth). Refusals are SOAP faults with HTTP 415, 413 or 400. The accepted body is buffered and handed
 * on unchanged.
 */
public class SoapRequestGuard extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(SoapRequestGuard.class.getName());

    /** The request elements of the contract's operations, each with its soapAction, as the generated port type declares them. */
    private static final Map<QName, String> OPERATIONS = Arrays.stream(PartnerPort.class.getMethods())
            .filter(method -> method.isAnnotationPresent(WebMethod.class))
            .collect(Collectors.toUnmodifiableMap(SoapRequestGuard::requestElement,
                    method -> method.getAnnotation(WebMethod.class).action()));

    @Inject
    @ConfigProperty(name = "scaleshop.partner.max-request-bytes", defaultValue = "1048576")
    int maxRequestBytes;

    @Inject
    @ConfigProperty(name = "scaleshop.partner.max-xml-depth", defaultValue = "64")
    int maxDepth;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String requestId = RequestIdFilter.requestId(request);
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/related");
        if (!type.startsWith("text/xml") && !multipart) {
            PartnerFaults.write(response, 415, "unsupported-media-type",
                    "the partner service speaks SOAP 1.1: send text/xml (or multipart/related for MTOM)", requestId);
            return;
        }
        if (!Charsets.decodable(request.getCharacterEncoding())) {
            PartnerFaults.write(response, 415, "unsupported-charset",
                    "the request's charset is not one this service decodes; send UTF-8", requestId);
            return;
        }
        if (request.getContentLengthLong() > maxRequestBytes) {
            tooLarge(response, requestId);
            return;
        }
        byte[] body = read(request.getInputStream(), maxRequestBytes);
        if (body == null) {
            tooLarge(response, requestId);
            return;
        }
        Optional<XmlGuard.Refusal> refusal = check(body, multipart ? request.getContentType() : null, request.getHeader("SOAPAction"));
        if (refusal.isPresent()) {
            LOG.info(() -> "SCALESHOP-PARTNER-020 refused a SOAP request: " + refusal.get().code() + " requestId=" + requestId);
            PartnerFaults.write(response, 400, refusal.get().code(), refusal.get().message(), requestId);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    /** The XML guard's verdict on the body, or on its root part when {@code multipartType} names one. */
    private Optional<XmlGuard.Refusal> check(byte[] body, String multipartType, String soapAction) throws IOException {
        try {
            return new XmlGuard(maxDepth, OPERATIONS).check(multipartType == null ? body : rootPart(body, multipartType), soapAction);
        } catch (MessagingException e) {
            return Optional.of(new XmlGuard.Refusal("malformed-multipart", "the multipart/related request cannot be read"));
        }
    }

    private void tooLarge(HttpServletResponse response, String requestId) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is not read
        PartnerFaults.write(response, 413, "request-too-large",
                "a partner request holds at most " + maxRequestBytes + " bytes", requestId);
    }

    /** The whole body, or null if it is longer than {@code limit}. */
    private static byte[] read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        byte[] chunk = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(chunk)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            body.write(chunk, 0, n);
        }
        return body.toByteArray();
    }

    /** The element a method's request parameter binds (document/literal wrapped: the operation's request element). */
    private static QName requestElement(java.lang.reflect.Method method) {
        return Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream).filter(WebParam.class::isInstance)
                .map(WebParam.class::cast).findFirst().map(parameter -> new QName(parameter.targetNamespace(), parameter.name()))
                .orElseThrow(() -> new IllegalStateException("no request element on " + method));
    }

    /**
     * The root part: the one the {@code start} parameter names (its Content-ID) — the part Metro parses —,
     * else the first (RFC 2387). A {@code start} naming no part is malformed.
     */
    private static byte[] rootPart(byte[] body, String contentType) throws MessagingException, IOException {
        MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(body, contentType));
        String start = new ContentType(contentType).getParameter("start");
        BodyPart root = start == null ? parts.getBodyPart(0) : parts.getBodyPart(start);
        if (root == null) {
            throw new MessagingException("no part with the Content-ID " + start);
        }
        try (InputStream in = root.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
