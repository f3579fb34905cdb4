-- Sales reports administrators asked for: the period, then the files the report worker rendered
-- (aggregated over every shard) once it is ready.
CREATE TABLE sales_report (
    id         UUID PRIMARY KEY,
    from_day   DATE        NOT NULL,
    to_day     DATE        NOT NULL CHECK (to_day > from_day),
    status     VARCHAR(16) NOT NULL CHECK (status IN ('PENDING', 'READY')),
    job_id     UUID,
    csv        BYTEA,
    pdf        BYTEA,
    created_at TIMESTAMPTZ NOT NULL,
    ready_at   TIMESTAMPTZ
);
