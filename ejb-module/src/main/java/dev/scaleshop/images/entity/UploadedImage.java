package dev.scaleshop.images.entity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.scaleshop.platform.entity.NullableUuidConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An uploaded product image: what the header said, and how far its scaling got. The bytes live apart. */
@Entity
@Table(name = "product_image")
@NamedQuery(name = UploadedImage.OF_PRODUCT, query = "SELECT i FROM UploadedImage i WHERE i.sku = :sku ORDER BY i.createdAt DESC")
public class UploadedImage {

    public static final String OF_PRODUCT = "UploadedImage.ofProduct";

    /** Scaling state. */
    public enum Status { PENDING, READY, FAILED }

    @Id
    private UUID id;

    private String sku;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;

    @Column(name = "content_type")
    private String contentType;

    private int width;

    private int height;

    private int bytes;

    private String sha256;

    @Column(name = "job_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID jobId;

    private String error;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected UploadedImage() {
    }

    public UploadedImage(UUID id, String sku, String contentType, int width, int height, int bytes, String sha256, Instant now) {
        this.id = id;
        this.sku = sku;
        this.status = Status.PENDING;
        this.contentType = contentType;
        this.width = width;
        this.height = height;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.updatedAt = createdAt;
    }

    public void queued(UUID job) {
        this.jobId = job;
    }

    public void ready(Instant now) {
        status = Status.READY;
        updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    public void failed(String reason, Instant now) {
        status = Status.FAILED;
        error = reason;
        updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    public Status status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bytes() {
        return bytes;
    }

    public String sha256() {
        return sha256;
    }

    public UUID jobId() {
        return jobId;
    }

    public String error() {
        return error;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }
}
