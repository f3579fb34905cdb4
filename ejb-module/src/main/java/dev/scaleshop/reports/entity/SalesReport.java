package dev.scaleshop.reports.entity;

import java.time.Instant;
import java.time.LocalDate;
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

/** A sales report over [fromDay, toDay): pending until the worker stored its CSV and PDF. */
@Entity
@Table(name = "sales_report")
public class SalesReport {

    /** Whether the files are there. */
    public enum Status { PENDING, READY }

    @Id
    private UUID id;

    @Column(name = "from_day")
    private LocalDate fromDay;

    @Column(name = "to_day")
    private LocalDate toDay;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "job_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID jobId;

    private byte[] csv;

    private byte[] pdf;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "ready_at")
    private OffsetDateTime readyAt;

    protected SalesReport() {
    }

    public SalesReport(UUID id, LocalDate fromDay, LocalDate toDay, Instant now) {
        this.id = id;
        this.fromDay = fromDay;
        this.toDay = toDay;
        this.status = Status.PENDING;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    public void queued(UUID job) {
        jobId = job;
    }

    public void ready(byte[] csvFile, byte[] pdfFile, Instant now) {
        csv = csvFile;
        pdf = pdfFile;
        status = Status.READY;
        readyAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID id() {
        return id;
    }

    public LocalDate fromDay() {
        return fromDay;
    }

    public LocalDate toDay() {
        return toDay;
    }

    public Status status() {
        return status;
    }

    public UUID jobId() {
        return jobId;
    }

    public byte[] csv() {
        return csv;
    }

    public byte[] pdf() {
        return pdf;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Instant readyAt() {
        return readyAt == null ? null : readyAt.toInstant();
    }
}
