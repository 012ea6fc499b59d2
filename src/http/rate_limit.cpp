#include "http/rate_limit.hpp"

#include <algorithm>

namespace seatkeeper::http {

bool RateLimiter::allow(const std::string& key) {
    if (rate_ <= 0) return true;
    const auto now = std::chrono::steady_clock::now();
    const MutexLock lock(mutex_);
    if (++calls_since_prune_ >= 10000) {
        calls_since_prune_ = 0;
        std::erase_if(buckets_, [&](const auto& kv) {
            const double elapsed = std::chrono::duration<double>(now - kv.second.updated).count();
            return kv.second.tokens + elapsed * rate_ >= burst_;
        });
    }
    auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!inserted) {
        const double elapsed = std::chrono::duration<double>(now - b.updated).count();
        b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
        b.updated = now;
    }
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

namespace {

std::atomic<std::uint64_t> next_limiter_id{1};
// A bucket's whole capacity in nanoseconds stays under this, so that adding the time now to it cannot overflow:
// an absurdly slow rate (tests use one that never refills) gets a longer interval than it asked for, never a
// smaller burst.
constexpr double kMaxCapacityNs = 4e18;

std::int64_t interval_ns(double rate_per_second, double burst) {
    if (rate_per_second <= 0) return 0;
    const double wanted = 1e9 / rate_per_second;
    return std::max<std::int64_t>(1,
                                  static_cast<std::int64_t>(std::min(wanted, kMaxCapacityNs / std::max(1.0, burst))));
}

}  // namespace

KeyRateLimiter::KeyRateLimiter(double rate_per_second, double burst)
    : id_(next_limiter_id.fetch_add(1, std::memory_order_relaxed)),
      interval_ns_(interval_ns(rate_per_second, burst)),
      capacity_ns_(static_cast<std::int64_t>(std::max(0.0, burst) * static_cast<double>(interval_ns_))),
      enabled_(rate_per_second > 0) {}

KeyRateLimiter::Bucket& KeyRateLimiter::bucket(std::string_view key) {
    thread_local std::unordered_map<std::uint64_t, Buckets> tables;  // by limiter id
    Buckets& mine = tables[id_];
    if (const auto it = mine.find(key); it != mine.end()) return *it->second;
    std::shared_ptr<Bucket> shared;
    {
        const MutexLock lock(mutex_);
        auto [it, inserted] = buckets_.try_emplace(std::string(key));
        if (inserted) it->second = std::make_shared<Bucket>();
        shared = it->second;
    }
    return *mine.emplace(std::string(key), std::move(shared)).first->second;
}

bool KeyRateLimiter::allow(std::string_view key) {
    if (!enabled_) return true;
    Bucket& b = bucket(key);
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    std::int64_t full_at = b.full_at.load(std::memory_order_relaxed);
    while (true) {
        // Taking a token pushes the time the bucket is full again one interval later; the bucket is empty when
        // that time would lie more than its capacity ahead.
        const std::int64_t next = std::max(full_at, now) + interval_ns_;
        if (next - now > capacity_ns_) return false;
        if (b.full_at.compare_exchange_weak(full_at, next, std::memory_order_relaxed)) return true;
    }
}

}  // namespace seatkeeper::http
