ALTER TABLE campaigns DROP COLUMN follows_id;
