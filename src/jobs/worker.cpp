#include "jobs/worker.hpp"

#include <algorithm>

#include "common/log.hpp"
#include "service/licenses.hpp"
#include "service/mail.hpp"
#include "service/review.hpp"
#include "service/webhooks.hpp"

namespace seatkeeper::jobs {

namespace {
constexpr Millis kLeaseMs = 120'000;  // longer than a mail (smtp.timeout_seconds ≤ 100 s) or a go-live
// A review downloads for up to packages.fetch_timeout_seconds (up to 600 s), then reads: its lease is that
// long plus this, so that another lane or node never claims a review still under way.
constexpr Millis kReviewReadingMs = 60'000;
constexpr service::RetryPolicy kJobRetry;  // 1 s, 2 s, 4 s … 60 s; 8 runs
constexpr std::string_view kWebhookDispatch = "webhook_dispatch";
constexpr std::string_view kWebhookDelivery = "webhook_delivery";
}  // namespace

Worker::Worker(service::Services& services, WorkerOptions options) : services_(services), options_(options) {
    add_job_lane(service::kJobReview, options_.review_concurrency);
    add_job_lane(service::kJobGoLive, options_.go_live_concurrency);
    add_job_lane(service::kJobSendMail, options_.mail_concurrency);
    add_job_lane(service::kJobLicenseTerm, 1);  // one short write transaction a job
    add_webhook_lanes();
}

void Worker::add_job_lane(std::string_view kind, int concurrency) {
    lanes_.push_back(std::make_unique<Lane>(
        kind, concurrency, [this, kind] { return next_due(kind); },
        [this, kind]() -> Work {
            auto job = claim(kind);
            if (!job) return {};
            return [this, job = *std::move(job)] { run(job); };
        }));
}

void Worker::add_webhook_lanes() {
    // One dispatcher is enough: a dispatch reads up to 500 events in one transaction, and those of several nodes
    // take turns on the cursor's row lock.
    lanes_.push_back(std::make_unique<Lane>(
        kWebhookDispatch, 1,
        [this]() -> std::optional<Millis> {
            const auto due = service::webhook_dispatch_due(services_);
            if (!due.ok()) {
                log::warn("webhook dispatch look-up failed", {{"error", due.status().log_detail()}});
                return std::nullopt;
            }
            return *due ? std::optional<Millis>(now_millis()) : std::nullopt;
        },
        [this]() -> Work {
            const auto due = service::webhook_dispatch_due(services_);
            if (!due.ok() || !*due) return {};
            return [this] {
                const auto dispatched = service::dispatch_webhook_events(services_);
                if (!dispatched.ok()) {
                    log::warn("webhook dispatch failed", {{"error", dispatched.status().log_detail()}});
                } else if (*dispatched > 0) {
                    wake(kWebhookDelivery);  // the deliveries just made are due now
                }
            };
        }));
    lanes_.push_back(std::make_unique<Lane>(
        kWebhookDelivery, options_.webhook_concurrency,
        [this]() -> std::optional<Millis> {
            const auto due = service::next_webhook_delivery_due(services_);
            if (!due.ok()) {
                log::warn("webhook delivery look-up failed", {{"error", due.status().log_detail()}});
                return std::nullopt;
            }
            return *due;
        },
        [this]() -> Work {
            auto attempt = service::lease_webhook_delivery(services_);
            if (!attempt.ok()) {
                log::warn("webhook delivery claim failed", {{"error", attempt.status().log_detail()}});
                return {};
            }
            if (!*attempt) return {};
            return [this, leased = **std::move(attempt)] {
                const Status status = service::attempt_webhook_delivery(services_, leased);
                if (!status.ok()) {
                    log::warn("webhook attempt not recorded",
                              {{"delivery_id", leased.delivery_id}, {"error", status.log_detail()}});
                }
            };
        }));
}

Worker::~Worker() { stop(); }

void Worker::start() {
    for (const auto& lane : lanes_) {
        {
            const MutexLock lock(lane->mutex);
            lane->stopping = false;
        }
        while (static_cast<int>(lane->threads.size()) < lane->concurrency) {
            lane->threads.emplace_back([this, lane = lane.get()] { serve(*lane); });
        }
    }
}

void Worker::stop() {
    for (const auto& lane : lanes_) {
        const MutexLock lock(lane->mutex);
        lane->stopping = true;
        lane->wake.notify_all();
    }
    for (const auto& lane : lanes_) {
        for (std::thread& thread : lane->threads) thread.join();
        lane->threads.clear();
    }
}

void Worker::wake() {
    for (const auto& owned : lanes_) wake(owned->kind);
}

void Worker::wake(std::string_view kind) {
    for (const auto& owned : lanes_) {
        Lane& lane = *owned;
        if (lane.kind != kind) continue;
        const MutexLock lock(lane.mutex);
        wake_one(lane);
    }
}

int Worker::run_due_jobs() {
    int ran = 0;
    for (bool more = true; more;) {  // until a pass over every kind finds nothing due
        more = false;
        for (const auto& lane : lanes_) {
            while (const Work work = lane->claim()) {
                work();
                ++ran;
                more = true;
            }
        }
    }
    return ran;
}

void Worker::serve(Lane& lane) {
    MutexLock lock(lane.mutex);
    while (!lane.stopping) {
        // Read before looking: a wake-up that comes while the look runs ends the wait below at once.
        const std::uint64_t seen = lane.wakeups;
        lock.unlock();
        // An idle look only reads; the claim, a write transaction (which on PostgreSQL takes the one write lock
        // of all nodes), runs only when a job is due.
        std::optional<Millis> due = lane.next_due();
        Work work;
        if (due && *due <= now_millis()) {
            work = lane.claim();
            // Due, yet nothing to claim (a webhook delivery waiting behind its endpoint's attempt or an earlier one
            // of its subject; a job another node just took): look again at the poll, not at once.
            if (!work) due.reset();
        }
        lock.lock();
        if (work) {
            wake_one(lane);  // more may be due: another idle thread looks, so the lane fills up
            lock.unlock();
            work();
            lock.lock();
            continue;
        }
        if (lane.polling) {  // another idle thread watches the clock and wakes one of us when it finds work
            while (!lane.stopping && lane.wakeups == seen) lock.wait(lane.wake);
            continue;
        }
        lane.polling = true;
        const auto deadline = look_again(due);
        while (!lane.stopping && lane.wakeups == seen && std::chrono::steady_clock::now() < deadline) {
            lock.wait_until(lane.wake, deadline);
        }
        lane.polling = false;
    }
}

void Worker::wake_one(Lane& lane) {
    ++lane.wakeups;
    lane.wake.notify_one();
}

std::optional<Millis> Worker::next_due(std::string_view kind) {
    auto due = service::next_job_due(services_, kind);
    if (!due.ok()) {
        log::warn("job look-up failed", {{"kind", kind}, {"error", due.status().log_detail()}});
        return std::nullopt;
    }
    return *due;
}

std::optional<service::Job> Worker::claim(std::string_view kind) {
    const Millis lease =
        kind == service::kJobReview
            ? std::max(kLeaseMs,
                       static_cast<Millis>(services_.settings().fetch_limits.timeout.count()) + kReviewReadingMs)
            : kLeaseMs;
    auto job = service::claim_job(services_, kind, lease);
    if (!job.ok()) {
        log::warn("job claim failed", {{"kind", kind}, {"error", job.status().log_detail()}});
        return std::nullopt;
    }
    return *std::move(job);
}

std::chrono::steady_clock::time_point Worker::look_again(std::optional<Millis> due) const {
    Millis wait_ms = std::max<Millis>(options_.poll_interval_ms, 1);
    if (due) wait_ms = std::clamp<Millis>(*due - now_millis(), 1, wait_ms);
    return std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
}

void Worker::run(const service::Job& job) {
    Status status;
    try {
        if (job.kind == service::kJobReview) {
            status = service::run_review_job(services_, job);
        } else if (job.kind == service::kJobGoLive) {
            status = service::run_go_live_job(services_, job);
        } else if (job.kind == service::kJobSendMail) {
            status = service::run_send_mail_job(services_, job);
        } else if (job.kind == service::kJobLicenseTerm) {
            status = service::run_license_term_job(services_, job);
        } else {
            status = Status::Internal("unknown job kind " + job.kind);
        }
    } catch (const std::exception& e) {
        status = Status::Internal(e.what());
    }
    if (status.ok()) {
        log::info("job done", {{"job_id", job.id}, {"kind", job.kind}, {"subject", job.subject}});
        (void)service::finish_job(services_, job.id);
        return;
    }
    // Mail waits out an SMTP outage on a slower schedule of its own (settings.mail_retry).
    const service::RetryPolicy& retry = job.kind == service::kJobSendMail ? services_.settings().mail_retry : kJobRetry;
    const Millis backoff = retry.delay_after(job.attempts);
    log::warn("job failed", {{"job_id", job.id},
                             {"kind", job.kind},
                             {"attempt", job.attempts},
                             {"error", status.log_detail().empty() ? status.message() : status.log_detail()}});
    (void)service::fail_job(services_, job, status.message(), backoff, retry.max_attempts);
}

}  // namespace seatkeeper::jobs
