ALTER TABLE campaigns ADD COLUMN follows_id BIGINT REFERENCES campaigns(id);
