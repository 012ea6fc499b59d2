-- License terms and suspension (issue 14, API.md "License terms, suspension, site licenses, trials"). A license
-- (deal × plan) may carry a term: its first and last day (inclusive, UTC, as days since 1970-01-01; NULL for a
-- license without an end) and the days of grace after the last. A publisher may suspend it (`suspended_at`,
-- with the reason given). Its status follows from these and the day (domain/license_term.hpp); `status` is
-- the status last recorded as an event, which the term job compares with the day's to record each transition
-- once, also after downtime.
ALTER TABLE licenses ADD COLUMN term_start INTEGER;
ALTER TABLE licenses ADD COLUMN term_end INTEGER;
ALTER TABLE licenses ADD COLUMN grace_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE licenses ADD COLUMN suspended_at BIGINT;
ALTER TABLE licenses ADD COLUMN suspension_reason TEXT;
ALTER TABLE licenses ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
