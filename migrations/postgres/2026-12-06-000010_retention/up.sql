-- Retention: how long a campaign keeps its participants' personal data after it closes,
-- and when that data was erased. Keep in step with ../../sqlite/ (same folder name)
-- and src/storage/schema.rs.
--
-- Campaigns made before the setting existed keep the default of 365 days.
ALTER TABLE campaigns ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 365
    CHECK (retention_days BETWEEN 30 AND 3650);

-- Set once, by the retention run that erased the campaign's personal data.
ALTER TABLE campaigns ADD COLUMN erased_at TIMESTAMP;
