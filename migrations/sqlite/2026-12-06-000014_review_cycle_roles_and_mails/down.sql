ALTER TABLE campaign_analysts DROP COLUMN reviewer;
DELETE FROM outbox WHERE kind IN ('changes_requested', 'resubmitted', 'accepted', 'delegation', 'peer_review');
CREATE TABLE outbox_old (
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
INSERT INTO outbox_old SELECT id, kind, invitation_id, recipient, subject, body_text, body_html,
                              state, attempts, next_attempt_at, last_error, created_at, sent_at,
                              message_id, link_token
                         FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_old RENAME TO outbox;
CREATE INDEX outbox_state_next_attempt_at ON outbox (state, next_attempt_at);
CREATE INDEX outbox_invitation_id ON outbox (invitation_id);
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);
