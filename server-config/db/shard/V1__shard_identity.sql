-- Every shard knows which shard it is, so a misrouted connection is detected instead of writing into
-- the wrong database. ${shardNo} is a Flyway placeholder set by server-config/bin/stack.
CREATE TABLE shard_identity (
    shard_no   INTEGER PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO shard_identity (shard_no) VALUES (${shardNo});
