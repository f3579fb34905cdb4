-- Asynchronous jobs: the record a client polls while a message-driven bean does the work.
CREATE TABLE job (
    id         UUID PRIMARY KEY,
    type       VARCHAR(40)  NOT NULL,
    status     VARCHAR(16)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    payload    TEXT,
    result     TEXT,
    error      TEXT,
    attempts   INTEGER      NOT NULL DEFAULT 0,
    request_id VARCHAR(64),
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX job_status_created_idx ON job (status, created_at);
