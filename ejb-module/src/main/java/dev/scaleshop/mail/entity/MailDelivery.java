package dev.scaleshop.mail.entity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An e-mail the relay accepted; its key says which mail it was (e.g. order-mail:&lt;order id&gt;). */
@Entity
@Table(name = "mail_delivery")
public class MailDelivery {

    @Id
    @Column(name = "dedup_key")
    private String dedupKey;

    @Column(name = "message_id")
    private String messageId;

    private String recipient;

    private String subject;

    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "sent_at")
    private OffsetDateTime sentAt;

    protected MailDelivery() {
    }

    public MailDelivery(String dedupKey, String messageId, String recipient, String subject, UUID jobId, Instant sentAt) {
        this.dedupKey = dedupKey;
        this.messageId = messageId;
        this.recipient = recipient;
        this.subject = subject;
        this.jobId = jobId;
        this.sentAt = sentAt.atOffset(ZoneOffset.UTC);
    }

    public String messageId() {
        return messageId;
    }

    public Instant sentAt() {
        return sentAt.toInstant();
    }
}
