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

}  // namespace seatkeeper::http
