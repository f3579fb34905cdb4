/**
 * Message-driven beans that do job work, one per queue. They run on every instance of the deployment
 * group as competing consumers of the same Artemis queues. Poison messages are placed on the
 * dead-letter address by the broker after its maximum delivery attempts.
 */
package dev.scaleshop.jobs.consumer;
