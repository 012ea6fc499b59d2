-- The PostgreSQL twin of sqlite/003_customers.sql: the same tables, columns, constraints and indexes.
-- Keys use the C collation, as in 001_foundation.sql.
-- Customers and the seat lifecycle (PRODUCT.md steps 9–13): tenants with their domains, directory and groups;
-- deals, consent invitations and publisher–tenant relationships; licenses per deal and plan, pooled per
-- (tenant, service ID); seats; installations; the mail outbox; token signing keys.

CREATE TABLE tenants (
    id          TEXT COLLATE "C" PRIMARY KEY,  -- a GUID, lowercase
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- A domain belongs to one tenant: it decides whose users a UPN names.
CREATE TABLE tenant_domains (
    domain     TEXT COLLATE "C" PRIMARY KEY,  -- lowercase
    tenant_id  TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX tenant_domains_tenant ON tenant_domains (tenant_id);

-- The tenant's user directory: the people seats are assigned to (not necessarily able to sign in here).
CREATE TABLE directory_users (
    tenant_id    TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
    upn          TEXT COLLATE "C" NOT NULL,  -- lowercase, in one of the tenant's domains
    display_name TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, upn)
);

CREATE TABLE user_groups (
    tenant_id  TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
    id         TEXT COLLATE "C" NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,  -- the groups list is ordered by name: bytes, as on SQLite
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE group_members (
    tenant_id TEXT COLLATE "C" NOT NULL,
    group_id  TEXT COLLATE "C" NOT NULL,
    upn       TEXT COLLATE "C" NOT NULL,
    added_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, group_id, upn),
    FOREIGN KEY (tenant_id, group_id) REFERENCES user_groups (tenant_id, id),
    FOREIGN KEY (tenant_id, upn) REFERENCES directory_users (tenant_id, upn)
);

CREATE TABLE deals (
    id              TEXT COLLATE "C" PRIMARY KEY,
    publisher_id    TEXT COLLATE "C" NOT NULL REFERENCES publishers (id),
    offer_id        TEXT COLLATE "C" NOT NULL,
    customer_name   TEXT NOT NULL,
    customer_domain TEXT NOT NULL,
    contact_email   TEXT NOT NULL,
    plan_ids        TEXT NOT NULL,  -- JSON array of plan IDs of the offer
    seats           BIGINT NOT NULL,
    value_cents     BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    close_date      TEXT NOT NULL,  -- YYYY-MM-DD
    state           TEXT NOT NULL,
    tenant_id       TEXT COLLATE "C" REFERENCES tenants (id),  -- set once the customer's relationship is in place
    created_by      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    FOREIGN KEY (publisher_id, offer_id) REFERENCES offers (publisher_id, id)
);
CREATE INDEX deals_publisher ON deals (publisher_id, state, created_at);

-- Consent links: the token is shown once and only its hash is kept.
CREATE TABLE invitations (
    id           TEXT COLLATE "C" PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    publisher_id TEXT COLLATE "C" NOT NULL REFERENCES publishers (id),
    deal_id      TEXT COLLATE "C" NOT NULL REFERENCES deals (id),
    email        TEXT NOT NULL,
    state        TEXT NOT NULL,  -- pending, accepted, declined
    expires_at   BIGINT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    answered_at  BIGINT,
    answered_by  TEXT,
    tenant_id    TEXT COLLATE "C" REFERENCES tenants (id)
);
CREATE INDEX invitations_deal ON invitations (deal_id);

-- A publisher may manage licenses for a tenant only once a billing or global admin of it has consented.
CREATE TABLE relationships (
    publisher_id TEXT COLLATE "C" NOT NULL REFERENCES publishers (id),
    tenant_id    TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
    accepted_by  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (publisher_id, tenant_id)
);
CREATE INDEX relationships_tenant ON relationships (tenant_id);

-- Licenses a deal grants for one plan. Trashing keeps the row (active = 0); adding the plan again revives it.
CREATE TABLE licenses (
    deal_id        TEXT COLLATE "C" NOT NULL REFERENCES deals (id),
    plan_id        TEXT COLLATE "C" NOT NULL,
    publisher_id   TEXT COLLATE "C" NOT NULL,
    offer_id       TEXT COLLATE "C" NOT NULL,
    tenant_id      TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
    service_id     TEXT COLLATE "C" NOT NULL,
    quantity       BIGINT NOT NULL,
    active         INTEGER NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    deactivated_at BIGINT,
    PRIMARY KEY (deal_id, plan_id),
    FOREIGN KEY (publisher_id, offer_id, plan_id) REFERENCES plans (publisher_id, offer_id, id)
);
CREATE INDEX licenses_pool ON licenses (tenant_id, service_id);

-- The seats of one tenant for one service ID, across deals: `quantity` is the sum of the active licenses,
-- `assigned` the seats taken. The CHECK is the last line of defence; use cases change `assigned` with a
-- conditional UPDATE (which also takes the row lock on PostgreSQL), so two nodes cannot oversubscribe.
CREATE TABLE license_pools (
    tenant_id    TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
    service_id   TEXT COLLATE "C" NOT NULL,
    publisher_id TEXT COLLATE "C" NOT NULL,
    offer_id     TEXT COLLATE "C" NOT NULL,
    plan_id      TEXT COLLATE "C" NOT NULL,
    quantity     BIGINT NOT NULL,
    assigned     BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, service_id),
    CHECK (assigned >= 0 AND assigned <= quantity)
);
CREATE INDEX license_pools_publisher ON license_pools (publisher_id, tenant_id);

-- One seat: a user of the tenant holds the service ID, directly or through a group (`group_id`).
CREATE TABLE seats (
    tenant_id   TEXT COLLATE "C" NOT NULL,
    service_id  TEXT COLLATE "C" NOT NULL,
    upn         TEXT COLLATE "C" NOT NULL,
    group_id    TEXT COLLATE "C",
    assigned_by TEXT NOT NULL,
    assigned_at BIGINT NOT NULL,
    seq         BIGINT NOT NULL,  -- order of assignment within the pool: "most recently assigned" first to go
    PRIMARY KEY (tenant_id, service_id, upn),
    FOREIGN KEY (tenant_id, service_id) REFERENCES license_pools (tenant_id, service_id)
);
CREATE INDEX seats_order ON seats (tenant_id, service_id, seq);

-- A group assigned to a service ID: each member holds a seat (recorded in `seats` with the group's id).
CREATE TABLE group_assignments (
    tenant_id   TEXT COLLATE "C" NOT NULL,
    service_id  TEXT COLLATE "C" NOT NULL,
    group_id    TEXT COLLATE "C" NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, service_id, group_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES user_groups (tenant_id, id)
);

CREATE TABLE installations (
    id           TEXT COLLATE "C" PRIMARY KEY,
    tenant_id    TEXT COLLATE "C" NOT NULL REFERENCES tenants (id),
    publisher_id TEXT COLLATE "C" NOT NULL,
    offer_id     TEXT COLLATE "C" NOT NULL,
    environment  TEXT NOT NULL,
    installed_by TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (tenant_id, publisher_id, offer_id, environment),
    FOREIGN KEY (publisher_id, offer_id) REFERENCES offers (publisher_id, id)
);
CREATE INDEX installations_publisher ON installations (publisher_id, created_at);
