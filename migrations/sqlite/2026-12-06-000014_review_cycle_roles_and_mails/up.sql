-- The mails of the assessment cycle after a submit: a response sent back for changes,
-- resubmitted (to its reviewers), accepted; a section handed to a colleague; a response
-- given to a peer reviewer. And the reviewer role on a campaign. Keep in step with
-- ../../postgres/ (same folder name) and src/storage/schema.rs.
--
-- SQLite cannot change a CHECK constraint, so the outbox is copied into a table with the
-- new one (no table refers to the outbox, so nothing else changes).
CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder', 'receipt', 'password_link',
                     'changes_requested', 'resubmitted', 'accepted', 'delegation', 'peer_review')),
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
DELETE FROM sqlite_sequence WHERE name = 'outbox_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_new', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_state_next_attempt_at ON outbox (state, next_attempt_at);
CREATE INDEX outbox_invitation_id ON outbox (invitation_id);
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);

-- An analyst assigned to a campaign may also review its responses: send them back for
-- changes, accept them, record the level agreed after a peer review.
ALTER TABLE campaign_analysts ADD COLUMN reviewer BOOLEAN NOT NULL DEFAULT 0
    CHECK (reviewer IN (0, 1));
