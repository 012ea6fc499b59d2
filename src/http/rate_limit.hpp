// A token bucket per key (a client address, or address + route family): `burst` tokens, refilled at `rate`
// per second. Old buckets are dropped once full again, so memory stays bounded by the active clients.
//
// Thread-safety: guarded by mutex_.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

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
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(mutex_)
    std::size_t calls_since_prune_ = 0;                // GUARDED_BY(mutex_)
};

}  // namespace seatkeeper::http
