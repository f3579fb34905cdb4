/**
 * Rate limiting in the application tier: a servlet filter picks a policy per request (anonymous by
 * client address, authenticated by token subject and plan, login and registration stricter, health and
 * metrics exempt) and takes a token from a Bucket4j bucket kept in Payara's own Hazelcast grid, so
 * every instance draws from the same bucket. Answers carry the IETF httpapi ratelimit-headers fields.
 */
package dev.scaleshop.ratelimiting;
