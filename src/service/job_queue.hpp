// The durable job queue in the `jobs` table (review of submissions, go-live timers, sending mail).
//
// A job is enqueued in the transaction of the change that needs it, so it exists exactly when the change
// does. Workers claim due jobs of one kind at a time (jobs/worker.hpp runs a lane per kind) with a lease
// (`locked_until`): a worker that dies leaves the lease to expire, and the job runs again. Handlers are
// therefore written to be idempotent.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "service/context.hpp"

namespace seatkeeper::service {

inline constexpr std::string_view kJobReview = "review_offer";
inline constexpr std::string_view kJobGoLive = "go_live";
inline constexpr std::string_view kJobSendMail = "send_mail";
inline constexpr std::string_view kJobLicenseTerm = "license_term";

void enqueue_job(store::Transaction& tx, std::string_view kind, const std::string& publisher_id,
                 const std::string& subject, const boost::json::object& payload, Millis run_at);

struct Job {
    std::int64_t id = 0;
    std::string kind;
    std::string publisher_id;
    std::string subject;
    boost::json::object payload;
    std::int64_t attempts = 0;
};

// Takes the oldest due job of `kind` and leases it for `lease_ms`; nullopt when none is due. Safe with claimers
// on several nodes: the claim is one write transaction, and those are serialised (store/store.hpp).
Result<std::optional<Job>> claim_job(Services& services, std::string_view kind, Millis lease_ms);
Status finish_job(Services& services, std::int64_t job_id);
// Schedules another attempt after `retry_in_ms`, or marks the job failed after `max_attempts`.
Status fail_job(Services& services, const Job& job, const std::string& error, Millis retry_in_ms, int max_attempts);
// When the next pending job of `kind` may be claimed (its run_at, or the end of its lease), to sleep until then.
Result<std::optional<Millis>> next_job_due(Services& services, std::string_view kind);

}  // namespace seatkeeper::service
