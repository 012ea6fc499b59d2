-- Webhooks (issue 15, API.md "Webhooks and the event contract").
-- An endpoint belongs to a publisher or to a tenant (exactly one) and receives the events of that account's
-- change feed whose type matches one of its `events` patterns (a JSON array: types, `family.*`, `*`), from the
-- event after `after_event_id` (the newest event when it was made) on. `secret` signs each delivery; after a
-- rotation `previous_secret` signs too, until `previous_secret_expires_at`. While `busy_until` is ahead, one of its
-- deliveries is being attempted: an endpoint gets one attempt at a time, so a slow one holds one worker at most.
CREATE TABLE webhook_endpoints (
    id                         TEXT PRIMARY KEY,
    publisher_id               TEXT REFERENCES publishers(id),
    tenant_id                  TEXT REFERENCES tenants(id),
    url                        TEXT NOT NULL,
    description                TEXT NOT NULL DEFAULT '',
    events                     TEXT NOT NULL,
    secret                     TEXT NOT NULL,
    previous_secret            TEXT,
    previous_secret_expires_at BIGINT,
    enabled                    INTEGER NOT NULL DEFAULT 1,
    disabled_reason            TEXT,
    consecutive_failures       INTEGER NOT NULL DEFAULT 0,
    busy_until                 BIGINT,
    after_event_id             BIGINT NOT NULL,
    created_at                 BIGINT NOT NULL,
    updated_at                 BIGINT NOT NULL,
    CHECK ((publisher_id IS NULL) <> (tenant_id IS NULL))
);
CREATE INDEX webhook_endpoints_publisher ON webhook_endpoints (publisher_id);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id);

-- The outbox: one row per (endpoint, event), made by the dispatcher from the events table. `status` pending (not
-- tried yet, or queued again), failed (tried; retried at next_attempt_at), succeeded, dead (given up). A worker
-- owns an attempt while `locked_until` is ahead.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event_id         BIGINT NOT NULL REFERENCES events(id),
    event_type       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER,
    last_error       TEXT,
    last_attempt_at  BIGINT,
    next_attempt_at  BIGINT,
    locked_until     BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_subject ON webhook_deliveries (endpoint_id, subject, id);

-- How far the dispatcher has read the events table: one row.
CREATE TABLE webhook_dispatch (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id BIGINT NOT NULL
);
INSERT INTO webhook_dispatch (id, last_event_id) SELECT 1, COALESCE(MAX(id), 0) FROM events;
