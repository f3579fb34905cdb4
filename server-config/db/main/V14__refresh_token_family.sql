-- Each login starts a family of refresh tokens that rotation carries on: logging out revokes one family (one
-- device or client), a replayed token still revokes every token of the account. Rows from before: one family
-- per account. Expired tokens are purged (by expires_at).
ALTER TABLE refresh_token ADD COLUMN family UUID;
UPDATE refresh_token SET family = account_id;
ALTER TABLE refresh_token ALTER COLUMN family SET NOT NULL;
CREATE INDEX refresh_token_family_idx ON refresh_token (family);
CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at);
