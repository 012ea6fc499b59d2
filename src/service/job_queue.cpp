#include "service/job_queue.hpp"

#include "common/json.hpp"

namespace seatkeeper::service {

void enqueue_job(store::Transaction& tx, std::string_view kind, const std::string& publisher_id,
                 const std::string& subject, const boost::json::object& payload, Millis run_at) {
    const Millis now = now_millis();
    tx.execute(
        "INSERT INTO jobs (kind, publisher_id, subject, payload, state, run_at, attempts, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 'pending', ?, 0, ?, ?)",
        {std::string(kind), publisher_id, subject, json::to_string(payload), run_at, now, now});
}

Result<std::optional<Job>> claim_job(Services& services, std::string_view kind, Millis lease_ms) {
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<std::optional<Job>> {
            const Millis now = now_millis();
            const auto row = tx.query_one(
                "SELECT id, kind, publisher_id, subject, payload, attempts FROM jobs "
                "WHERE state = 'pending' AND kind = ? AND run_at <= ? AND (locked_until IS NULL OR locked_until < ?) "
                "ORDER BY run_at, id LIMIT 1",
                {std::string(kind), now, now});
            if (!row) return std::optional<Job>{};
            // The lease: only the claimer whose UPDATE changes the row owns the job (matters on PostgreSQL
            // with several nodes; SQLite's write lock already serialises claims).
            const std::int64_t claimed = tx.execute(
                "UPDATE jobs SET locked_until = ?, attempts = attempts + 1, updated_at = ? "
                "WHERE id = ? AND state = 'pending' AND (locked_until IS NULL OR locked_until < ?)",
                {now + lease_ms, now, row->integer(0), now});
            if (claimed != 1) return std::optional<Job>{};
            boost::system::error_code ec;
            boost::json::value payload = boost::json::parse(row->text(4), ec);
            return std::optional<Job>(Job{row->integer(0), row->text(1), row->text(2), row->text(3),
                                          payload.is_object() ? payload.as_object() : boost::json::object{},
                                          row->integer(5) + 1});
        });
}

Status finish_job(Services& services, std::int64_t job_id) {
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        tx.execute("UPDATE jobs SET state = 'done', locked_until = NULL, updated_at = ? WHERE id = ?",
                   {now_millis(), job_id});
        return Status::Ok();
    });
}

Status fail_job(Services& services, const Job& job, const std::string& error, Millis retry_in_ms, int max_attempts) {
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        const Millis now = now_millis();
        const bool give_up = job.attempts >= max_attempts;
        tx.execute(
            "UPDATE jobs SET state = ?, locked_until = NULL, run_at = ?, last_error = ?, updated_at = ? WHERE id = ?",
            {std::string(give_up ? "failed" : "pending"), now + retry_in_ms, error, now, job.id});
        return Status::Ok();
    });
}

Result<std::optional<Millis>> next_job_due(Services& services, std::string_view kind) {
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::optional<Millis>> {
            const auto row = tx.query_one(
                "SELECT MIN(CASE WHEN locked_until IS NOT NULL AND locked_until > run_at THEN locked_until "
                "ELSE run_at END) FROM jobs WHERE state = 'pending' AND kind = ?",
                {std::string(kind)});
            if (!row || row->is_null(0)) return std::optional<Millis>{};
            return std::optional<Millis>(row->integer(0));
        });
}

}  // namespace seatkeeper::service
