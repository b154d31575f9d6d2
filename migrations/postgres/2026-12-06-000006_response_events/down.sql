-- Back to the two states the first schema listed; fails on a response in any other.
DROP TABLE response_events;
ALTER TABLE responses DROP CONSTRAINT responses_state_check;
ALTER TABLE responses DROP CONSTRAINT responses_check;
ALTER TABLE responses ADD CONSTRAINT responses_state_check CHECK (state IN ('draft', 'submitted'));
ALTER TABLE responses ADD CONSTRAINT responses_check CHECK ((state = 'submitted') = (submitted_at IS NOT NULL));
