// Fetches a package zip from its CRM Package URL with libcurl, within limits.
//
// Only http and https (also after redirects, at most `max_redirects`); the whole transfer bounded by
// `timeout` and the body by `max_bytes` (refused as soon as a Content-Length or the received bytes exceed
// it). Unless `allow_private_addresses` is set, a connection to a private or local address is refused before
// any request is sent (net/outbound.hpp: the rule every outbound request shares, also after a redirect).
//
// Thread-safety: a free function; each call uses its own curl easy handle.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "common/status.hpp"
#include "net/outbound.hpp"

namespace seatkeeper::package {

struct FetchLimits {
    std::size_t max_bytes = 64ULL << 20;
    std::chrono::milliseconds timeout{30000};
    int max_redirects = 3;
    bool allow_private_addresses = false;
};

// Ok: the body. Failures are Status::Invalid("technical_configuration.package_url", rule, message) with rule
// one of "invalid_url", "unreachable", "http_status", "too_large", "address_not_allowed", "scheme_not_allowed",
// "timeout" — the message says what happened in words a publisher understands (no curl jargon).
Result<std::string> fetch_package(const std::string& url, const FetchLimits& limits);

// The same with the policy asked for every connection, including those made for a redirect. The overload above
// uses net::public_addresses(allow_private_addresses); this one exists so that tests, whose servers all live on
// 127.0.0.1, can allow a first hop and refuse its redirect target (`allow_private_addresses` is then ignored).
Result<std::string> fetch_package(const std::string& url, const FetchLimits& limits,
                                  const net::AddressPolicy& may_connect);

}  // namespace seatkeeper::package
