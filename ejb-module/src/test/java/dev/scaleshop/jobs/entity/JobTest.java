package dev.scaleshop.jobs.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class JobTest {

    private final Job job = new Job(UUID.randomUUID(), "echo", "hello", "req-1");

    @Test
    void startsQueued() {
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.attempts()).isZero();
    }

    @Test
    void runsThenSucceeds() {
        assertThat(job.start()).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        job.succeed("hello");
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.result()).isEqualTo("hello");
    }

    @Test
    void aRedeliveredMessageCannotRestartAFinishedJob() {
        job.start();
        job.succeed("first");
        assertThat(job.start()).isFalse();
        job.fail("late failure");
        job.succeed("second");
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.result()).isEqualTo("first");
        assertThat(job.error()).isNull();
        assertThat(job.attempts()).isEqualTo(1);
    }

    @Test
    void countsEachAttempt() {
        job.start();
        job.start();
        assertThat(job.attempts()).isEqualTo(2);
    }
}
