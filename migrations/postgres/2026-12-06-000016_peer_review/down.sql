ALTER TABLE campaigns DROP COLUMN peer_review_nis2;
DROP TABLE peer_levels;
DROP TABLE peer_consents;
DROP TABLE peer_assignments;
DROP TABLE peer_reviewers;
