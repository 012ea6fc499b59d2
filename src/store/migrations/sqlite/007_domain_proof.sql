-- Consent sign-up proves the invited mailbox, and further domains prove themselves by DNS (API.md "Consent
-- sign-up proves the mailbox"). tenant_domains keeps holding only proven domains: the invited address's domain
-- (proven by the code mailed to it), domains verified through a TXT record, and those an operator created.

-- The one-time code of an invitation's sign-up, mailed to the invited address. Only a BLAKE2b hash of the code
-- is kept; a new code replaces the old one. attempts counts wrong codes: the fifth voids the code.
CREATE TABLE signup_codes (
    invitation_id TEXT PRIMARY KEY REFERENCES invitations (id) ON DELETE CASCADE,
    code_hash     TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);

-- A domain a tenant added and has not proven yet. Several tenants may have the same domain pending (so a
-- claim blocks nobody); the first to show `seatkeeper-verification=<token>` in the domain's TXT records moves
-- it into tenant_domains, and the others' claims go.
CREATE TABLE pending_domains (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    domain     TEXT NOT NULL,  -- lowercase
    token      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, domain)
);
CREATE INDEX pending_domains_domain ON pending_domains (domain);
