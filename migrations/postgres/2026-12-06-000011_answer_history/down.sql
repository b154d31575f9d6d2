DROP TABLE answer_history;
DROP FUNCTION answer_history_append_only();
