// Which address a request comes from, behind reverse proxies (docs/operations.md "Behind a reverse proxy").
// Only a peer inside `trusted_proxies` may say whom it forwards for (`Forwarded: for=…` or `X-Forwarded-For`);
// from anyone else those headers are ignored, so a client cannot pick its own rate-limit bucket or log line.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "http/message.hpp"

namespace seatkeeper::http {

class TrustedProxies {
public:
    // A comma-separated list of CIDRs or single addresses ("10.0.0.0/8, 192.168.1.7, fd00::/8"); "" trusts none.
    // Fails naming `key`.
    static Result<TrustedProxies> parse(const std::string& key, std::string_view list);

    [[nodiscard]] bool empty() const { return ranges_.empty(); }
    [[nodiscard]] bool contains(std::string_view address) const;
    // The client's address: `peer` unless it is a trusted proxy; then, reading the forwarded chain from the
    // right (the hop nearest to us first), the first address that is not a trusted proxy. A hop that is not an
    // address (`unknown`, an obfuscated name) ends the walk at the proxy that reported it.
    [[nodiscard]] std::string client_address(const std::string& peer, const Request& request) const;

private:
    struct Range {
        std::array<unsigned char, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
        int prefix = 0;                         // bits, of the 128
    };
    std::vector<Range> ranges_;
};

}  // namespace seatkeeper::http
