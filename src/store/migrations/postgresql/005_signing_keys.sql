-- The PostgreSQL twin of sqlite/005_signing_keys.sql: the same table, columns and indexes.
-- Ed25519 keys that sign offline license tokens (POST /api/v1/tokens), published as JWKS. One key is active
-- (retired_at NULL) and signs; `seatkeeper keys rotate` retires it and makes a new one. A retired key stays
-- published until the tokens it signed have expired. The secret keys live here: protect backups accordingly.
CREATE TABLE signing_keys (
    kid        TEXT COLLATE "C" PRIMARY KEY,
    algorithm  TEXT NOT NULL,    -- 'EdDSA' (Ed25519)
    public_key BYTEA NOT NULL,   -- 32 bytes
    secret_key BYTEA NOT NULL,   -- 64 bytes: libsodium's seed followed by the public key
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);
-- At most one active key, whatever two nodes starting at once do.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (algorithm) WHERE retired_at IS NULL;
