-- The PostgreSQL twin of sqlite/006_staff_accounts.sql: the same columns, table and indexes.
-- Staff accounts can be offboarded (API.md "Staff accounts"). A disabled user (disabled_at set) cannot sign
-- in and has no sessions; a deleted one (deleted_at set) is kept as a tombstone so that the audit history's
-- "user:<id>" actors and "users/<id>" subjects still name someone: its e-mail address is freed (replaced by
-- "<id>@deleted.invalid") and its password hash emptied, so nothing can sign in as it again.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE users ADD COLUMN deleted_at BIGINT;

-- Single-use password reset links: "<id>.<secret>", of which only a BLAKE2b hash of the secret is kept.
-- used_at is set when the link sets a password (or when another link of the user does): it never works again.
CREATE TABLE password_resets (
    id          TEXT COLLATE "C" PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    user_id     TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);
CREATE INDEX sessions_user ON sessions (user_id);

-- A mail whose body is a credential (a password reset link): its body is never written to the log, not even
-- when no SMTP server is configured and the mail is kept (service/mail.hpp).
ALTER TABLE mails ADD COLUMN secret_body INTEGER NOT NULL DEFAULT 0;
