/**
 * Orders on the customers' shards: checkout as a saga between the main database (stock reservations)
 * and the shard (order, idempotency record), its recovery sweep, and order reads.
 */
package dev.scaleshop.orders;
