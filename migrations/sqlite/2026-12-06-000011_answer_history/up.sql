-- Answer history: every change to an answer, written in the transaction that changes
-- it. Keep in step with ../../postgres/ (same folder name) and src/storage/schema.rs.
--
-- old_value and new_value are the answer as `answers.value` holds it (JSON), null for
-- no answer; a row is a real change, so they differ. actor_kind and actor_id name who
-- made it as response_events does ('link' and the invitation, 'analyst' and the
-- account, 'demo' without an id; checked in Rust). Retention is the one writer after
-- the insert: it drops who (actor_kind and actor_id become null) and erases the values
-- of personal questions (both null, values_erased set). The triggers refuse every
-- other update and every delete, so the history is append-only in the database too;
-- and since no delete cascades, a response with a history cannot be deleted.
CREATE TABLE answer_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id    INTEGER NOT NULL REFERENCES responses (id),
    question_id    TEXT NOT NULL,
    old_value      TEXT,
    new_value      TEXT,
    actor_kind     TEXT,
    actor_id       INTEGER,
    at             TIMESTAMP NOT NULL,
    values_erased  BOOLEAN NOT NULL DEFAULT 0 CHECK (values_erased IN (0, 1)),
    CHECK (values_erased OR old_value IS NOT new_value),
    CHECK (NOT values_erased OR (old_value IS NULL AND new_value IS NULL)),
    CHECK (actor_kind IS NOT NULL OR actor_id IS NULL)
);
CREATE INDEX answer_history_response_id ON answer_history (response_id);

CREATE TRIGGER answer_history_no_delete BEFORE DELETE ON answer_history
BEGIN
    SELECT RAISE(ABORT, 'answer_history is append-only: its rows are never deleted');
END;

-- Allowed: who made a change going to null, and values_erased going from 0 to 1 with
-- the values (the CHECKs above then demand both null). Nothing else changes.
CREATE TRIGGER answer_history_only_retention BEFORE UPDATE ON answer_history
WHEN NEW.id IS NOT OLD.id
  OR NEW.response_id IS NOT OLD.response_id
  OR NEW.question_id IS NOT OLD.question_id
  OR NEW.at IS NOT OLD.at
  OR (NEW.actor_kind IS NOT OLD.actor_kind AND NEW.actor_kind IS NOT NULL)
  OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id IS NOT NULL)
  OR (OLD.values_erased AND NOT NEW.values_erased)
  OR (NEW.values_erased = OLD.values_erased
      AND (NEW.old_value IS NOT OLD.old_value OR NEW.new_value IS NOT OLD.new_value))
BEGIN
    SELECT RAISE(ABORT, 'answer_history is append-only: retention may only drop who made a change and erase personal values');
END;
