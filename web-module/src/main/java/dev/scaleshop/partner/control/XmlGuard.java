package dev.scaleshop.partner.control;

import java.io.ByteArrayInputStream;
import java.util.Optional;

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

    private final int maxDepth;

    public XmlGuard(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** The refusal, or empty when the document may go on to the SOAP stack. */
    public Optional<Refusal> check(byte[] document) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
            int depth = 0;
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
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        depth--;
                        break;
                    default:
                        break;
                }
            }
            return Optional.empty();
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
