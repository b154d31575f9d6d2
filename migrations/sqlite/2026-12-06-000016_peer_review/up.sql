-- Peer review: accounts scoped to the responses given to them, the reviewed team's
-- consent, the levels a peer records and the levels agreed afterwards, and a campaign's
-- choice of NIS2-style peer review (peers from at least two other countries). Keep in
-- step with ../../postgres/ (same folder name) and src/storage/schema.rs.

-- SQLite cannot change the CHECK on analysts.role without rebuilding a table many others
-- refer to: a peer reviewer is an analyst row plus a row here.
CREATE TABLE peer_reviewers (
    analyst_id   INTEGER PRIMARY KEY NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    country      TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
    organisation TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);

-- A response given to a peer reviewer by an admin.
CREATE TABLE peer_assignments (
    response_id  INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    analyst_id   INTEGER NOT NULL REFERENCES peer_reviewers (analyst_id) ON DELETE CASCADE,
    assigned_by  TEXT NOT NULL,
    at           TIMESTAMP NOT NULL,
    PRIMARY KEY (response_id, analyst_id)
);
CREATE INDEX peer_assignments_analyst_id ON peer_assignments (analyst_id);

-- The reviewed team's consent, given through its link (the invitation); withdrawn_at is
-- set when it is taken back before any peer was given the response.
CREATE TABLE peer_consents (
    response_id    INTEGER PRIMARY KEY NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    invitation_id  INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    at             TIMESTAMP NOT NULL,
    withdrawn_at   TIMESTAMP
);

-- Levels per parameter, every change a new row (the latest per question counts): the
-- peers' assessment (kind 'peer') and the level agreed afterwards (kind 'agreed').
CREATE TABLE peer_levels (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id    INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('peer', 'agreed')),
    question_id    TEXT NOT NULL,
    level          INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    justification  TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    at             TIMESTAMP NOT NULL
);
CREATE INDEX peer_levels_response_id ON peer_levels (response_id, kind, question_id);

ALTER TABLE campaigns ADD COLUMN peer_review_nis2 BOOLEAN NOT NULL DEFAULT 0
    CHECK (peer_review_nis2 IN (0, 1));
