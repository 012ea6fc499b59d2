#include "dns/txt_lookup.hpp"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <array>
#include <charconv>
#include <cstring>

namespace seatkeeper::dns {

namespace {

struct Endpoint {
    in_addr address{};
    std::uint16_t port = 0;
};

std::optional<Endpoint> parse_endpoint(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    Endpoint e;
    if (inet_pton(AF_INET, text.substr(0, colon).c_str(), &e.address) != 1) return std::nullopt;
    const std::string_view port(text.data() + colon + 1, text.size() - colon - 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) return std::nullopt;
    e.port = static_cast<std::uint16_t>(value);
    return e;
}

// Frees the resolver state however the lookup ends.
class ResolverState {
public:
    ResolverState() { std::memset(&state_, 0, sizeof(state_)); }
    ~ResolverState() {
        if (open_) res_nclose(&state_);
    }
    ResolverState(const ResolverState&) = delete;
    ResolverState& operator=(const ResolverState&) = delete;

    bool open() {
        open_ = res_ninit(&state_) == 0;
        return open_;
    }
    res_state get() { return &state_; }

private:
    struct __res_state state_;
    bool open_ = false;
};

}  // namespace

Status validate_resolver(const std::string& field, const std::string& text) {
    if (text.empty() || parse_endpoint(text)) return Status::Ok();
    return Status::Invalid(field, "host_port", field + " must be an IPv4 address and port, e.g. 127.0.0.1:53");
}

Result<std::vector<std::string>> lookup_txt(const std::string& resolver, const std::string& name) {
    ResolverState state;
    if (!state.open()) return Status::Unavailable("DNS is not available on this server", "res_ninit failed");
    res_state res = state.get();
    res->retrans = 2;  // seconds per try
    res->retry = 2;
    if (!resolver.empty()) {
        const auto endpoint = parse_endpoint(resolver);
        if (!endpoint) return Status::Internal("dns.resolver is not HOST:PORT: " + resolver);
        res->nscount = 1;
        res->nsaddr_list[0].sin_family = AF_INET;
        res->nsaddr_list[0].sin_addr = endpoint->address;
        res->nsaddr_list[0].sin_port = htons(endpoint->port);
    }

    std::array<unsigned char, NS_MAXMSG> answer{};
    const int length = res_nquery(res, name.c_str(), ns_c_in, ns_t_txt, answer.data(), answer.size());
    if (length < 0) {
        // NXDOMAIN and "no data" are answers: the name has no TXT records.
        if (res->res_h_errno == HOST_NOT_FOUND || res->res_h_errno == NO_DATA) return std::vector<std::string>{};
        return Status::Unavailable("The DNS lookup of " + name + " failed; try again later",
                                   "res_nquery h_errno " + std::to_string(res->res_h_errno));
    }

    ns_msg message{};
    if (ns_initparse(answer.data(), length, &message) != 0) {
        return Status::Unavailable("The DNS answer for " + name + " could not be read", "ns_initparse failed");
    }
    std::vector<std::string> records;
    const int count = ns_msg_count(message, ns_s_an);
    for (int i = 0; i < count; ++i) {
        ns_rr rr{};
        if (ns_parserr(&message, ns_s_an, i, &rr) != 0) {
            return Status::Unavailable("The DNS answer for " + name + " could not be read", "ns_parserr failed");
        }
        if (ns_rr_type(rr) != ns_t_txt) continue;  // a CNAME on the way
        const unsigned char* data = ns_rr_rdata(rr);
        const unsigned char* end = data + ns_rr_rdlen(rr);
        std::string text;
        // RDATA is one or more <length byte, bytes> strings.
        while (data < end) {
            const std::size_t size = *data++;
            if (static_cast<std::size_t>(end - data) < size) break;
            text.append(reinterpret_cast<const char*>(data), size);
            data += size;
        }
        records.push_back(std::move(text));
    }
    return records;
}

}  // namespace seatkeeper::dns
