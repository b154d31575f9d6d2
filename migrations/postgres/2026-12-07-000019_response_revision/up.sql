-- Counts the changes of a response's answers: every write of answers raises it under the
-- response's row lock, so a save can tell that nothing changed since its page was loaded.
ALTER TABLE responses ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
