/**
 * Customer data sharded over several PostgreSQL servers. A customer's bucket is a stable hash of their
 * id ({@link dev.scaleshop.sharding.control.Buckets}); the shard map in the main database says which
 * server holds each bucket ({@link dev.scaleshop.sharding.control.ShardMap}); shard work goes through
 * {@link dev.scaleshop.sharding.control.Shards}.
 *
 * <p>Why one resource-local unit with an entity manager per shard, not an EclipseLink
 * {@code PartitioningPolicy}: the routing key (the customer's bucket, then the map's current answer) is
 * known to the business code before any query, and a partitioning policy would have to rediscover it
 * from query arguments — and fall back to a default connection pool for any query it cannot route,
 * which is exactly the silent misrouting this design forbids. With an entity manager bound to one
 * shard's pool, a unit of work can only ever touch that shard; there is no shard-less path. The price:
 * a cross-shard query is explicit scatter/gather code, which it should be anyway.
 */
package dev.scaleshop.sharding;
