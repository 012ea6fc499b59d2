-- Idempotency-Key answers are written in the transaction of the change they answer (service/idempotency.hpp):
-- a row is an answer, never a claim waiting for one, so its answer columns are required and the claim's lease
-- is gone. Claims the previous release left without an answer are dropped: their requests either never
-- committed or lost their answer to a crash, and a retry runs them again (a create then finds what it made).
-- SQLite cannot add NOT NULL to a column, so the table is rebuilt.
CREATE TABLE idempotency_answers (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body         TEXT NOT NULL,
    location     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);
INSERT INTO idempotency_answers (scope, key, request_hash, status, content_type, body, location, created_at)
    SELECT scope, key, request_hash, status, COALESCE(content_type, ''), COALESCE(body, ''), COALESCE(location, ''),
           created_at
    FROM idempotency_keys WHERE status IS NOT NULL;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_answers RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
