package dev.scaleshop.partner.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.xml.namespace.QName;

import org.junit.jupiter.api.Test;

class XmlGuardTest {

    private static final String ENVELOPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="https://scaleshop.dev/partner/v1">
              <soap:Body><p:GetProduct><p:sku>SKU-000001 &amp; &lt;more&gt; &#65;</p:sku></p:GetProduct></soap:Body>
            </soap:Envelope>""";

    private static final String NS = "https://scaleshop.dev/partner/v1";
    private static final String ACTION = "\"" + NS + "/GetProduct\"";

    private final XmlGuard guard = new XmlGuard(32, Map.of(new QName(NS, "GetProduct"), NS + "/GetProduct"));

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:p=\"" + NS + "\">"
                + "<soap:Header/><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    @Test
    void anOrdinaryEnvelopeWithPredefinedAndCharacterEntitiesPasses() {
        assertThat(guard.check(ENVELOPE.getBytes(StandardCharsets.UTF_8), ACTION)).isEmpty();
    }

    @Test
    void anExternalEntityIsRefusedWithItsDoctype() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&xxe;</soap:Body></soap:Envelope>""";
        assertThat(guard.check(xxe.getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("dtd-not-allowed");
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        doctype.append("]>");
        String bomb = "<?xml version=\"1.0\"?>" + doctype + "<lolz>&lol9;</lolz>";
        assertThat(guard.check(bomb.getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("dtd-not-allowed");
    }

    @Test
    void aDoctypeIsFoundInUtf16Too() {
        String xxe = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"http://127.0.0.1:1/\">]><a>&x;</a>";
        assertThat(guard.check(xxe.getBytes(StandardCharsets.UTF_16), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("dtd-not-allowed");
    }

    @Test
    void anUndeclaredEntityIsRefused() {
        String undeclared = envelope("<p:GetProduct>&undeclared;</p:GetProduct>");
        assertThat(guard.check(undeclared.getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isIn("malformed-xml", "entity-not-allowed");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = envelope("<p:GetProduct>" + "<a>".repeat(30) + "</a>".repeat(30) + "</p:GetProduct>");
        assertThat(guard.check(deep.getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("xml-too-deep");
        String allowed = envelope("<p:GetProduct>" + "<a>".repeat(29) + "</a>".repeat(29) + "</p:GetProduct>");
        assertThat(guard.check(allowed.getBytes(StandardCharsets.UTF_8), ACTION)).isEmpty();
    }

    @Test
    void onlyASoap11EnvelopeWithOneKnownOperationPasses() {
        assertThat(guard.check("<order><sku>1</sku></order>".getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("not-a-soap-envelope");
        assertThat(guard.check("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>"
                .getBytes(StandardCharsets.UTF_8), ACTION)).get().extracting(XmlGuard.Refusal::code).isEqualTo("soap-version-mismatch");
        assertThat(guard.check(envelope("<p:DeleteEverything/>").getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("unknown-operation");
        assertThat(guard.check(envelope("").getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("unknown-operation");
        assertThat(guard.check(envelope("<p:GetProduct/><p:GetProduct/>").getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("invalid-request");
        assertThat(guard.check(envelope("<GetProduct/>").getBytes(StandardCharsets.UTF_8), ACTION)).as("no namespace").get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("unknown-operation");
    }

    @Test
    void somethingThatIsNotXmlIsMalformed() {
        assertThat(guard.check("{\"sku\":\"SKU-1\"}".getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .satisfies(refusal -> {
                    assertThat(refusal.code()).isEqualTo("malformed-xml");
                    assertThat(refusal.message()).doesNotContain("\n").doesNotContain("Exception");
                });
        assertThat(guard.check(envelope("<p:GetProduct><b></p:GetProduct>").getBytes(StandardCharsets.UTF_8), ACTION)).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("malformed-xml");
        assertThat(guard.check(new byte[0], ACTION)).get().extracting(XmlGuard.Refusal::code).isEqualTo("malformed-xml");
    }

    @Test
    void theSoapActionHeaderMustNameTheOperationInTheBody() {
        byte[] request = ENVELOPE.getBytes(StandardCharsets.UTF_8);
        for (String wrong : new String[] {null, "", "\"\"", "\"" + NS + "/PlaceOrder\"", NS + "/GetProduct"}) {
            assertThat(guard.check(request, wrong)).as(String.valueOf(wrong)).get()
                    .extracting(XmlGuard.Refusal::code).isEqualTo("soap-action-mismatch");
        }
        assertThat(guard.check(request, " " + ACTION + " ")).isEmpty();
    }
}
