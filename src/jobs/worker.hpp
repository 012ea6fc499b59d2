// The background worker that runs durable jobs (service/job_queue.hpp): one lane of threads per job kind, and
// two lanes for webhooks (service/webhooks.hpp): the dispatcher, which turns new events into deliveries, and the
// deliveries' attempts.
//
// Each kind (review_offer, go_live, send_mail, license_term) has a lane of its own whose threads claim and run jobs of
// that kind only, at most `*_concurrency` at once (WorkerOptions, the `jobs.*` settings): a review reading a slow
// package URL never holds up a mail, nor a mail waiting on a slow SMTP server a review. A job of a kind no lane
// knows is left alone (a newer node, mid-upgrade, may know it).
//
// An idle lane sleeps until its next due job or `poll_interval_ms`, whichever comes first; the poll finds jobs
// enqueued since (by this node or another) and leases that ran out. A look is a read; only a due job is claimed,
// in a write transaction. One idle thread per lane watches the clock and the others wait for it: a thread that
// claims a job wakes one more, so a lane fills up to its concurrency when several jobs are due. Several
// workers, in one process or on several nodes, may run at once: the lease in claim_job keeps a job from running
// twice at a time.
//
// Thread-safety: start() and stop() from one owner thread; run_due_jobs() from any thread. The lane threads
// share their lane's wake-up state, guarded by the lane's mutex, and the Services, which are thread-safe. stop() wakes
// every idle thread at once and joins all of them; a thread in the middle of a job first finishes it (each
// handler is bounded by its own timeouts: package fetch, SMTP).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "common/mutex.hpp"
#include "service/job_queue.hpp"

namespace seatkeeper::jobs {

// How many jobs of each kind this process runs at once (app/config.cpp keeps each between 1 and 64; a lane of 0
// threads would never run its kind), and how often an idle lane looks for due jobs.
struct WorkerOptions {
    int review_concurrency = 2;   // review_offer: fetches and reads packages, may take seconds
    int go_live_concurrency = 1;  // go_live: one short write transaction
    int mail_concurrency = 2;     // send_mail: one SMTP conversation
    int webhook_concurrency = 4;  // webhook attempts at once (one per endpoint at a time, so a slow one takes one)
    Millis poll_interval_ms = 200;
};

class Worker {
public:
    explicit Worker(service::Services& services, WorkerOptions options = {});
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void start();
    void stop();
    // Makes every idle lane look for due work now (another node committed something: new events to dispatch,
    // deliveries or jobs due), instead of at its next poll.
    void wake();
    // Runs every job of a known kind that is due now, and dispatches and attempts the webhook deliveries due now,
    // on the calling thread; returns how many ran.
    int run_due_jobs();

private:
    // A unit of work a lane claimed (a leased job, a leased delivery, a dispatch), to run outside its lock.
    using Work = std::function<void()>;
    struct Lane {
        Lane(std::string_view lane_kind, int threads_wanted, std::function<std::optional<Millis>()> when_due,
             std::function<Work()> take)
            : kind(lane_kind), concurrency(threads_wanted), next_due(std::move(when_due)), claim(std::move(take)) {}
        const std::string_view kind;
        const int concurrency;
        // When the lane's next work may be claimed (a read; nullopt when none waits), and the claim itself (an
        // empty Work when nothing was due after all).
        const std::function<std::optional<Millis>()> next_due;
        const std::function<Work()> claim;
        Mutex mutex;
        std::condition_variable wake;
        bool stopping SK_GUARDED_BY(mutex) = false;
        std::uint64_t wakeups SK_GUARDED_BY(mutex) = 0;  // bumped to wake an idle thread
        bool polling SK_GUARDED_BY(mutex) = false;       // an idle thread of the lane is watching the clock
        std::vector<std::thread> threads;                // touched by start() and stop() only
    };

    void add_job_lane(std::string_view kind, int concurrency);
    // Wakes one idle thread of the lane of `kind`.
    void wake(std::string_view kind);
    void add_webhook_lanes();
    void serve(Lane& lane);
    // Bumps the lane's wake-ups and wakes one idle thread.
    static void wake_one(Lane& lane) SK_REQUIRES(lane.mutex);
    // When the next job of `kind` may be claimed (read only); nullopt when none is pending (or the read failed).
    std::optional<Millis> next_due(std::string_view kind);
    // The next due job of `kind`, leased to the caller; nullopt when none is due (or the claim failed).
    std::optional<service::Job> claim(std::string_view kind);
    // When an idle lane should look again: when `due`, or after the poll interval, whichever is sooner.
    [[nodiscard]] std::chrono::steady_clock::time_point look_again(std::optional<Millis> due) const;
    void run(const service::Job& job);

    service::Services& services_;
    const WorkerOptions options_;
    std::vector<std::unique_ptr<Lane>> lanes_;  // one per kind, fixed at construction
};

}  // namespace seatkeeper::jobs
