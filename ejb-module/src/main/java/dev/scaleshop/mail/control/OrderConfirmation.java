package dev.scaleshop.mail.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Composes the order confirmation: a plain-text summary of the order and its invoice as a PDF attachment.
 * The Message-ID derives from the order, so a mail sent twice (the one window no database row can close:
 * the relay accepted it, the process died before recording that) is recognisable as the same mail.
 */
public final class OrderConfirmation {

    /** One order line as the mail lists it. */
    public record Line(String sku, String name, int quantity, BigDecimal lineTotal) {
    }

    /** Everything the mail says; no entities. */
    public record Content(String recipient, String recipientName, UUID orderId, String currency, BigDecimal total,
            List<Line> lines, String invoiceNumber, byte[] invoicePdf) {
    }

    private OrderConfirmation() {
    }

    public static String subject(Content content) {
        return "Your ScaleShop order " + content.orderId() + " - invoice " + content.invoiceNumber();
    }

    public static String messageId(UUID orderId, InternetAddress from) {
        String address = from.getAddress();
        return "<order-confirmation." + orderId + address.substring(address.indexOf('@')) + ">";
    }

    public static MimeMessage compose(Session session, InternetAddress from, Content content) throws MessagingException {
        String messageId = messageId(content.orderId(), from);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        try {
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(content.recipient(), content.recipientName(), "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        message.setSubject(subject(content), "UTF-8");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(body(content), "UTF-8");
        MimeBodyPart invoice = new MimeBodyPart();
        invoice.setDataHandler(new DataHandler(new ByteArrayDataSource(content.invoicePdf(), "application/pdf")));
        invoice.setFileName(content.invoiceNumber() + ".pdf");
        invoice.setDisposition(MimeBodyPart.ATTACHMENT);
        message.setContent(new MimeMultipart(text, invoice));
        message.saveChanges();
        return message;
    }

    static String body(Content content) {
        StringBuilder body = new StringBuilder()
                .append("Hello ").append(content.recipientName()).append(",\n\n")
                .append("thank you for your order ").append(content.orderId()).append(". It is paid; here is what you ordered:\n\n");
        for (Line line : content.lines()) {
            body.append(String.format("  %3d x %-12s %-40s %12s%n", line.quantity(), line.sku(), clip(line.name()),
                    money(line.lineTotal())));
        }
        body.append(String.format("%n  Total %s %s (VAT included)%n%n", content.currency(), money(content.total())))
                .append("Your invoice ").append(content.invoiceNumber()).append(" is attached as a PDF.\n\n")
                .append("ScaleShop\n");
        return body.toString();
    }

    private static String clip(String name) {
        return name.length() <= 40 ? name : name.substring(0, 39) + "~";
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
