#include "jobs/worker.hpp"

#include "common/log.hpp"
#include "service/mail.hpp"
#include "service/review.hpp"

namespace seatkeeper::jobs {

namespace {
constexpr Millis kLeaseMs = 120'000;  // longer than the slowest review (package fetch timeout + reading)
constexpr service::RetryPolicy kJobRetry;  // 1 s, 2 s, 4 s … 60 s; 8 runs
}  // namespace

Worker::Worker(service::Services& services, std::chrono::milliseconds poll_interval)
    : services_(services), poll_interval_(poll_interval) {}

Worker::~Worker() { stop(); }

void Worker::start() {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void Worker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

int Worker::run_due_jobs() {
    int ran = 0;
    while (true) {
        auto job = service::claim_job(services_, kLeaseMs);
        if (!job.ok()) {
            log::warn("job claim failed", {{"error", job.status().log_detail()}});
            return ran;
        }
        if (!job->has_value()) return ran;
        run(**job);
        ++ran;
    }
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

void Worker::loop() {
    while (true) {
        {
            std::unique_lock lock(mutex_);
            if (stopping_) return;
        }
        run_due_jobs();
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, poll_interval_, [this] { return stopping_; });
        if (stopping_) return;
    }
}

}  // namespace seatkeeper::jobs
