/**
 * Exceptions that describe client mistakes in business terms. They carry a stable problem type slug
 * (the last path segment of the RFC 9457 {@code type} URI) so the web tier never has to guess a status.
 */
package dev.scaleshop.problems;
