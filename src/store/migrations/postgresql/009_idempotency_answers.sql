-- The PostgreSQL twin of sqlite/009_idempotency_answers.sql: the answer columns become required.
-- Idempotency-Key answers are written in the transaction of the change they answer (service/idempotency.hpp):
-- a row is an answer, never a claim waiting for one, so its answer columns are required and the claim's lease
-- is gone. Claims the previous release left without an answer are dropped: their requests either never
-- committed or lost their answer to a crash, and a retry runs them again (a create then finds what it made).
DELETE FROM idempotency_keys WHERE status IS NULL;
UPDATE idempotency_keys SET content_type = COALESCE(content_type, ''), body = COALESCE(body, ''),
    location = COALESCE(location, '')
    WHERE content_type IS NULL OR body IS NULL OR location IS NULL;
ALTER TABLE idempotency_keys
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN content_type SET NOT NULL,
    ALTER COLUMN body SET NOT NULL,
    ALTER COLUMN location SET NOT NULL;
