-- Campaign set-up in the browser. Keep in step with ../../sqlite/ (same folder name)
-- and src/storage/schema.rs.
--
-- An admin may let an analyst create campaigns; no analyst may until allowed.
ALTER TABLE analysts ADD COLUMN may_create_campaigns BOOLEAN NOT NULL DEFAULT FALSE;

-- A campaign's own privacy threshold; NULL follows the configured one (privacy_k).
ALTER TABLE campaigns ADD COLUMN privacy_k INTEGER CHECK (privacy_k >= 3);

-- The languages a campaign offers its respondents, comma-separated codes ('en,de');
-- NULL for campaigns made before the choice existed, which offer every language of
-- their questionnaires.
ALTER TABLE campaigns ADD COLUMN languages TEXT CHECK (languages <> '');
