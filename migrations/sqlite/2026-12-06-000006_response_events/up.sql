-- The response lifecycle gets a history, and room for the states to come (changes
-- requested, resubmitted, accepted). Keep in step with ../../postgres/ (same folder
-- name) and src/storage/schema.rs.
--
-- States are words the application validates (`responses::ResponseState` parses every
-- stored one and refuses any other), so neither table lists them in a CHECK: on SQLite
-- changing a CHECK means rebuilding the table, and a new state should only need new
-- Rust. What stays in the database is what holds for every state: a state is a
-- lowercase word, and only a draft has never been submitted.
--
-- responses is rebuilt once, here, to drop its list of states. With foreign keys on,
-- dropping it would cascade into answers, so answers are set aside and rebuilt too;
-- the AUTOINCREMENT counter is carried over so an id is never handed out twice.

CREATE TABLE responses_rebuilt (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    invitation_id          INTEGER NOT NULL UNIQUE REFERENCES invitations (id),
    questionnaire_id       TEXT NOT NULL,
    questionnaire_version  TEXT NOT NULL,
    state                  TEXT NOT NULL DEFAULT 'draft'
                           CHECK (state <> '' AND state NOT GLOB '*[^a-z_]*'),
    language               TEXT NOT NULL,
    started_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    submitted_at           TIMESTAMP,
    CHECK ((state = 'draft') = (submitted_at IS NULL)),
    FOREIGN KEY (questionnaire_id, questionnaire_version)
        REFERENCES questionnaire_snapshots (questionnaire_id, version)
);
INSERT INTO responses_rebuilt (id, invitation_id, questionnaire_id, questionnaire_version,
                               state, language, started_at, updated_at, submitted_at)
SELECT id, invitation_id, questionnaire_id, questionnaire_version,
       state, language, started_at, updated_at, submitted_at
FROM responses;
DELETE FROM sqlite_sequence WHERE name = 'responses_rebuilt';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'responses_rebuilt', seq FROM sqlite_sequence WHERE name = 'responses';

CREATE TABLE answers_kept AS SELECT * FROM answers;
DROP TABLE answers;
DROP TABLE responses;
ALTER TABLE responses_rebuilt RENAME TO responses;

CREATE TABLE answers (
    response_id  INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (response_id, question_id)
);
INSERT INTO answers (response_id, question_id, value, updated_at)
SELECT response_id, question_id, value, updated_at FROM answers_kept;
DROP TABLE answers_kept;
CREATE INDEX answers_question_id ON answers (question_id);

-- Append-only: one row per transition, written in the transaction that makes it.
-- from_state is null for the creation of a response. actor_kind is 'link' (actor_id
-- the invitation), 'analyst' (actor_id the analyst) or 'demo' (no id); like the
-- states it is checked in Rust, so a new kind of actor needs no rebuild either.
CREATE TABLE response_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id  INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    from_state   TEXT,
    to_state     TEXT NOT NULL,
    actor_kind   TEXT NOT NULL,
    actor_id     INTEGER,
    at           TIMESTAMP NOT NULL
);
CREATE INDEX response_events_response_id ON response_events (response_id);
