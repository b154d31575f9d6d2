DROP TABLE gap_consents;
