#include "http/metrics.hpp"

#include <fmt/format.h>

namespace seatkeeper::http {

std::string_view metric_method(std::string_view method) {
    static constexpr std::array<std::string_view, 7> kKnown{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    for (const std::string_view known : kKnown) {
        if (method == known) return known;
    }
    return "OTHER";
}

void Metrics::observe(std::string_view method, const std::string& route, int status, double seconds) {
    const std::string label(metric_method(method));
    const MutexLock lock(mutex_);
    ++requests_[{label, route, status}];
    Histogram& h = latency_[{label, route}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::render() const {
    const MutexLock lock(mutex_);
    std::string out;
    out += "# HELP seatkeeper_http_requests_total HTTP requests by method, route and status.\n";
    out += "# TYPE seatkeeper_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [method, route, status] = key;
        out += fmt::format("seatkeeper_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
                           route, status, count);
    }
    out += "# HELP seatkeeper_http_request_duration_seconds HTTP request latency by method and route.\n";
    out += "# TYPE seatkeeper_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
        const auto& [method, route] = key;
        const std::string labels = fmt::format(R"(method="{}",route="{}")", method, route);
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out += fmt::format("seatkeeper_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                               kBuckets[i], h.buckets[i]);
        }
        out += fmt::format("seatkeeper_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.count);
        out += fmt::format("seatkeeper_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
        out += fmt::format("seatkeeper_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
    }
    return out;
}

}  // namespace seatkeeper::http
