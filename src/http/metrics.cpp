#include "http/metrics.hpp"

#include <fmt/format.h>

#include <atomic>

namespace seatkeeper::http {

std::string_view metric_method(std::string_view method) {
    static constexpr std::array<std::string_view, 7> kKnown{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    for (const std::string_view known : kKnown) {
        if (method == known) return known;
    }
    return "OTHER";
}

namespace {
std::atomic<std::size_t> next_thread{0};
}  // namespace

void Metrics::observe(std::string_view method, std::string_view route, int status, double seconds) {
    thread_local std::size_t thread_number = next_thread.fetch_add(1, std::memory_order_relaxed);
    const std::string_view label = metric_method(method);
    Shard& shard = shards_[thread_number % kShards];
    const MutexLock lock(shard.mutex);
    const auto counted = std::make_tuple(label, route, status);
    auto count = shard.requests.find(counted);
    if (count == shard.requests.end()) count = shard.requests.emplace(counted, 0).first;
    ++count->second;
    const auto timed = std::make_tuple(label, route);
    auto histogram = shard.latency.find(timed);
    if (histogram == shard.latency.end()) histogram = shard.latency.emplace(timed, Histogram{}).first;
    Histogram& h = histogram->second;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::render() const {
    Counts requests;
    Latencies latency;
    for (const Shard& shard : shards_) {
        const MutexLock lock(shard.mutex);
        for (const auto& [key, count] : shard.requests) requests[key] += count;
        for (const auto& [key, h] : shard.latency) {
            Histogram& sum = latency[key];
            for (std::size_t i = 0; i < kBuckets.size(); ++i) sum.buckets[i] += h.buckets[i];
            sum.count += h.count;
            sum.sum += h.sum;
        }
    }
    std::string out;
    out += "# HELP seatkeeper_http_requests_total HTTP requests by method, route and status.\n";
    out += "# TYPE seatkeeper_http_requests_total counter\n";
    for (const auto& [key, count] : requests) {
        const auto& [method, route, status] = key;
        out += fmt::format("seatkeeper_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
                           route, status, count);
    }
    out += "# HELP seatkeeper_http_request_duration_seconds HTTP request latency by method and route.\n";
    out += "# TYPE seatkeeper_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency) {
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
