// SeatActivity: the days seats were checked (issue 15, API.md "Usage and seat activity"), recorded off the
// runtime check's hot path and written to `seat_activity` in batches.
//
// Which check is recorded is the SeatIndex's decision (check/seat_index.hpp): a check or token answered
// `licensed` from a seat (assigned, group, trial, in_grace; not a site license's users, who hold none), and only
// the first on each day per seat on this node — the index stamps the seat's entry with the day, so a seat's
// further checks that day cost one atomic load of a word already in cache, and only the one that moves the stamp
// calls record(). record() appends the row to one of kShards buffers (one per thread, modulo kShards, like
// http/metrics), under that buffer's mutex, which only the flush and threads sharing the shard contend for: no
// process-wide lock; the row's strings are its one allocation, once per seat per day.
//
// flush() takes every buffer's rows and writes them in one write transaction (data::usage::insert_activity:
// `ON CONFLICT DO NOTHING` on (tenant, service ID, UPN, day), which merges what several nodes and a reloaded
// index record twice). The poller started by start() flushes every `flush_ms` and stop() a last time. Reclaim
// counts unwritten() beside what the database holds (so a seat checked a second ago on this node is not taken
// back), and writes nothing of it: a reclaim that fails, or runs in an Idempotency-Key's transaction that rolls
// back, loses no activity. A flush that fails puts its rows back for the next; at most kMaxPending rows wait (a
// database away for days), beyond which new ones are dropped and counted in the log. With `retention_days`, the
// first flush of each day also deletes older rows, keeping each seat's last.
//
// Thread-safety: record() and flush() from any thread; start() and stop() from the owning thread.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "common/mutex.hpp"
#include "common/status.hpp"
#include "data/usage.hpp"
#include "domain/license_term.hpp"
#include "store/store.hpp"

namespace seatkeeper::check {

struct SeatActivityOptions {
    Millis flush_ms = 30'000;         // activity.flush_seconds: how often a node writes what it recorded
    std::int32_t retention_days = 0;  // activity.retention_days: days of rows kept (each seat's last always); 0: all
};

class SeatActivity {
public:
    static constexpr std::size_t kMaxPending = 1'000'000;
    using Clock = Millis (*)();

    SeatActivity(store::Store& store, SeatActivityOptions options, Clock clock = now_millis);
    ~SeatActivity();
    SeatActivity(const SeatActivity&) = delete;
    SeatActivity& operator=(const SeatActivity&) = delete;

    // A seat's first check on `day` on this node (see the file comment).
    void record(std::string_view publisher_id, std::string_view tenant_id, std::string_view service_id,
                std::string_view upn, domain::Day day);
    // Writes what was recorded; on failure keeps it for the next flush. One flush at a time.
    Status flush();
    [[nodiscard]] std::size_t pending() const { return pending_.load(std::memory_order_relaxed); }
    // The latest day recorded per UPN for `tenant_id`'s seats of `service_id` that no flush has written yet. Waits
    // for a flush under way (whose rows are in the database once it returns).
    [[nodiscard]] std::map<std::string, domain::Day> unwritten(std::string_view tenant_id, std::string_view service_id);

    void start();
    void stop();  // flushes a last time

private:
    static constexpr std::size_t kShards = 16;
    struct alignas(64) Shard {
        Mutex mutex;
        std::vector<data::ActivityRow> rows SK_GUARDED_BY(mutex);
    };
    void run();

    store::Store& store_;
    SeatActivityOptions options_;
    Clock clock_;
    std::array<Shard, kShards> shards_;
    std::atomic<std::size_t> pending_{0};
    std::atomic<std::uint64_t> dropped_{0};
    Mutex flush_mutex_;  // one flush at a time
    domain::Day pruned_on_ SK_GUARDED_BY(flush_mutex_) = -1;

    Mutex poller_mutex_;  // guards stopping_
    std::condition_variable poller_wake_;
    bool stopping_ SK_GUARDED_BY(poller_mutex_) = false;
    std::thread poller_;
};

}  // namespace seatkeeper::check
