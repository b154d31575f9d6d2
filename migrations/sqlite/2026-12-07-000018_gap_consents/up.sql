-- Consent to share a cooperation response's dimension scores and mirrored answers with
-- the organisations of the other audiences of the same country in the same campaign
-- that consent too. Withdrawing deletes the row; both are audited. Keep in step with
-- ../../postgres/ (same folder name) and src/storage/schema.rs.
CREATE TABLE gap_consents (
    response_id  INTEGER PRIMARY KEY NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    at           TIMESTAMP NOT NULL
);
