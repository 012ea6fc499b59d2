// The background worker that runs durable jobs (service/job_queue.hpp) on its own thread.
//
// It polls the jobs table every `poll_interval` (jobs are few and the poll is one indexed query), runs each
// due job with the handler for its kind, and retries failures with back-off. Several workers, in one process
// or on several nodes, may run at once: the lease in claim_job keeps a job from running twice at a time.
//
// Thread-safety: start() and stop() from one owner thread; the worker thread touches only the Services.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/job_queue.hpp"

namespace seatkeeper::jobs {

class Worker {
public:
    explicit Worker(service::Services& services, std::chrono::milliseconds poll_interval = std::chrono::milliseconds(200));
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void start();
    void stop();
    // Runs every job that is due now, on the calling thread; returns how many ran.
    int run_due_jobs();

private:
    void loop();
    void run(const service::Job& job);

    service::Services& services_;
    std::chrono::milliseconds poll_interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // GUARDED_BY(mutex_)
    std::thread thread_;
};

}  // namespace seatkeeper::jobs
