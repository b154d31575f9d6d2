-- The mails of the assessment cycle after a submit: a response sent back for changes,
-- resubmitted (to its reviewers), accepted; a section handed to a colleague; a response
-- given to a peer reviewer. And the reviewer role on a campaign. Keep in step with
-- ../../sqlite/ (same folder name) and src/storage/schema.rs.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('invitation', 'reminder', 'receipt', 'password_link',
                     'changes_requested', 'resubmitted', 'accepted', 'delegation', 'peer_review'));

-- An analyst assigned to a campaign may also review its responses: send them back for
-- changes, accept them, record the level agreed after a peer review.
ALTER TABLE campaign_analysts ADD COLUMN reviewer BOOLEAN NOT NULL DEFAULT FALSE;
