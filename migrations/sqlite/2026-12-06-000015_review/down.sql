DROP TRIGGER review_comments_only_retention;
DROP TRIGGER review_comments_no_delete;
DROP TABLE review_comments;
ALTER TABLE campaigns DROP COLUMN review_required;
