// The jobs repository: the durable job queue (`jobs`) that service/job_queue.hpp drives. See data/seats.hpp for
// what a repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

// A pending job as stored; its payload is the JSON text written.
struct JobRow {
    std::int64_t id = 0;
    std::string kind;
    std::string publisher_id;
    std::string subject;
    std::string payload;
    std::int64_t attempts = 0;  // runs so far
};

namespace jobs {

// Adds a pending job of `kind` that may run from `run_at` on.
void insert_job(store::Transaction& tx, std::string_view kind, const std::string& publisher_id,
                const std::string& subject, const std::string& payload, Millis run_at, Millis now);
// The oldest pending job of `kind` that is due at `now` and not leased.
std::optional<JobRow> find_due_job(store::Transaction& tx, std::string_view kind, Millis now);
// Leases the job until `locked_until` and counts a run, if it is still pending and not leased at `now`, in one
// statement: only the claimer whose statement changes the row owns the job. Whether it did.
bool lease_job(store::Transaction& tx, std::int64_t job_id, Millis locked_until, Millis now);
void mark_job_done(store::Transaction& tx, std::int64_t job_id, Millis now);
// Ends the job's lease after a failed run: `state` "pending" runs it again from `run_at`, "failed" never again.
void record_job_failure(store::Transaction& tx, std::int64_t job_id, std::string_view state, Millis run_at,
                        const std::string& error, Millis now);
// Ends the pending jobs of `kind` for `subject` that no worker holds (state "cancelled"): for a job that is
// rescheduled whenever its subject changes (the license term job), so that one stays.
void cancel_pending(store::Transaction& tx, std::string_view kind, const std::string& subject, Millis now);
// When the next pending job of `kind` may be claimed: the latest of its run_at and the end of its lease.
std::optional<Millis> next_due(store::Transaction& tx, std::string_view kind);

}  // namespace jobs
}  // namespace seatkeeper::data
