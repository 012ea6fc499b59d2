// The rate limiters' buckets, without timing: a rate so slow that nothing refills while a test runs.
#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace seatkeeper::http {
namespace {

constexpr double kNoRefill = 1e-9;  // tokens per second

TEST(KeyRateLimiter, AllowsTheBurstOfEachKey) {
    KeyRateLimiter limiter(kNoRefill, 3);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("key:a")) << i;
    EXPECT_FALSE(limiter.allow("key:a"));
    EXPECT_TRUE(limiter.allow("key:b")) << "another key has its own bucket";
    KeyRateLimiter other(kNoRefill, 1);
    EXPECT_TRUE(other.allow("key:a")) << "another limiter has its own buckets";
}

TEST(KeyRateLimiter, ARateOfZeroDisablesIt) {
    KeyRateLimiter limiter(0, 0);
    for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.allow("key:a"));
}

TEST(KeyRateLimiter, ABurstUnderOneTokenAllowsNothing) {
    KeyRateLimiter limiter(kNoRefill, 0.5);
    EXPECT_FALSE(limiter.allow("key:a"));
}

// Threads asking with one key share its bucket: together they get exactly the burst.
TEST(KeyRateLimiter, ThreadsShareAKeysBucket) {
    constexpr int kThreads = 4;
    constexpr int kBurst = 1000;
    KeyRateLimiter limiter(kNoRefill, kBurst);
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kBurst; ++i) allowed += limiter.allow("key:shared") ? 1 : 0;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(allowed.load(), kBurst);
}

}  // namespace
}  // namespace seatkeeper::http
