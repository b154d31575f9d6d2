-- Sections of a response handed by the invited contact to a colleague, who answers them
-- through a personal link of their own. Keep in step with ../../postgres/ (same folder
-- name) and src/storage/schema.rs.
--
-- Keyed by the contact's invitation, not the response: a colleague may be asked before
-- the first answer is saved. The sections are their ids (a JSON array), not numbers, so a
-- questionnaire whose sections move cannot hand a colleague the wrong page. Only the
-- SHA-256 of the link token is kept. Retention erases the colleague's address and name.
CREATE TABLE delegations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    invitation_id  INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    email          TEXT,
    name           TEXT,
    sections       TEXT NOT NULL,
    token_hash     TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at     TIMESTAMP NOT NULL,
    -- The colleague said they have finished.
    done_at        TIMESTAMP,
    -- The contact took the sections back.
    revoked_at     TIMESTAMP,
    -- The contact submitted the response while it was still open.
    closed_at      TIMESTAMP,
    -- The language the colleague chose for their pages; NULL follows the response's.
    -- Kept here so that their choice never changes the contact's pages.
    language       TEXT
);
CREATE INDEX delegations_invitation ON delegations (invitation_id);
