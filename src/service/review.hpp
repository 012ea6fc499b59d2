// What the durable jobs do: review a submission, and make an offer live when its go-live timer fires.
//
// Review reads the offer in one transaction, fetches and reads the package outside any transaction (it may
// take seconds), then records the outcome in a second transaction only if the offer is still in the same
// review attempt — a stale or repeated job changes nothing, so running a job twice is harmless.
#pragma once

#include "service/job_queue.hpp"

namespace seatkeeper::service {

Status run_review_job(Services& services, const Job& job);
Status run_go_live_job(Services& services, const Job& job);

}  // namespace seatkeeper::service
