-- Each mail keeps one Message-ID for every attempt, so a receiver can drop a
-- copy sent again after a crash. Mails queued before get one now.
ALTER TABLE outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
UPDATE outbox SET message_id = '<' || lower(hex(randomblob(16))) || '@liaison.invalid>';
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);

-- The stored bodies hold '{{link_token}}' where the link's token goes; the token
-- itself waits in link_token only until the mail is sent or given up on.
ALTER TABLE outbox ADD COLUMN link_token TEXT;

-- Mails queued before carry their token in the bodies: a link ends in '/r/' and
-- the 43 characters of the token. Move it out.
UPDATE outbox SET link_token = substr(body_text, instr(body_text, '/r/') + 3, 43)
 WHERE instr(body_text, '/r/') > 0;
UPDATE outbox
   SET body_text = replace(body_text, link_token, '{{link_token}}'),
       body_html = replace(body_html, link_token, '{{link_token}}')
 WHERE link_token IS NOT NULL;
UPDATE outbox SET link_token = NULL WHERE state IN ('sent', 'failed');
