UPDATE outbox
   SET body_text = replace(body_text, '{{link_token}}', link_token),
       body_html = replace(body_html, '{{link_token}}', link_token)
 WHERE link_token IS NOT NULL;
ALTER TABLE outbox DROP COLUMN link_token;
DROP INDEX outbox_message_id;
ALTER TABLE outbox DROP COLUMN message_id;
