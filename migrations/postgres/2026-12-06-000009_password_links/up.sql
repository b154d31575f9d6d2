-- One-time links to set an account's password, mailed through the outbox. Keep in step
-- with ../../sqlite/ (same folder name) and src/storage/schema.rs.
--
-- Only the SHA-256 of a link's token is kept; the token itself waits in outbox.link_token
-- until its mail is sent. A link works once, until it expires: used_at is set when it is
-- used, and also when a newer link or a password set through another link voids it.
CREATE TABLE password_links (
    id          BIGSERIAL PRIMARY KEY,
    analyst_id  BIGINT NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    CHECK (expires_at > created_at)
);
CREATE INDEX password_links_analyst_id ON password_links (analyst_id);

-- The mail carrying such a link is a kind of its own.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('invitation', 'reminder', 'receipt', 'password_link'));
