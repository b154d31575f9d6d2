ALTER TABLE campaign_analysts DROP COLUMN reviewer;
DELETE FROM outbox WHERE kind IN ('changes_requested', 'resubmitted', 'accepted', 'delegation', 'peer_review');
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('invitation', 'reminder', 'receipt', 'password_link'));
