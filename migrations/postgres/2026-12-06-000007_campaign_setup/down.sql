ALTER TABLE campaigns DROP COLUMN languages;
ALTER TABLE campaigns DROP COLUMN privacy_k;
ALTER TABLE analysts DROP COLUMN may_create_campaigns;
