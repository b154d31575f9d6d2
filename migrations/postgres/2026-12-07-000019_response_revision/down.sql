ALTER TABLE responses DROP COLUMN revision;
