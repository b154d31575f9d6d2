DROP TRIGGER answer_history_only_retention;
DROP TRIGGER answer_history_no_delete;
DROP TABLE answer_history;
