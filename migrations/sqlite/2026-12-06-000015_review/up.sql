-- Review by the campaign's team: a campaign may require that a reviewer accepts each
-- response before it counts, and the comments reviewers and respondents exchange on the
-- answers. Keep in step with ../../postgres/ (same folder name) and src/storage/schema.rs.
ALTER TABLE campaigns ADD COLUMN review_required BOOLEAN NOT NULL DEFAULT 0
    CHECK (review_required IN (0, 1));

-- One comment on one answer: a reviewer's (author_kind 'analyst'), sent with the decision
-- whose response_events row is event_id, possibly asking for a change; or a respondent's
-- reply (author_kind 'link', reply_to the reviewer's comment, event_id null), saved with
-- its section. Append-only like answer_history: retention is the one writer after the
-- insert, and it only erases the body (free text), keeping who and when.
CREATE TABLE review_comments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id    INTEGER NOT NULL REFERENCES responses (id),
    question_id    TEXT NOT NULL,
    author_kind    TEXT NOT NULL,
    author_id      INTEGER,
    body           TEXT,
    please_change  BOOLEAN NOT NULL DEFAULT 0 CHECK (please_change IN (0, 1)),
    event_id       INTEGER REFERENCES response_events (id),
    reply_to       INTEGER REFERENCES review_comments (id),
    at             TIMESTAMP NOT NULL
);
CREATE INDEX review_comments_response_id ON review_comments (response_id);

CREATE TRIGGER review_comments_no_delete BEFORE DELETE ON review_comments
BEGIN
    SELECT RAISE(ABORT, 'review_comments is append-only: its rows are never deleted');
END;

-- Allowed: the body going to null (retention). Nothing else changes.
CREATE TRIGGER review_comments_only_retention BEFORE UPDATE ON review_comments
WHEN NEW.id IS NOT OLD.id
  OR NEW.response_id IS NOT OLD.response_id
  OR NEW.question_id IS NOT OLD.question_id
  OR NEW.author_kind IS NOT OLD.author_kind
  OR NEW.author_id IS NOT OLD.author_id
  OR NEW.please_change IS NOT OLD.please_change
  OR NEW.event_id IS NOT OLD.event_id
  OR NEW.reply_to IS NOT OLD.reply_to
  OR NEW.at IS NOT OLD.at
  OR (NEW.body IS NOT OLD.body AND NEW.body IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'review_comments is append-only: retention may only erase a body');
END;
