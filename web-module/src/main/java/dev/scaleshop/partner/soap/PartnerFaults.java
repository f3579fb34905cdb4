package dev.scaleshop.partner.soap;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import javax.xml.namespace.QName;

import dev.scaleshop.partner.v1.PartnerFault;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;

/**
 * The partner service's faults: SOAP 1.1 faults whose detail is the WSDL's {@code PartnerFault}
 * (code, message, requestId, retryAfterSeconds), so generated clients get it as their declared fault.
 * {@code faultcode} says whose fault it is: {@code Client} (change the request) or {@code Server} (try
 * again later, or report the request id). Never a stack trace.
 */
public final class PartnerFaults {

    static final String NAMESPACE = "https://scaleshop.dev/partner/v1";
    private static final JAXBContext JAXB = context();

    private PartnerFaults() {
    }

    /** A fault for an operation to throw (Metro answers it with HTTP 500, as WS-I Basic Profile R1126 says). */
    static SOAPFaultException fault(boolean clientsFault, String code, String message, String requestId, OptionalInt retryAfter) {
        try {
            SOAPFault fault = SOAPFactory.newInstance().createFault(message,
                    new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, clientsFault ? "Client" : "Server"));
            JAXB.createMarshaller().marshal(detail(code, message, requestId, retryAfter), fault.addDetail());
            return new SOAPFaultException(fault);
        } catch (SOAPException | JAXBException e) {
            throw new IllegalStateException("cannot build the SOAP fault " + code, e);
        }
    }

    /** The PartnerFault code a fault carries ("unknown" for one without it). */
    static String code(SOAPFaultException fault) {
        jakarta.xml.soap.Detail detail = fault.getFault().getDetail();
        if (detail != null) {
            org.w3c.dom.NodeList codes = detail.getElementsByTagNameNS(NAMESPACE, "code");
            if (codes.getLength() > 0) {
                return codes.item(0).getTextContent();
            }
        }
        return "unknown";
    }

    /**
     * Writes a fault as the whole HTTP answer, for refusals before the SOAP stack (authentication, size,
     * content type, XML hardening, rate limits): those keep their HTTP status (401, 413, 415, 400, 429).
     */
    public static void write(HttpServletResponse response, int status, String code, String message, String requestId)
            throws java.io.IOException {
        write(response, status, code, message, requestId, OptionalInt.empty());
    }

    /** The same, with the contract's {@code retryAfterSeconds} (a 429 or 503 refusal: when to try again). */
    public static void write(HttpServletResponse response, int status, String code, String message, String requestId,
                             OptionalInt retryAfterSeconds) throws java.io.IOException {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE + "\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:" + (status < 500 ? "Client" : "Server") + "</faultcode><faultstring>" + escape(message)
                + "</faultstring><detail><PartnerFault xmlns=\"" + NAMESPACE + "\"><code>" + escape(code) + "</code><message>"
                + escape(message) + "</message><requestId>" + escape(requestId) + "</requestId>"
                + (retryAfterSeconds.isPresent() ? "<retryAfterSeconds>" + retryAfterSeconds.getAsInt() + "</retryAfterSeconds>" : "")
                + "</PartnerFault></detail>"
                + "</soap:Fault></soap:Body></soap:Envelope>";
        response.setStatus(status);
        response.setContentType("text/xml;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] body = envelope.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static PartnerFault detail(String code, String message, String requestId, OptionalInt retryAfter) {
        PartnerFault detail = new PartnerFault();
        detail.setCode(code);
        detail.setMessage(message);
        detail.setRequestId(requestId);
        retryAfter.ifPresent(detail::setRetryAfterSeconds);
        return detail;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(PartnerFault.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }
}
