#include "data/jobs.hpp"

namespace seatkeeper::data::jobs {

namespace {

using store::Query;

constexpr Query kInsertJob{
    "job.insert",
    "INSERT INTO jobs (kind, publisher_id, subject, payload, state, run_at, attempts, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, 'pending', ?, 0, ?, ?)"};
constexpr Query kFindDueJob{
    "job.find_due",
    "SELECT id, kind, publisher_id, subject, payload, attempts FROM jobs "
    "WHERE state = 'pending' AND kind = ? AND run_at <= ? AND (locked_until IS NULL OR locked_until < ?) "
    "ORDER BY run_at, id LIMIT 1"};
constexpr Query kLeaseJob{"job.lease",
                          "UPDATE jobs SET locked_until = ?, attempts = attempts + 1, updated_at = ? "
                          "WHERE id = ? AND state = 'pending' AND (locked_until IS NULL OR locked_until < ?)"};
constexpr Query kMarkJobDone{"job.mark_done",
                             "UPDATE jobs SET state = 'done', locked_until = NULL, updated_at = ? WHERE id = ?"};
constexpr Query kRecordJobFailure{
    "job.record_failure",
    "UPDATE jobs SET state = ?, locked_until = NULL, run_at = ?, last_error = ?, updated_at = ? WHERE id = ?"};
constexpr Query kCancelPending{"job.cancel_pending",
                               "UPDATE jobs SET state = 'cancelled', updated_at = ? WHERE kind = ? AND subject = ? "
                               "AND state = 'pending' AND locked_until IS NULL"};
constexpr Query kNextDue{"job.next_due",
                         "SELECT MIN(CASE WHEN locked_until IS NOT NULL AND locked_until > run_at THEN locked_until "
                         "ELSE run_at END) FROM jobs WHERE state = 'pending' AND kind = ?"};

}  // namespace

void insert_job(store::Transaction& tx, std::string_view kind, const std::string& publisher_id,
                const std::string& subject, const std::string& payload, Millis run_at, Millis now) {
    tx.execute(kInsertJob, {std::string(kind), publisher_id, subject, payload, run_at, now, now});
}

void cancel_pending(store::Transaction& tx, std::string_view kind, const std::string& subject, Millis now) {
    tx.execute(kCancelPending, {now, std::string(kind), subject});
}

std::optional<JobRow> find_due_job(store::Transaction& tx, std::string_view kind, Millis now) {
    const auto r = tx.query_one(kFindDueJob, {std::string(kind), now, now});
    if (!r) return std::nullopt;
    return JobRow{r->integer(0), r->text(1), r->text(2), r->text(3), r->text(4), r->integer(5)};
}

bool lease_job(store::Transaction& tx, std::int64_t job_id, Millis locked_until, Millis now) {
    return tx.execute(kLeaseJob, {locked_until, now, job_id, now}) == 1;
}

void mark_job_done(store::Transaction& tx, std::int64_t job_id, Millis now) { tx.execute(kMarkJobDone, {now, job_id}); }

void record_job_failure(store::Transaction& tx, std::int64_t job_id, std::string_view state, Millis run_at,
                        const std::string& error, Millis now) {
    tx.execute(kRecordJobFailure, {std::string(state), run_at, error, now, job_id});
}

std::optional<Millis> next_due(store::Transaction& tx, std::string_view kind) {
    const auto r = tx.query_one(kNextDue, {std::string(kind)});
    if (!r || r->is_null(0)) return std::nullopt;
    return r->integer(0);
}

}  // namespace seatkeeper::data::jobs
