-- The PostgreSQL twin of sqlite/012_site_licenses_and_trials.sql.
-- Site licenses and trials (issue 14, API.md "License terms, suspension, site licenses, trials").
-- A site license (`site`) licenses every user of the tenant's verified domains and counts no seats (quantity 0).
-- A trial license (`trial`) is the time-limited pool a tenant admin starts from the marketplace: its deal is
-- opened by the trial (`deals.source = 'trial'`), its term is the plan's `trial_days`, its quantity the plan's
-- `trial_seats`. A plan offers a trial when both are above 0.
ALTER TABLE licenses ADD COLUMN site INTEGER NOT NULL DEFAULT 0;
ALTER TABLE licenses ADD COLUMN trial INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN trial_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN trial_seats INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deals ADD COLUMN source TEXT NOT NULL DEFAULT 'registered';
