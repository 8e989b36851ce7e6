-- Manual review of needs_review sessions: the decision, an optional note, who (API key prefix) and when.
ALTER TABLE sessions ADD COLUMN review_decision VARCHAR(20);
ALTER TABLE sessions ADD COLUMN review_note TEXT;
ALTER TABLE sessions ADD COLUMN reviewed_by VARCHAR(32);
ALTER TABLE sessions ADD COLUMN reviewed_at TIMESTAMP WITH TIME ZONE;
