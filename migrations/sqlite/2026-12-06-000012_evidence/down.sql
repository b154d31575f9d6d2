DROP TABLE evidence_files;
DROP TABLE evidence_notes;
