package dev.scaleshop.partner.control;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks a SOAP request document before the SOAP stack parses it. SOAP 1.1 messages must not contain a
 * DTD (SOAP 1.1 §3, WS-I Basic Profile R1008), and without a DTD there are no entity declarations:
 * external entities (XXE) and entity expansion ("billion laughs") need one. So a document with a
 * DOCTYPE is refused outright; the rest is parsed once with a parser that supports neither DTDs nor
 * external entities, to the end, with a limit on element depth (a deep nest would cost the SOAP stack's
 * recursive unmarshalling). The byte size is the caller's limit (the request is buffered first).
 */
public final class XmlGuard {

    /** Why a document was refused: a stable code (the fault's) and a sentence for people. */
    public record Refusal(String code, String message) {
    }

    private static final XMLInputFactory FACTORY = hardenedFactory();

    private static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";

    private final int maxDepth;
    private final Map<QName, String> operations;

    /**
     * @param operations the request elements the service accepts as the body's first child, each with its
     *                   operation's {@code soapAction}
     */
    public XmlGuard(int maxDepth, Map<QName, String> operations) {
        this.maxDepth = maxDepth;
        this.operations = Map.copyOf(operations);
    }

    /**
     * The refusal, or empty when the document may go on to the SOAP stack.
     *
     * @param soapAction the request's {@code SOAPAction} header as sent (quoted), or null: it must name the
     *                   operation the body holds (WS-I Basic Profile R1109, R2744)
     */
    public Optional<Refusal> check(byte[] document, String soapAction) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
            int depth = 0;
            boolean inBody = false;
            boolean operationSeen = false;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD:
                        return Optional.of(new Refusal("dtd-not-allowed",
                                "a SOAP message must not contain a document type declaration (DOCTYPE)"));
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        return Optional.of(new Refusal("entity-not-allowed", "entity references are not allowed"));
                    case XMLStreamConstants.START_ELEMENT:
                        if (++depth > maxDepth) {
                            return Optional.of(new Refusal("xml-too-deep", "elements nest deeper than " + maxDepth + " levels"));
                        }
                        Optional<Refusal> misplaced = soapStructure(depth, reader.getName(), inBody, operationSeen, soapAction);
                        if (misplaced.isPresent()) {
                            return misplaced;
                        }
                        inBody |= depth == 2 && "Body".equals(reader.getLocalName());
                        operationSeen |= inBody && depth == 3;
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        inBody &= !(depth == 2);
                        depth--;
                        break;
                    default:
                        break;
                }
            }
            return operationSeen ? Optional.empty()
                    : Optional.of(new Refusal("unknown-operation", "the SOAP body names no operation of this service"));
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.of(new Refusal("malformed-xml", "the request is not well-formed XML: " + lastLine(e.getMessage())));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) { // nothing held beyond the byte array
                }
            }
        }
    }

    private Optional<Refusal> soapStructure(int depth, QName element, boolean inBody, boolean operationSeen, String soapAction) {
        if (depth == 1 && !new QName(SOAP_11, "Envelope").equals(element)) {
            return Optional.of(SOAP_12.equals(element.getNamespaceURI())
                    ? new Refusal("soap-version-mismatch", "this service speaks SOAP 1.1 (envelope namespace " + SOAP_11 + ")")
                    : new Refusal("not-a-soap-envelope", "the document is not a SOAP 1.1 envelope"));
        }
        if (depth == 2 && !SOAP_11.equals(element.getNamespaceURI())) {
            return Optional.of(new Refusal("not-a-soap-envelope", "a SOAP envelope holds a Header and a Body, not " + element));
        }
        if (depth == 3 && inBody) {
            if (operationSeen) {
                return Optional.of(new Refusal("invalid-request", "the SOAP body holds one operation"));
            }
            if (!operations.containsKey(element)) {
                return Optional.of(new Refusal("unknown-operation", "this service has no operation " + element));
            }
            String expected = operations.get(element);
            if (!('"' + expected + '"').equals(soapAction == null ? null : soapAction.strip())) {
                return Optional.of(new Refusal("soap-action-mismatch", "the operation " + element.getLocalPart()
                        + " is called with the HTTP header SOAPAction: \"" + expected + "\""));
            }
        }
        return Optional.empty();
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's parser, whatever the server adds
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private static String lastLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().lines().reduce((first, next) -> next).orElse("unreadable");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
