/**
 * Asynchronous jobs. The API answers 202 with a job resource; a message-driven bean in jms-workers
 * does the work. Delivery is at-least-once (XA rollback → redelivery → dead-letter address after the
 * broker's max attempts), so every transition on {@link dev.scaleshop.jobs.entity.Job} is idempotent.
 */
package dev.scaleshop.jobs;
