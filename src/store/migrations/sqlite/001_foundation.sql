-- Publishers, their users, sessions and API keys; offers, plans, packages, leads; the events spine; durable jobs.
-- Times are milliseconds since the Unix epoch (BIGINT); JSON documents are TEXT.

CREATE TABLE publishers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    publisher_id  TEXT REFERENCES publishers (id),
    tenant_id     TEXT,
    role          TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX users_publisher ON users (publisher_id);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    secret_hash  TEXT NOT NULL,
    publisher_id TEXT REFERENCES publishers (id),
    tenant_id    TEXT,
    role         TEXT NOT NULL,
    name         TEXT NOT NULL,
    created_by   TEXT,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX api_keys_publisher ON api_keys (publisher_id);

CREATE TABLE offers (
    publisher_id                  TEXT NOT NULL REFERENCES publishers (id),
    id                            TEXT NOT NULL,
    alias                         TEXT NOT NULL,
    type                          TEXT NOT NULL,
    state                         TEXT NOT NULL,
    license_management            INTEGER NOT NULL DEFAULT 0,
    allow_install_without_license INTEGER NOT NULL DEFAULT 0,
    licensing_locked              INTEGER NOT NULL DEFAULT 0,
    call_to_action                TEXT,
    listing                       TEXT NOT NULL DEFAULT '{}',
    base_license_model            TEXT NOT NULL DEFAULT 'user',
    package_url                   TEXT,
    preview_token                 TEXT,
    notifications                 TEXT NOT NULL DEFAULT '[]',
    review_attempt                INTEGER NOT NULL DEFAULT 0,
    created_at                    BIGINT NOT NULL,
    updated_at                    BIGINT NOT NULL,
    reviewed_at                   BIGINT,
    live_at                       BIGINT,
    PRIMARY KEY (publisher_id, id),
    UNIQUE (publisher_id, alias)
);
CREATE INDEX offers_state ON offers (state);

CREATE TABLE plans (
    publisher_id  TEXT NOT NULL,
    offer_id      TEXT NOT NULL,
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    more_info_url TEXT,
    state         TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (publisher_id, offer_id, id),
    FOREIGN KEY (publisher_id, offer_id) REFERENCES offers (publisher_id, id)
);

-- An uploaded package (instead of a CRM Package URL); one per offer, replaced by each upload.
CREATE TABLE packages (
    publisher_id TEXT NOT NULL,
    offer_id     TEXT NOT NULL,
    content      BLOB NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_at  BIGINT NOT NULL,
    PRIMARY KEY (publisher_id, offer_id),
    FOREIGN KEY (publisher_id, offer_id) REFERENCES offers (publisher_id, id)
);

CREATE TABLE leads (
    id           TEXT PRIMARY KEY,
    publisher_id TEXT NOT NULL,
    offer_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,
    company      TEXT NOT NULL,
    message      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    FOREIGN KEY (publisher_id, offer_id) REFERENCES offers (publisher_id, id)
);
CREATE INDEX leads_publisher ON leads (publisher_id, created_at);

-- The spine: the audit log and the change feed. Written in the same transaction as every change.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at   BIGINT NOT NULL,
    actor        TEXT NOT NULL,
    publisher_id TEXT,
    tenant_id    TEXT,
    type         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    payload      TEXT NOT NULL
);
CREATE INDEX events_publisher ON events (publisher_id, id);
CREATE INDEX events_tenant ON events (tenant_id, id);

-- Durable background work: review of submissions, go-live timers. A job survives a restart: a worker that
-- dies leaves `locked_until` behind, after which another worker takes the job again.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    publisher_id TEXT,
    subject      TEXT NOT NULL,
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL,
    run_at       BIGINT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    last_error   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, run_at);
