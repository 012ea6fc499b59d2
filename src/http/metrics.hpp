// Prometheus metrics of the HTTP API: request counts by method, route and status, and latency histograms by
// method and route (the route pattern, never the raw path, so the label set stays small). No label comes from
// client input: methods outside HTTP's usual seven are counted as OTHER, unmatched paths as route "unmatched".
//
// Thread-safety: all members guarded by mutex_; observe() is one short critical section per request.
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
    void observe(std::string_view method, const std::string& route, int status, double seconds);
    [[nodiscard]] std::string render() const;

private:
    static constexpr std::array<double, 11> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable Mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_ SK_GUARDED_BY(mutex_);
    std::map<std::pair<std::string, std::string>, Histogram> latency_ SK_GUARDED_BY(mutex_);
};

}  // namespace seatkeeper::http
