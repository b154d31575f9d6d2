ALTER TABLE campaigns DROP COLUMN erased_at;
ALTER TABLE campaigns DROP COLUMN retention_days;
