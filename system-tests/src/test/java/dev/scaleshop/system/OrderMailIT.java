package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.tracing.control.RequestIds;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A paid order's confirmation reaches the customer's mailbox once, with the invoice attached: checked on
 * what the real SMTP server (GreenMail, the relay stand-in) received. A worker that crashed after the relay
 * took the mail (simulated: the job put back to RUNNING and its message sent again) sends nothing twice.
 */
class OrderMailIT {

    private final Api api = Api.throughHaproxy();

    @Test
    void aPaidOrderSendsOneConfirmationWithTheInvoiceAttachedAndARedeliverySendsNoSecond() throws Exception {
        OrdersIT.setStock("SKU-000121", 1_000);
        IdentityIT.Customer mia = IdentityIT.Customer.register(api, "mia");
        String requestId = "mail-it-" + System.nanoTime();
        HttpResponse<String> placed = api.send("POST", "/api/v1/orders",
                "{\"lines\":[{\"sku\":\"SKU-000121\",\"quantity\":3}]}",
                "Authorization", mia.bearer(), "Idempotency-Key", UUID.randomUUID().toString(), "X-Request-Id", requestId);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = Api.json(placed).getString("id");

        Await.until("the invoice job (invoice, then mail) succeeded", 90, () -> "SUCCEEDED".equals(invoiceJob(orderId, "status")));
        List<MimeMessage> inbox = inbox(mia.email());
        assertThat(inbox).as("one confirmation").hasSize(1);
        MimeMessage mail = inbox.get(0);
        assertThat(mail.getSubject()).startsWith("Your ScaleShop order " + orderId + " - invoice INV-");
        assertThat(mail.getMessageID()).isEqualTo("<order-confirmation." + orderId + "@scaleshop.local>");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("orders@scaleshop.local");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Hello Mia", "3 x SKU-000121",
                "Total EUR " + Api.json(placed).getJsonNumber("total").bigDecimalValue().setScale(2));
        BodyPart attachment = parts.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        byte[] attached = attachment.getInputStream().readAllBytes();
        HttpResponse<byte[]> invoice = api.getBytes("/api/v1/orders/" + orderId + "/invoice", "Authorization", mia.bearer());
        assertThat(invoice.statusCode()).isEqualTo(200);
        assertThat(attached).as("the stored invoice").isEqualTo(invoice.body());
        try (PDDocument pdf = Loader.loadPDF(attached)) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Order " + orderId, "SKU-000121");
        }
        assertThat(attachment.getFileName()).isEqualTo(mail.getSubject().substring(mail.getSubject().indexOf("INV-")) + ".pdf");
        assertThat(invoiceJob(orderId, "request_id")).as("the checkout's correlation id").isEqualTo(requestId);
        String jobId = invoiceJob(orderId, "id");
        assertThat(Stack.get().anyInstanceLogged("SCALESHOP-JOB-004 job " + jobId + " type=invoice succeeded",
                "requestId=" + requestId)).isTrue();
        assertThat(deliveries(orderId)).isEqualTo(1);

        // the worker died after the relay took the mail, before its transaction committed: the job is still
        // RUNNING and the broker delivers the message again — the invoice is found stored, the mail recorded
        try (Connection db = Stack.get().primary();
             PreparedStatement update = db.prepareStatement("UPDATE job SET status = 'RUNNING', result = NULL WHERE id = ?")) {
            update.setObject(1, UUID.fromString(jobId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        try (JMSContext jms = Stack.get().broker().createContext()) {
            Message again = jms.createMessage();
            again.setStringProperty(JobQueues.JOB_ID_PROPERTY, jobId);
            again.setStringProperty(RequestIds.JMS_PROPERTY, requestId + "-redelivered");
            jms.createProducer().send(jms.createQueue(JobQueues.INVOICE), again);
        }
        Await.until("the redelivered job succeeded", 60, () -> "SUCCEEDED".equals(invoiceJob(orderId, "status")));
        assertThat(Stack.get().anyInstanceLogged("SCALESHOP-INVOICE-001 invoice INV-", "for order " + orderId,
                "exists already")).isTrue();
        assertThat(Stack.get().anyInstanceLogged("SCALESHOP-MAIL-002 order confirmation <order-confirmation." + orderId)).isTrue();
        assertThat(inbox(mia.email())).as("still one mail").hasSize(1);
        assertThat(deliveries(orderId)).isEqualTo(1);
    }

    /** What the relay holds for {@code address}, parsed as the mail client would. */
    static List<MimeMessage> inbox(String address) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Stack.get().mailApiUrl()
                + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            return List.of(); // no mail for that address yet
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonArray messages = Json.createReader(new java.io.StringReader(response.body())).readArray();
        Session session = Session.getInstance(new Properties());
        return messages.getValuesAs(JsonObject.class).stream().map(m -> {
            try {
                return new MimeMessage(session, new ByteArrayInputStream(m.getString("mimeMessage").getBytes(StandardCharsets.UTF_8)));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String invoiceJob(String orderId, String column) {
        try (Connection db = Stack.get().primary();
             PreparedStatement query = db.prepareStatement("SELECT " + column + "::text FROM job WHERE dedup_key = ?")) {
            query.setString(1, "invoice:" + orderId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deliveries(String orderId) throws SQLException {
        try (Connection db = Stack.get().primary();
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM mail_delivery WHERE dedup_key = ?")) {
            query.setString(1, "order-mail:" + orderId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
