-- A campaign's own wording of its invitations and reminders, per mail language: the
-- subject and the opening paragraph. Without a row the shipped wording is used. The
-- link, the deadline, the TLP line and what happens to the answers are always added by
-- the templates, so they have no column. Keep in step with ../../postgres/ (same folder
-- name) and src/storage/schema.rs.
CREATE TABLE campaign_mail_texts (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
    language     TEXT NOT NULL,
    subject      TEXT NOT NULL,
    opening      TEXT NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (campaign_id, kind, language)
);
