/**
 * The REST application and its cross-cutting error handling. Every error leaves as
 * {@code application/problem+json} (RFC 9457): client mistakes are 4xx with a detail, server failures
 * are a 500 that says only which request id to quote.
 */
package dev.scaleshop.api;
