-- One row per e-mail the relay accepted, written right after the SMTP server said 250. A worker asked to
-- send the same mail again (a redelivered message after a crash) finds the row and sends nothing.
CREATE TABLE mail_delivery (
    dedup_key  VARCHAR(120) PRIMARY KEY,
    message_id VARCHAR(250) NOT NULL,
    recipient  VARCHAR(254) NOT NULL,
    subject    VARCHAR(250) NOT NULL,
    job_id     UUID,
    sent_at    TIMESTAMPTZ  NOT NULL
);
