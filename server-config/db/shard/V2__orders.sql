-- Orders live on their customer's shard. Every sharded table carries customer_id and bucket (so a
-- bucket can be copied to another shard by a WHERE bucket = ?); ids are UUIDv7, unique everywhere.

-- One row per Idempotency-Key of a customer: the first request's fingerprint and, once it finished,
-- the answer every replay gets. IN_PROGRESS while the checkout runs; ABANDONED when the recovery
-- sweeper gave the stock back for a checkout that died (the order can then never be written).
CREATE TABLE idempotency_record (
    customer_id      UUID        NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    bucket           SMALLINT    NOT NULL,
    request_hash     CHAR(64)    NOT NULL,
    order_id         UUID        NOT NULL UNIQUE,
    state            VARCHAR(16) NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED', 'ABANDONED')),
    response_status  SMALLINT,
    response_body    TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (customer_id, idempotency_key)
);
CREATE INDEX idempotency_record_bucket_idx ON idempotency_record (bucket);

CREATE TABLE customer_order (
    id            UUID PRIMARY KEY,
    customer_id   UUID          NOT NULL,
    bucket        SMALLINT      NOT NULL,
    status        VARCHAR(24)   NOT NULL CHECK (status IN ('PAYMENT_PENDING', 'PAID', 'PAYMENT_FAILED', 'CANCELLED')),
    currency      CHAR(3)       NOT NULL,
    total_amount  NUMERIC(12,2) NOT NULL CHECK (total_amount >= 0),
    created_at    TIMESTAMPTZ   NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL,
    version       BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX customer_order_customer_idx ON customer_order (customer_id, created_at DESC, id DESC);
CREATE INDEX customer_order_bucket_idx ON customer_order (bucket);
CREATE INDEX customer_order_created_idx ON customer_order (created_at DESC, id DESC);

CREATE TABLE order_line (
    order_id     UUID          NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line_no      SMALLINT      NOT NULL,
    customer_id  UUID          NOT NULL,
    bucket       SMALLINT      NOT NULL,
    sku          VARCHAR(64)   NOT NULL,
    name         VARCHAR(200)  NOT NULL,
    unit_price   NUMERIC(12,2) NOT NULL,
    quantity     INTEGER       NOT NULL CHECK (quantity > 0),
    line_total   NUMERIC(12,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_line_bucket_idx ON order_line (bucket);
