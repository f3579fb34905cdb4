-- Customer directory (main database): who can log in, with which credentials and roles. The profile
-- (name, address) is a separate table so it can move to the customer's shard without touching login.
CREATE TABLE account (
    id             UUID PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,        -- as registered (display)
    email_key      VARCHAR(254) NOT NULL UNIQUE, -- lower-cased: one account per address, whatever the case
    password_hash  VARCHAR(400) NOT NULL,        -- Jakarta Security Pbkdf2PasswordHash format
    roles          VARCHAR(200) NOT NULL,        -- comma-separated: customer, partner, admin
    status         VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at     TIMESTAMPTZ  NOT NULL,
    version        BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE customer_profile (
    customer_id  UUID PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    line1        VARCHAR(200) NOT NULL,
    line2        VARCHAR(200),
    city         VARCHAR(100) NOT NULL,
    postal_code  VARCHAR(20)  NOT NULL,
    country      CHAR(2)      NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    version      BIGINT       NOT NULL DEFAULT 0
);

-- Refresh tokens: only a SHA-256 of the token is stored. Each use rotates it (replaced_by); presenting a
-- rotated token again means it leaked, and revokes every refresh token of the account.
CREATE TABLE refresh_token (
    token_hash   CHAR(64)    PRIMARY KEY,
    account_id   UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    expires_at   TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX refresh_token_account_idx ON refresh_token (account_id);
