#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "common/text.hpp"

namespace seatkeeper::http {

namespace {

using text::trim;

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const std::size_t end = s.find(separator, start);
        out.push_back(trim(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

// An address as 16 bytes (IPv4 mapped into IPv6), or nullopt when `text` is not an IP address.
std::optional<std::array<unsigned char, 16>> address_bytes(std::string_view text) {
    if (text.size() > 64) return std::nullopt;
    const std::string s(text);
    std::array<unsigned char, 16> out{};
    std::array<unsigned char, 4> v4{};
    if (inet_pton(AF_INET, s.c_str(), v4.data()) == 1) {
        out[10] = 0xff;
        out[11] = 0xff;
        std::copy(v4.begin(), v4.end(), out.begin() + 12);
        return out;
    }
    if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) return out;
    return std::nullopt;
}

// The node of one forwarded hop as an address: `for=` values may be quoted, bracketed and carry a port
// ("[2001:db8::1]:4711", "192.0.2.43:80"); X-Forwarded-For values are bare addresses.
std::string_view hop_address(std::string_view node) {
    if (node.size() >= 2 && node.front() == '"' && node.back() == '"') node = node.substr(1, node.size() - 2);
    if (!node.empty() && node.front() == '[') {
        const auto close = node.find(']');
        return close == std::string_view::npos ? std::string_view{} : node.substr(1, close - 1);
    }
    if (std::count(node.begin(), node.end(), ':') == 1) node = node.substr(0, node.find(':'));  // IPv4:port
    return node;
}

// The forwarded chain, nearest hop last: from `Forwarded` (RFC 7239) when present, else `X-Forwarded-For`.
std::vector<std::string_view> forwarded_chain(const Request& request) {
    std::vector<std::string_view> chain;
    bool standard = false;
    for (const auto& [name, value] : request.headers) {
        if (name != "forwarded") continue;
        standard = true;
        for (const auto element : split(value, ',')) {
            for (const auto pair : split(element, ';')) {
                const auto eq = pair.find('=');
                if (eq == std::string_view::npos) continue;
                const std::string key = text::ascii_lower(trim(pair.substr(0, eq)));
                if (key == "for") chain.push_back(hop_address(trim(pair.substr(eq + 1))));
            }
        }
    }
    if (standard) return chain;
    for (const auto& [name, value] : request.headers) {
        if (name != "x-forwarded-for") continue;
        for (const auto hop : split(value, ',')) chain.push_back(hop_address(hop));
    }
    return chain;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::string& key, std::string_view list) {
    TrustedProxies out;
    if (trim(list).empty()) return out;
    for (const auto item : split(list, ',')) {
        const auto refused = Status::Invalid(key, "cidr",
                                             key +
                                                 " must list addresses or CIDR ranges separated by commas, such as "
                                                 "10.0.0.0/8, 192.168.1.7, fd00::/8; not '" +
                                                 std::string(item) + "'");
        const auto slash = item.find('/');
        const auto bytes = address_bytes(item.substr(0, slash));
        if (!bytes) return refused;
        const bool v4 = item.substr(0, slash).find(':') == std::string_view::npos;
        int prefix = v4 ? 32 : 128;
        if (slash != std::string_view::npos) {
            const auto digits = item.substr(slash + 1);
            const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
            if (ec != std::errc() || ptr != digits.data() + digits.size() || prefix < 0 || prefix > (v4 ? 32 : 128)) {
                return refused;
            }
        }
        out.ranges_.push_back({*bytes, v4 ? prefix + 96 : prefix});
    }
    return out;
}

bool TrustedProxies::contains(std::string_view address) const {
    const auto bytes = address_bytes(address);
    if (!bytes) return false;
    return std::any_of(ranges_.begin(), ranges_.end(), [&](const Range& r) {
        for (int bit = 0; bit < r.prefix; ++bit) {
            const unsigned mask = 0x80U >> static_cast<unsigned>(bit % 8);
            if (((*bytes)[static_cast<std::size_t>(bit / 8)] & mask) !=
                (r.bytes[static_cast<std::size_t>(bit / 8)] & mask)) {
                return false;
            }
        }
        return true;
    });
}

std::string TrustedProxies::client_address(const std::string& peer, const Request& request) const {
    if (ranges_.empty() || !contains(peer)) return peer;
    std::string client = peer;
    const auto chain = forwarded_chain(request);
    // From the nearest hop back (std::views::reverse of a const vector does not compile with clang 14).
    for (std::size_t i = chain.size(); i-- > 0;) {
        if (!address_bytes(chain[i])) return client;  // not an address: the proxy that reported it is what we know
        client = std::string(chain[i]);
        if (!contains(client)) return client;
    }
    return client;
}

}  // namespace seatkeeper::http
