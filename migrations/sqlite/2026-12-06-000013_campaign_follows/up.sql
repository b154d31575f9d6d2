-- The next round: a campaign may name the campaign it follows (the same questionnaires,
-- perhaps in a newer version), so respondents can start from their last answers and
-- reports can show the trend. Keep in step with ../../postgres/ (same folder name) and
-- src/storage/schema.rs.
--
-- Null for a first round; set when the campaign is created.
ALTER TABLE campaigns ADD COLUMN follows_id BIGINT REFERENCES campaigns(id);
