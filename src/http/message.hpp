// Request and Response as the API sees them: plain values, no sockets. The Beast session (server.cpp)
// converts to and from the wire, so handlers and tests work without a network (Beast's awaitable example).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"

namespace seatkeeper::http {

struct Request {
    std::string method;
    std::string target;                                        // as received: path and query
    std::string path;                                          // decoded-free path part of target
    std::string query;                                         // raw query string, without '?'
    std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
    std::string body;
    std::string remote_address;
    std::string request_id;
    // Set on the session's repeated asks of a long-poll: they are one request to the client, so they
    // neither spend rate-limit tokens nor count again in metrics and logs.
    bool poll_repeat = false;

    [[nodiscard]] std::optional<std::string_view> header(std::string_view lowercase_name) const;
    // The percent-decoded value of a query parameter; nullopt when absent.
    [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
    [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
    // The credential of `Authorization: Bearer <credential>`: nullopt without an Authorization header,
    // Unauthenticated when the header names another scheme.
    [[nodiscard]] Result<std::optional<std::string>> bearer_credential() const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // Long-poll: when set and the answer is empty, the session asks again until this time (GET /events?wait=).
    std::optional<Millis> poll_until;
    bool close_connection = false;

    void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Splits "path?query" into its parts.
std::pair<std::string, std::string> split_target(std::string_view target);

}  // namespace seatkeeper::http
