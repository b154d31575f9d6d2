-- One-time links to set an account's password, mailed through the outbox. Keep in step
-- with ../../postgres/ (same folder name) and src/storage/schema.rs.
--
-- Only the SHA-256 of a link's token is kept; the token itself waits in outbox.link_token
-- until its mail is sent. A link works once, until it expires: used_at is set when it is
-- used, and also when a newer link or a password set through another link voids it.
CREATE TABLE password_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    analyst_id  INTEGER NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    CHECK (expires_at > created_at)
);
CREATE INDEX password_links_analyst_id ON password_links (analyst_id);

-- The mail carrying such a link is a kind of its own. SQLite cannot change a CHECK
-- constraint, so the outbox is copied into a table with the new one (no table refers to
-- the outbox, so nothing else changes).
CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder', 'receipt', 'password_link')),
    invitation_id    INTEGER REFERENCES invitations (id) ON DELETE SET NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TIMESTAMP NOT NULL,
    last_error       TEXT,
    created_at       TIMESTAMP NOT NULL,
    sent_at          TIMESTAMP,
    message_id       TEXT NOT NULL DEFAULT '',
    link_token       TEXT
);
INSERT INTO outbox_new (id, kind, invitation_id, recipient, subject, body_text, body_html,
                        state, attempts, next_attempt_at, last_error, created_at, sent_at,
                        message_id, link_token)
    SELECT id, kind, invitation_id, recipient, subject, body_text, body_html,
           state, attempts, next_attempt_at, last_error, created_at, sent_at,
           message_id, link_token
      FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_state_next_attempt_at ON outbox (state, next_attempt_at);
CREATE INDEX outbox_invitation_id ON outbox (invitation_id);
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);
