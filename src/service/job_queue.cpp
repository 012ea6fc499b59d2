#include "service/job_queue.hpp"

#include "common/json.hpp"
#include "data/jobs.hpp"

namespace seatkeeper::service {

void enqueue_job(store::Transaction& tx, std::string_view kind, const std::string& publisher_id,
                 const std::string& subject, const boost::json::object& payload, Millis run_at) {
    data::jobs::insert_job(tx, kind, publisher_id, subject, json::to_string(payload), run_at, now_millis());
}

Result<std::optional<Job>> claim_job(Services& services, std::string_view kind, Millis lease_ms) {
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<std::optional<Job>> {
            const Millis now = now_millis();
            const auto row = data::jobs::find_due_job(tx, kind, now);
            if (!row) return std::optional<Job>{};
            // The lease: only the claimer whose UPDATE changes the row owns the job (matters on PostgreSQL
            // with several nodes; SQLite's write lock already serialises claims).
            if (!data::jobs::lease_job(tx, row->id, now + lease_ms, now)) return std::optional<Job>{};
            boost::system::error_code ec;
            boost::json::value payload = boost::json::parse(row->payload, ec);
            return std::optional<Job>(Job{row->id, row->kind, row->publisher_id, row->subject,
                                          payload.is_object() ? payload.as_object() : boost::json::object{},
                                          row->attempts + 1});
        });
}

Status finish_job(Services& services, std::int64_t job_id) {
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        data::jobs::mark_job_done(tx, job_id, now_millis());
        return Status::Ok();
    });
}

Status fail_job(Services& services, const Job& job, const std::string& error, Millis retry_in_ms, int max_attempts) {
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        const Millis now = now_millis();
        const bool give_up = job.attempts >= max_attempts;
        data::jobs::record_job_failure(tx, job.id, give_up ? "failed" : "pending", now + retry_in_ms, error, now);
        return Status::Ok();
    });
}

Result<std::optional<Millis>> next_job_due(Services& services, std::string_view kind) {
    return store::in_transaction(
        services.store(), store::TxMode::kRead,
        [&](store::Transaction& tx) -> Result<std::optional<Millis>> { return data::jobs::next_due(tx, kind); });
}

}  // namespace seatkeeper::service
