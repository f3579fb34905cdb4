-- A job started by an event (not a request) may be offered twice (an outbox row relayed again after a
-- crash): dedup_key (e.g. invoice:<order id>) makes the second offer find the first job. owner_id: the
-- customer the job is about; only they (or an administrator) may see it.
ALTER TABLE job ADD COLUMN dedup_key VARCHAR(120) UNIQUE;
ALTER TABLE job ADD COLUMN owner_id UUID;
