-- The response lifecycle gets a history, and room for the states to come (changes
-- requested, resubmitted, accepted). Keep in step with ../../sqlite/ (same folder
-- name) and src/storage/schema.rs.
--
-- States are words the application validates (`responses::ResponseState` parses every
-- stored one and refuses any other), so neither table lists them in a CHECK: on SQLite
-- changing a CHECK means rebuilding the table, and a new state should only need new
-- Rust. What stays in the database is what holds for every state: a state is a
-- lowercase word, and only a draft has never been submitted.
ALTER TABLE responses DROP CONSTRAINT responses_state_check;
ALTER TABLE responses DROP CONSTRAINT responses_check;
ALTER TABLE responses ADD CONSTRAINT responses_state_check CHECK (state ~ '^[a-z_]+$');
ALTER TABLE responses ADD CONSTRAINT responses_check CHECK ((state = 'draft') = (submitted_at IS NULL));

-- Append-only: one row per transition, written in the transaction that makes it.
-- from_state is null for the creation of a response. actor_kind is 'link' (actor_id
-- the invitation), 'analyst' (actor_id the analyst) or 'demo' (no id); like the
-- states it is checked in Rust, so a new kind of actor needs no rebuild either.
CREATE TABLE response_events (
    id           BIGSERIAL PRIMARY KEY,
    response_id  BIGINT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    from_state   TEXT,
    to_state     TEXT NOT NULL,
    actor_kind   TEXT NOT NULL,
    actor_id     BIGINT,
    at           TIMESTAMP NOT NULL
);
CREATE INDEX response_events_response_id ON response_events (response_id);
