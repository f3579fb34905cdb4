-- Transactional outbox: what must happen after a shard transaction commits (e.g. render the invoice of
-- an order that became PAID) is written in that same transaction; a relay on every instance turns each
-- row into a job (main database) and its message (broker) in one XA transaction, then deletes the row.
-- A relay that dies in between leaves the row: it is relayed again, and the job's dedup_key makes that
-- a no-op. Rows carry customer_id and bucket, so a bucket move takes them along.
CREATE TABLE outbox_event (
    id          UUID        PRIMARY KEY,
    customer_id UUID        NOT NULL,
    bucket      SMALLINT    NOT NULL,
    type        VARCHAR(40) NOT NULL,
    subject_id  UUID        NOT NULL,
    request_id  VARCHAR(64),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_event_created_idx ON outbox_event (created_at);
CREATE INDEX outbox_event_bucket_idx ON outbox_event (bucket);

-- One invoice per order, rendered once by the invoice worker (a redelivered message inserts nothing).
CREATE TABLE invoice (
    order_id    UUID        PRIMARY KEY REFERENCES customer_order (id) ON DELETE CASCADE,
    customer_id UUID        NOT NULL,
    bucket      SMALLINT    NOT NULL,
    number      VARCHAR(40) NOT NULL UNIQUE,
    pdf         BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX invoice_bucket_idx ON invoice (bucket);
