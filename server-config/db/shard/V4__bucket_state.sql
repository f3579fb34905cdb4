-- Whether this shard serves a bucket now. The shard map (main database) routes; this row is the
-- shard's own word, so a request routed with a stale map cannot write where the bucket no longer is:
-- every write takes this row FOR SHARE and needs SERVING, and a bucket move takes it FOR UPDATE on the
-- source while it copies the last changes (the write fence of that one bucket).
-- SERVING: normal (also for buckets the map sends elsewhere: this shard simply holds none of their rows);
-- INCOMING: being copied in, not served yet; MOVED: moved away, not served (rows deleted after the flip).
CREATE TABLE bucket_state (
    bucket      SMALLINT    PRIMARY KEY CHECK (bucket BETWEEN 0 AND 1023),
    state       VARCHAR(16) NOT NULL DEFAULT 'SERVING' CHECK (state IN ('SERVING', 'INCOMING', 'MOVED')),
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO bucket_state (bucket) SELECT b FROM generate_series(0, 1023) AS b;
