-- Evidence behind an answer: a note per question of a response, and files. Keep in step
-- with ../../postgres/ (same folder name) and src/storage/schema.rs.
--
-- Keyed by response and question, not by the answer row: a save replaces the answers of
-- a page, and evidence must outlive that (it may even come before the answer).

CREATE TABLE evidence_notes (
    response_id  INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    note         TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
    -- The respondent said the note names a person: retention erases it.
    personal     BOOLEAN NOT NULL DEFAULT 0 CHECK (personal IN (0, 1)),
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (response_id, question_id)
);

-- The files themselves live here, not in a folder: one backup, one transaction, one
-- place for retention, and no half-written file after a crash.
CREATE TABLE evidence_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id  INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    file_name    TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    media_type   TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    content      BLOB NOT NULL,
    uploaded_at  TIMESTAMP NOT NULL,
    CHECK (length(content) = size_bytes)
);
CREATE INDEX evidence_files_response ON evidence_files (response_id, question_id);
