package dev.scaleshop.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

class OrderConfirmationTest {

    private static final UUID ORDER = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    private static final byte[] PDF = "%PDF-1.7 not really a pdf, but bytes that must arrive unchanged \u0000\u00ff".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    private final Session session = Session.getInstance(new Properties());

    @Test
    void theMailAsTheRelayReceivesItHasTheSummaryAndTheInvoiceAttached() throws Exception {
        MimeMessage sent = OrderConfirmation.compose(session, new InternetAddress("orders@scaleshop.local"), content());

        MimeMessage received = roundTrip(sent);

        assertThat(received.getSubject()).isEqualTo("Your ScaleShop order " + ORDER + " - invoice INV-20260101-B302099A8057");
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("zoe@example.com");
        assertThat(((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Zoë Ünal");
        assertThat(received.getMessageID()).isEqualTo("<order-confirmation." + ORDER + "@scaleshop.local>");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        String text = (String) parts.getBodyPart(0).getContent();
        assertThat(text).contains("Hello Zoë Ünal", "thank you for your order " + ORDER, "2 x SKU-000111", "Espresso cup",
                "17.80", "Total EUR 20.30", "invoice INV-20260101-B302099A8057 is attached");
        BodyPart invoice = parts.getBodyPart(1);
        assertThat(invoice.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(invoice.getFileName()).isEqualTo("INV-20260101-B302099A8057.pdf");
        assertThat(invoice.getContentType()).startsWith("application/pdf");
        assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(PDF);
    }

    @Test
    void theMessageIdIsTheSameEachTimeTheSameOrderIsComposed() throws Exception {
        InternetAddress from = new InternetAddress("orders@shop.example");
        MimeMessage first = OrderConfirmation.compose(session, from, content());
        MimeMessage second = OrderConfirmation.compose(session, from, content());

        assertThat(first.getMessageID()).isEqualTo(second.getMessageID()).isEqualTo("<order-confirmation." + ORDER + "@shop.example>");
    }

    @Test
    void longProductNamesAreClippedInTheSummary() {
        OrderConfirmation.Content content = new OrderConfirmation.Content("a@b.c", "A", ORDER, "EUR", BigDecimal.ONE,
                List.of(new OrderConfirmation.Line("SKU-1", "x".repeat(60), 1, BigDecimal.ONE)), "INV-1", PDF);

        assertThat(OrderConfirmation.body(content)).contains("x".repeat(39) + "~").doesNotContain("x".repeat(40));
    }

    private static OrderConfirmation.Content content() {
        return new OrderConfirmation.Content("zoe@example.com", "Zoë Ünal", ORDER, "EUR", new BigDecimal("20.30"),
                List.of(new OrderConfirmation.Line("SKU-000111", "Espresso cup", 2, new BigDecimal("17.80")),
                        new OrderConfirmation.Line("SKU-000112", "Saucer", 1, new BigDecimal("2.50"))),
                "INV-20260101-B302099A8057", PDF);
    }

    private MimeMessage roundTrip(MimeMessage message) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        return new MimeMessage(session, new ByteArrayInputStream(wire.toByteArray()));
    }
}
