-- The shard map: which shard server holds each of the 1024 virtual buckets of customer data
-- (bucket = floorMod(mix64(customer id), 1024), see dev.scaleshop.sharding.control.Buckets). The
-- application fills it on first start from the configured shard list (even ranges) and every instance
-- reloads it when the highest version changes. state: ACTIVE, or MOVING while a bucket is being copied
-- to another shard (writes to it are fenced for the final step only).
CREATE TABLE shard_map (
    bucket   SMALLINT PRIMARY KEY CHECK (bucket >= 0 AND bucket < 1024),
    shard    SMALLINT NOT NULL CHECK (shard >= 0),
    state    VARCHAR(16) NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'MOVING')),
    version  BIGINT   NOT NULL
);

-- Stock held for an order between the reservation (main database) and the order's commit on its shard.
-- A checkout saga step: PENDING until the order is on its shard (CONFIRMED) or the checkout was
-- abandoned and the stock given back (RELEASED). A sweeper settles PENDING rows older than a minute,
-- so a process dying mid-checkout leaves neither an order without stock nor stock without an order.
CREATE TABLE stock_reservation (
    order_id     UUID PRIMARY KEY,
    customer_id  UUID        NOT NULL,
    bucket       SMALLINT    NOT NULL,
    lines        JSONB       NOT NULL,   -- [{"sku": "...", "quantity": n}]
    status       VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'RELEASED')),
    created_at   TIMESTAMPTZ NOT NULL,
    settled_at   TIMESTAMPTZ
);
CREATE INDEX stock_reservation_pending_idx ON stock_reservation (created_at) WHERE status = 'PENDING';
