package dev.scaleshop.jobs.resource;

import java.time.OffsetDateTime;
import java.util.Locale;

import dev.scaleshop.jobs.entity.Job;

/** A job as clients see it: status in lower case ({@code queued | running | succeeded | failed}). */
public record JobRepresentation(String id, String type, String status, String result, String error,
                                int attempts, String requestId, OffsetDateTime createdAt,
                                OffsetDateTime updatedAt, String href) {

    static JobRepresentation of(Job job) {
        return new JobRepresentation(job.id().toString(), job.type(),
                job.status().name().toLowerCase(Locale.ROOT), job.result(), job.error(), job.attempts(),
                job.requestId(), job.createdAt(), job.updatedAt(), JobsResource.location(job.id()).toString());
    }
}
