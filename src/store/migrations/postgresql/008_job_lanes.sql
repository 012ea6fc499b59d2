-- The PostgreSQL twin of sqlite/008_job_lanes.sql: the same index.
-- Job lanes (jobs/worker.hpp): each job kind has workers of its own, which claim only that kind's due jobs
-- (service/job_queue.cpp: `state = 'pending' AND kind = ? AND run_at <= ? ORDER BY run_at, id`) and sleep
-- until that kind's next due job. This index serves both; it replaces jobs_due (state, run_at), since every
-- query on due jobs now names a kind.
DROP INDEX jobs_due;
CREATE INDEX jobs_kind_due ON jobs (state, kind, run_at, id);
