/**
 * Rate limiting in the application tier (the edge tier is HAProxy's stick-table, rendered by the stack
 * script from the same configuration). A servlet filter picks a policy per request — the route's own
 * (login and registration, job submissions), the partner tier for partner tokens, the token's plan
 * tier, or anonymous — and a key (client address or token subject), and takes one request's worth from
 * a Bucket4j bucket kept in Payara's own Hazelcast grid, so every instance draws from the same bucket.
 * Token buckets allow bursts; the leaky bucket (GCRA, a one-token bucket) admits a constant rate. When
 * the grid cannot answer in time, each instance decides alone with its share of the policy. Answers
 * carry the IETF httpapi ratelimit-headers fields.
 */
package dev.scaleshop.ratelimiting;
