package dev.scaleshop.partner.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class XmlGuardTest {

    private static final String ENVELOPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="https://scaleshop.dev/partner/v1">
              <soap:Body><p:GetProduct><p:sku>SKU-000001 &amp; &lt;more&gt; &#65;</p:sku></p:GetProduct></soap:Body>
            </soap:Envelope>""";

    private final XmlGuard guard = new XmlGuard(32);

    @Test
    void anOrdinaryEnvelopeWithPredefinedAndCharacterEntitiesPasses() {
        assertThat(guard.check(ENVELOPE.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void anExternalEntityIsRefusedWithItsDoctype() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&xxe;</soap:Body></soap:Envelope>""";
        assertThat(guard.check(xxe.getBytes(StandardCharsets.UTF_8))).get()
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
        assertThat(guard.check(bomb.getBytes(StandardCharsets.UTF_8))).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("dtd-not-allowed");
    }

    @Test
    void aDoctypeIsFoundInUtf16Too() {
        String xxe = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"http://127.0.0.1:1/\">]><a>&x;</a>";
        assertThat(guard.check(xxe.getBytes(StandardCharsets.UTF_16))).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("dtd-not-allowed");
    }

    @Test
    void anUndeclaredEntityIsRefused() {
        String undeclared = "<a>&undeclared;</a>";
        assertThat(guard.check(undeclared.getBytes(StandardCharsets.UTF_8))).get()
                .extracting(XmlGuard.Refusal::code).isIn("malformed-xml", "entity-not-allowed");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<a>".repeat(33) + "</a>".repeat(33);
        assertThat(guard.check(deep.getBytes(StandardCharsets.UTF_8))).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("xml-too-deep");
        String allowed = "<a>".repeat(32) + "</a>".repeat(32);
        assertThat(guard.check(allowed.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void somethingThatIsNotXmlIsMalformed() {
        assertThat(guard.check("{\"sku\":\"SKU-1\"}".getBytes(StandardCharsets.UTF_8))).get()
                .satisfies(refusal -> {
                    assertThat(refusal.code()).isEqualTo("malformed-xml");
                    assertThat(refusal.message()).doesNotContain("\n").doesNotContain("Exception");
                });
        assertThat(guard.check("<a><b></a>".getBytes(StandardCharsets.UTF_8))).get()
                .extracting(XmlGuard.Refusal::code).isEqualTo("malformed-xml");
        assertThat(guard.check(new byte[0])).get().extracting(XmlGuard.Refusal::code).isEqualTo("malformed-xml");
    }
}
