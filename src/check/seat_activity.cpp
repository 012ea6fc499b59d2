#include "check/seat_activity.hpp"

#include <algorithm>
#include <utility>

#include "common/log.hpp"

namespace seatkeeper::check {

namespace {
std::atomic<std::size_t> next_thread{0};
}  // namespace

SeatActivity::SeatActivity(store::Store& store, SeatActivityOptions options, Clock clock)
    : store_(store), options_(options), clock_(clock) {}

SeatActivity::~SeatActivity() { stop(); }

void SeatActivity::record(std::string_view publisher_id, std::string_view tenant_id, std::string_view service_id,
                          std::string_view upn, domain::Day day) {
    if (pending_.fetch_add(1, std::memory_order_relaxed) >= kMaxPending) {
        pending_.fetch_sub(1, std::memory_order_relaxed);
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    thread_local std::size_t thread_number = next_thread.fetch_add(1, std::memory_order_relaxed);
    Shard& shard = shards_[thread_number % kShards];
    data::ActivityRow row;
    row.publisher_id = publisher_id;
    row.tenant_id = tenant_id;
    row.service_id = service_id;
    row.upn = upn;
    row.day = day;
    const MutexLock lock(shard.mutex);
    shard.rows.push_back(std::move(row));
}

std::map<std::string, domain::Day> SeatActivity::unwritten(std::string_view tenant_id, std::string_view service_id) {
    std::map<std::string, domain::Day> out;
    const MutexLock serial(flush_mutex_);
    for (Shard& shard : shards_) {
        const MutexLock lock(shard.mutex);
        for (const auto& row : shard.rows) {
            if (row.tenant_id != tenant_id || row.service_id != service_id) continue;
            auto [it, added] = out.try_emplace(row.upn, row.day);
            if (!added) it->second = std::max(it->second, row.day);
        }
    }
    return out;
}

Status SeatActivity::flush() {
    const MutexLock serial(flush_mutex_);
    std::vector<data::ActivityRow> rows;
    for (Shard& shard : shards_) {
        const MutexLock lock(shard.mutex);
        if (rows.empty()) {
            rows.swap(shard.rows);
        } else {
            rows.insert(rows.end(), std::make_move_iterator(shard.rows.begin()),
                        std::make_move_iterator(shard.rows.end()));
            shard.rows.clear();
        }
    }
    const domain::Day today = domain::day_of(clock_());
    const bool prune = options_.retention_days > 0 && pruned_on_ != today;
    if (rows.empty() && !prune) return Status::Ok();
    std::int64_t pruned = 0;
    Status written = store::in_transaction(store_, store::TxMode::kWrite, [&](store::Transaction& tx) {
        data::usage::insert_activity(tx, rows);
        if (prune) pruned = data::usage::prune_activity(tx, today - options_.retention_days);
        return Status::Ok();
    });
    if (!written.ok()) {
        // Back for the next flush (the pending count still holds them).
        Shard& shard = shards_[0];
        const MutexLock lock(shard.mutex);
        shard.rows.insert(shard.rows.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
        return written;
    }
    pending_.fetch_sub(rows.size(), std::memory_order_relaxed);
    if (prune) {
        pruned_on_ = today;
        if (pruned > 0)
            log::info("seat activity pruned", {{"rows", pruned}, {"retention_days", options_.retention_days}});
    }
    if (const std::uint64_t dropped = dropped_.exchange(0, std::memory_order_relaxed); dropped > 0) {
        log::warn("seat activity was dropped: too many rows waited for the database",
                  {{"dropped", dropped}, {"max_pending", kMaxPending}});
    }
    return Status::Ok();
}

void SeatActivity::start() {
    {
        const MutexLock lock(poller_mutex_);
        stopping_ = false;
    }
    if (!poller_.joinable()) poller_ = std::thread([this] { run(); });
}

void SeatActivity::stop() {
    {
        const MutexLock lock(poller_mutex_);
        stopping_ = true;
    }
    poller_wake_.notify_all();
    if (poller_.joinable()) poller_.join();
    if (const Status s = flush(); !s.ok()) {
        log::warn("seat activity could not be written at shutdown",
                  {{"rows", pending()}, {"detail", s.log_detail().empty() ? s.message() : s.log_detail()}});
    }
}

void SeatActivity::run() {
    bool failing = false;
    MutexLock lock(poller_mutex_);
    while (true) {
        const auto next = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.flush_ms);
        while (!stopping_ && std::chrono::steady_clock::now() < next) lock.wait_until(poller_wake_, next);
        if (stopping_) break;
        lock.unlock();
        const Status s = flush();
        // One line when writing stops and one when it is back, not one every flush.
        if (!s.ok() && !failing) {
            log::warn("seat activity cannot be written; kept for the next flush",
                      {{"rows", pending()}, {"detail", s.log_detail().empty() ? s.message() : s.log_detail()}});
        } else if (s.ok() && failing) {
            log::info("seat activity written again", {});
        }
        failing = !s.ok();
        lock.lock();
    }
}

}  // namespace seatkeeper::check
