/**
 * Request correlation. The web tier accepts or mints an {@code X-Request-Id}; it is stored with every
 * job, copied onto the JMS message as a property, and written in every worker log line about that job.
 */
package dev.scaleshop.tracing;
