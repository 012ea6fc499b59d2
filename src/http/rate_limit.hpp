// A token bucket per key (a client address, or address + route family): `burst` tokens, refilled at `rate`
// per second. Old buckets are dropped once full again, so memory stays bounded by the active clients.
//
// Thread-safety: guarded by mutex_.
//
// KeyRateLimiter is the same bucket for a few keys asked at a high rate from every thread (the runtime routes'
// API keys): a key's bucket is one atomic, the time at which it is full again (GCRA), reached through the
// asking thread's own table of the keys it has seen, so allow() takes no lock and allocates nothing but on a
// thread's first request with a key. Keys are never forgotten: use it only for keys of a bounded set, such as
// authenticated API keys.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/mutex.hpp"

namespace seatkeeper::http {

class RateLimiter {
public:
    RateLimiter(double rate_per_second, double burst) : rate_(rate_per_second), burst_(burst) {}
    // Takes one token; false when the bucket is empty (answer 429). A rate of 0 disables the limit.
    bool allow(const std::string& key);

private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point updated;
    };
    double rate_;
    double burst_;
    Mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_ SK_GUARDED_BY(mutex_);
    std::size_t calls_since_prune_ SK_GUARDED_BY(mutex_) = 0;
};

class KeyRateLimiter {
public:
    KeyRateLimiter(double rate_per_second, double burst);
    // Takes one token of `key`'s bucket; false when it is empty (answer 429). A rate of 0 disables the limit.
    bool allow(std::string_view key);

    // A key's bucket: the steady-clock time (ns) at which it holds `burst` tokens again.
    struct Bucket {
        std::atomic<std::int64_t> full_at{0};
    };
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
    };
    using Buckets = std::unordered_map<std::string, std::shared_ptr<Bucket>, KeyHash, std::equal_to<>>;

private:
    Bucket& bucket(std::string_view key);

    const std::uint64_t id_;    // tells this limiter's keys in a thread's table from another limiter's
    std::int64_t interval_ns_;  // between two tokens
    std::int64_t capacity_ns_;  // burst × interval
    bool enabled_;
    Mutex mutex_;
    Buckets buckets_ SK_GUARDED_BY(mutex_);  // every key's bucket; the threads' tables share them
};

}  // namespace seatkeeper::http
