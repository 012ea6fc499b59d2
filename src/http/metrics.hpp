// Prometheus metrics of the HTTP API: request counts by method, route and status, and latency histograms by
// method and route (the route pattern, never the raw path, so the label set stays small). No label comes from
// client input: methods outside HTTP's usual seven are counted as OTHER, unmatched paths as route "unmatched".
//
// Thread-safety: the samples are kept in kShards shards, each thread writing to its own (threads numbered
// in the order they first observe, modulo kShards) under that shard's mutex, which only render() and a
// thread sharing the shard ever contend for: observe() takes no process-wide lock, and allocates only the
// first time a (method, route, status) is seen on a shard. render() adds the shards up.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "common/mutex.hpp"

namespace seatkeeper::http {

// The method as a metrics label: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, or OTHER for anything else.
std::string_view metric_method(std::string_view method);

class Metrics {
public:
    void observe(std::string_view method, std::string_view route, int status, double seconds);
    [[nodiscard]] std::string render() const;

private:
    static constexpr std::size_t kShards = 16;
    static constexpr std::array<double, 11> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    // Orders keys of strings and looks them up by keys of string_views, without building strings: std::less<>
    // cannot compare a tuple of strings with a tuple of string_views under clang 14's C++20 tuple comparison.
    struct KeyLess {
        using is_transparent = void;
        template <typename A, typename B>
        bool operator()(const A& a, const B& b) const {
            return views(a) < views(b);
        }

    private:
        static std::string_view view(std::string_view text) { return text; }
        static int view(int number) { return number; }
        template <typename... T>
        static auto views(const std::tuple<T...>& key) {
            return std::apply([](const auto&... part) { return std::make_tuple(view(part)...); }, key);
        }
    };
    using Counts = std::map<std::tuple<std::string, std::string, int>, std::uint64_t, KeyLess>;
    using Latencies = std::map<std::tuple<std::string, std::string>, Histogram, KeyLess>;
    struct alignas(64) Shard {
        mutable Mutex mutex;
        Counts requests SK_GUARDED_BY(mutex);
        Latencies latency SK_GUARDED_BY(mutex);
    };
    std::array<Shard, kShards> shards_;
};

}  // namespace seatkeeper::http
