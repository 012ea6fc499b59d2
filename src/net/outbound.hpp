// Requests Seatkeeper makes to addresses its users name (a package URL, a webhook endpoint), and the one rule they
// share against server-side request forgery: unless private addresses are allowed, a connection to a loopback,
// private, link-local, unique-local, CGNAT, multicast or unspecified address (IPv4 or IPv6, also after a DNS
// answer or a redirect) is refused before any byte is sent. The address is judged as libcurl is about to connect
// to it (after resolving), and again once connected, so a name that resolves to 127.0.0.1 is caught too.
//
// Thread-safety: free functions; each request uses its own curl easy handle.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.hpp"

using CURL = void;

namespace seatkeeper::net {

// Whether a connection to `ip`:`port` may carry a request, asked for every connection.
using AddressPolicy = std::function<bool(const std::string& ip, int port)>;

// True for addresses a server-side request must not reach by default (see above); also for text that is no
// address at all.
bool is_private_address(const std::string& ip);

// The default policy: every address when `allow_private`, else public ones only.
AddressPolicy public_addresses(bool allow_private);

// What guard_connections records while a transfer runs: whether the policy refused an address.
struct AddressGuard {
    const AddressPolicy* may_connect = nullptr;
    bool refused = false;
};
// Installs `guard` on a libcurl easy handle (its open-socket and pre-request callbacks) and turns proxies off (a
// proxy would make the proxy's address the one judged). `guard` must outlive the transfer.
void guard_connections(CURL* handle, AddressGuard& guard);

struct PostLimits {
    std::chrono::milliseconds timeout{10000};
    std::size_t max_answer_bytes = 1024;  // what is kept of the answer's body (the rest is read and dropped)
};

struct PostAnswer {
    long status = 0;
    std::string body;  // at most max_answer_bytes
};

// POSTs `body` to an http(s) `url` with `headers` (name, value), following no redirect. Ok: any HTTP answer, with
// its status. Failures are Unavailable with a message in words (`address_not_allowed`: "… a private or local
// network address …"; timeouts, refused connections, TLS problems, an invalid URL), for the delivery log.
Result<PostAnswer> post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string_view body, const PostLimits& limits, const AddressPolicy& may_connect);

}  // namespace seatkeeper::net
