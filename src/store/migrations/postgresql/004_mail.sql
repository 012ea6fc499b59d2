-- The PostgreSQL twin of sqlite/004_mail.sql: the same table, columns and indexes.
-- The mail outbox. A use case that wants a mail writes its row here, with a `send_mail` job, in the
-- transaction of its change (service/mail.cpp): the mail exists exactly when the change does. The row is the
-- truth about the mail; the job only drives the sending and its retries.

CREATE TABLE mails (
    id           TEXT COLLATE "C" PRIMARY KEY,              -- "mail_…"; also the left part of the Message-ID
    publisher_id TEXT COLLATE "C" REFERENCES publishers (id), -- who may see it in GET /api/v1/mails
    tenant_id    TEXT COLLATE "C" REFERENCES tenants (id),
    to_address   TEXT NOT NULL,                             -- one plain addr-spec
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,                             -- text/plain, UTF-8
    state        TEXT NOT NULL,                             -- pending, sent, kept (no SMTP configured), failed
    attempts     INTEGER NOT NULL DEFAULT 0,                -- sending attempts made
    last_error   TEXT,                                      -- why the last attempt failed, in words
    created_at   BIGINT NOT NULL,                           -- also the Date header
    updated_at   BIGINT NOT NULL,
    sent_at      BIGINT
);
CREATE INDEX mails_publisher ON mails (publisher_id, created_at);
CREATE INDEX mails_tenant ON mails (tenant_id, created_at);
