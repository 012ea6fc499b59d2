-- The PostgreSQL twin of sqlite/014_seat_activity.sql.
-- Seat activity (issue 15, API.md "Usage and seat activity"): the days a seat was checked. A row says that on
-- `day` (UTC, days since 1970-01-01) the runtime check or a token answered `licensed` for the seat of `upn` in
-- the tenant's pool of `service_id`. Each node keeps the first check of a seat per day in memory and writes them
-- in batches (check/seat_activity.hpp); the key merges what several nodes write (`ON CONFLICT DO NOTHING`).
-- A seat's last check (`last_checked_at`) is its latest day; a period's active seats the distinct UPNs with a row
-- in it. No foreign key: a seat removed and assigned again keeps its history, and rows outlive their seat.
CREATE TABLE seat_activity (
    tenant_id     TEXT COLLATE "C" NOT NULL,
    service_id    TEXT COLLATE "C" NOT NULL,
    upn           TEXT COLLATE "C" NOT NULL,
    day           INTEGER NOT NULL,
    publisher_id  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, service_id, upn, day)
);
-- Usage reports read a period's activity of one publisher or one tenant.
CREATE INDEX seat_activity_publisher_day ON seat_activity (publisher_id, day);
CREATE INDEX seat_activity_tenant_day ON seat_activity (tenant_id, day);
