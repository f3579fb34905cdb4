package dev.scaleshop.jobs.entity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.scaleshop.platform.entity.NullableUuidConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A unit of asynchronous work and its outcome. Transitions are monotonic: a message redelivered after
 * the job finished changes nothing, which is what makes at-least-once delivery safe.
 */
@Entity
@Table(name = "job")
public class Job {

    @Id
    private UUID id;

    private String type;

    @Enumerated(EnumType.STRING)
    private JobStatus status;

    private String payload;

    private String result;

    private String error;

    private int attempts;

    @Column(name = "request_id")
    private String requestId;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Column(name = "dedup_key")
    private String dedupKey;

    @Column(name = "owner_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID ownerId;

    @Version
    private long version;

    protected Job() {
        // for JPA
    }

    public Job(UUID id, String type, String payload, String requestId) {
        this.id = id;
        this.type = type;
        this.payload = payload;
        this.requestId = requestId;
        this.status = JobStatus.QUEUED;
        this.createdAt = now();
        this.updatedAt = createdAt;
    }

    /** A job about one customer's data, offered at most once per {@code dedupKey}. */
    public Job(UUID id, String type, String payload, String requestId, String dedupKey, UUID ownerId) {
        this(id, type, payload, requestId);
        this.dedupKey = dedupKey;
        this.ownerId = ownerId;
    }

    /** The customer the job is about (only they or an administrator may see it); null for anyone's. */
    public UUID ownerId() {
        return ownerId;
    }

    /** @return false if the job already finished, so the caller must not do the work again */
    public boolean start() {
        if (status.isTerminal()) {
            return false;
        }
        status = JobStatus.RUNNING;
        attempts++;
        updatedAt = now();
        return true;
    }

    public void succeed(String outcome) {
        if (status.isTerminal()) {
            return;
        }
        status = JobStatus.SUCCEEDED;
        result = outcome;
        updatedAt = now();
    }

    public void fail(String reason) {
        if (status.isTerminal()) {
            return;
        }
        status = JobStatus.FAILED;
        error = reason;
        updatedAt = now();
    }

    /** Its message was sent again (the first was lost): counts as fresh for the next staleness check. */
    public void redispatched() {
        updatedAt = now();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() {
        return id;
    }

    public String type() {
        return type;
    }

    public JobStatus status() {
        return status;
    }

    public String payload() {
        return payload;
    }

    public String result() {
        return result;
    }

    public String error() {
        return error;
    }

    public int attempts() {
        return attempts;
    }

    public String requestId() {
        return requestId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
