-- Review by the campaign's team: a campaign may require that a reviewer accepts each
-- response before it counts, and the comments reviewers and respondents exchange on the
-- answers. Keep in step with ../../sqlite/ (same folder name) and src/storage/schema.rs.
ALTER TABLE campaigns ADD COLUMN review_required BOOLEAN NOT NULL DEFAULT FALSE;

-- One comment on one answer: a reviewer's (author_kind 'analyst'), sent with the decision
-- whose response_events row is event_id, possibly asking for a change; or a respondent's
-- reply (author_kind 'link', reply_to the reviewer's comment, event_id null), saved with
-- its section. Append-only like answer_history: retention is the one writer after the
-- insert, and it only erases the body (free text), keeping who and when.
CREATE TABLE review_comments (
    id             BIGSERIAL PRIMARY KEY,
    response_id    BIGINT NOT NULL REFERENCES responses (id),
    question_id    TEXT NOT NULL,
    author_kind    TEXT NOT NULL,
    author_id      BIGINT,
    body           TEXT,
    please_change  BOOLEAN NOT NULL DEFAULT FALSE,
    event_id       BIGINT REFERENCES response_events (id),
    reply_to       BIGINT REFERENCES review_comments (id),
    at             TIMESTAMP NOT NULL
);
CREATE INDEX review_comments_response_id ON review_comments (response_id);

-- Allowed: the body going to null (retention). Nothing else changes.
CREATE FUNCTION review_comments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'review_comments is append-only: its rows are never deleted';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id
       OR NEW.response_id IS DISTINCT FROM OLD.response_id
       OR NEW.question_id IS DISTINCT FROM OLD.question_id
       OR NEW.author_kind IS DISTINCT FROM OLD.author_kind
       OR NEW.author_id IS DISTINCT FROM OLD.author_id
       OR NEW.please_change IS DISTINCT FROM OLD.please_change
       OR NEW.event_id IS DISTINCT FROM OLD.event_id
       OR NEW.reply_to IS DISTINCT FROM OLD.reply_to
       OR NEW.at IS DISTINCT FROM OLD.at
       OR (NEW.body IS DISTINCT FROM OLD.body AND NEW.body IS NOT NULL)
    THEN
        RAISE EXCEPTION 'review_comments is append-only: retention may only erase a body';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER review_comments_append_only BEFORE UPDATE OR DELETE ON review_comments
    FOR EACH ROW EXECUTE FUNCTION review_comments_append_only();
