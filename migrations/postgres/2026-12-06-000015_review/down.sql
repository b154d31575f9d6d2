DROP TABLE review_comments;
DROP FUNCTION review_comments_append_only();
ALTER TABLE campaigns DROP COLUMN review_required;
