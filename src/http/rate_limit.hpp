// A token bucket per key (a client address, or address + route family): `burst` tokens, refilled at `rate`
// per second. Old buckets are dropped once full again, so memory stays bounded by the active clients.
//
// Thread-safety: guarded by mutex_.
#pragma once

#include <chrono>
#include <string>
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

}  // namespace seatkeeper::http
