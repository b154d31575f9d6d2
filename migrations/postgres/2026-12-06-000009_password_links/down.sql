DELETE FROM outbox WHERE kind = 'password_link';
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('invitation', 'reminder', 'receipt'));
DROP TABLE password_links;
