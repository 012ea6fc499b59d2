#include "net/outbound.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "common/curl.hpp"

namespace seatkeeper::net {

namespace {

std::uint32_t ipv4_at(const unsigned char* bytes) {
    return (static_cast<std::uint32_t>(bytes[0]) << 24) | (static_cast<std::uint32_t>(bytes[1]) << 16) |
           (static_cast<std::uint32_t>(bytes[2]) << 8) | static_cast<std::uint32_t>(bytes[3]);
}

bool in_range(std::uint32_t ip, std::uint32_t network, int prefix) {
    const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
    return (ip & mask) == network;
}

bool is_private_ipv4(std::uint32_t ip) {
    return in_range(ip, 0x00000000, 8)      // "this network", including 0.0.0.0
           || in_range(ip, 0x0A000000, 8)   // 10/8
           || in_range(ip, 0x64400000, 10)  // 100.64/10, carrier-grade NAT
           || in_range(ip, 0x7F000000, 8)   // loopback
           || in_range(ip, 0xA9FE0000, 16)  // link-local, where cloud metadata services live
           || in_range(ip, 0xAC100000, 12)  // 172.16/12
           || in_range(ip, 0xC0000000, 24)  // IETF protocol assignments
           || in_range(ip, 0xC0A80000, 16)  // 192.168/16
           || in_range(ip, 0xC6120000, 15)  // benchmarking, never routed publicly
           || in_range(ip, 0xE0000000, 3);  // multicast, reserved and broadcast
}

bool is_private_ipv6(const std::array<unsigned char, 16>& b) {
    const auto zeros = [&](int from, int to) {
        for (int i = from; i < to; ++i) {
            if (b[static_cast<std::size_t>(i)] != 0) return false;
        }
        return true;
    };
    // Forms that carry an IPv4 address are judged by it, or ::ffff:127.0.0.1 would slip through.
    if (zeros(0, 10) && b[10] == 0xff && b[11] == 0xff) return is_private_ipv4(ipv4_at(&b[12]));  // mapped
    if (zeros(0, 12)) return is_private_ipv4(ipv4_at(&b[12]));  // ::, ::1 and the deprecated compatible form
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zeros(4, 12)) {
        return is_private_ipv4(ipv4_at(&b[12]));  // NAT64 64:ff9b::/96
    }
    if (b[0] == 0x20 && b[1] == 0x02) return is_private_ipv4(ipv4_at(&b[2]));  // 6to4 2002::/16
    if (b[0] == 0x01 && zeros(1, 8)) return true;                              // discard-only 100::/64
    if (b[0] == 0xfe && (b[1] & 0x80) == 0x80) return true;  // fe80::/10 link-local, fec0::/10 site-local
    if ((b[0] & 0xfe) == 0xfc) return true;                  // fc00::/7 unique-local
    return b[0] == 0xff;                                     // multicast
}

// The address text of a socket address libcurl is about to connect to ("" when it is neither IPv4 nor IPv6).
std::string address_text(const curl_sockaddr& address) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    const void* bytes = nullptr;
    if (address.family == AF_INET) bytes = &reinterpret_cast<const sockaddr_in*>(&address.addr)->sin_addr;
    if (address.family == AF_INET6) bytes = &reinterpret_cast<const sockaddr_in6*>(&address.addr)->sin6_addr;
    if (bytes == nullptr || inet_ntop(address.family, bytes, text.data(), text.size()) == nullptr) return "";
    return text.data();
}

int address_port(const curl_sockaddr& address) {
    if (address.family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&address.addr)->sin_port);
    if (address.family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&address.addr)->sin6_port);
    return 0;
}

// Runs for every address libcurl is about to connect to, after resolving and before connecting, for the first
// hop and every redirect: a refused address is never connected to, so that whether an internal port is open
// shows nowhere, neither in the time taken nor in the message (issue 11, finding 13).
curl_socket_t on_open_socket(void* data, curlsocktype purpose, curl_sockaddr* address) {
    auto* guard = static_cast<AddressGuard*>(data);
    if (purpose != CURLSOCKTYPE_IPCXN || address == nullptr) return CURL_SOCKET_BAD;
    bool allowed = false;
    try {
        const std::string ip = address_text(*address);
        allowed = !ip.empty() && (*guard->may_connect)(ip, address_port(*address));
    } catch (...) {  // nothing may unwind through libcurl; an undecidable address is refused
    }
    if (!allowed) {
        guard->refused = true;
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype, address->protocol);
}

// Runs once the connection stands and before the request is written: the same policy again, on the address
// actually connected to, in case libcurl reached it by a way the socket callback did not see.
// NOLINTNEXTLINE(readability-non-const-parameter): the signature is libcurl's
int on_connected(void* data, char* primary_ip, char* /*local_ip*/, int primary_port, int /*local_port*/) {
    auto* guard = static_cast<AddressGuard*>(data);
    try {
        if ((*guard->may_connect)(primary_ip, primary_port)) return CURL_PREREQFUNC_OK;
    } catch (...) {  // nothing may unwind through libcurl; an undecidable address is refused
    }
    guard->refused = true;
    return CURL_PREREQFUNC_ABORT;
}

struct Answer {
    std::size_t max_bytes = 0;
    std::string body;
};

std::size_t on_answer(char* data, std::size_t size, std::size_t count, void* user) {
    auto* answer = static_cast<Answer*>(user);
    const std::size_t n = size * count;
    try {
        answer->body.append(data, std::min(n, answer->max_bytes - std::min(answer->max_bytes, answer->body.size())));
    } catch (...) {
        return 0;
    }
    return n;  // the rest is read and dropped, so that the server sees its answer taken
}

Status unavailable(std::string message) { return Status::Unavailable(std::move(message)); }

Status failure(CURLcode code, const AddressGuard& guard, const PostLimits& limits) {
    if (guard.refused) {
        return unavailable(
            "address_not_allowed: the URL leads to a private or local network address; Seatkeeper sends only to "
            "addresses on the public internet (webhooks.allow_private_addresses allows others)");
    }
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return unavailable("timeout: no answer within " + std::to_string(limits.timeout.count()) + " ms");
        case CURLE_COULDNT_RESOLVE_HOST:
            return unavailable("unreachable: the host name could not be found");
        case CURLE_COULDNT_CONNECT:
            return unavailable("unreachable: the server did not accept a connection");
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
            return unavailable("tls: a secure connection could not be established (certificate or TLS version)");
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
            return unavailable("unreachable: the server closed the connection without a whole answer");
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return unavailable("invalid_url: the URL is not an http(s) address");
        default:
            return unavailable(std::string("unreachable: ") + curl_easy_strerror(code));
    }
}

}  // namespace

bool is_private_address(const std::string& ip) {
    // A zone index ("fe80::1%eth0") says which interface, not where; the address before it decides.
    const std::string address = ip.substr(0, ip.find('%'));
    std::array<unsigned char, 16> bytes{};
    if (inet_pton(AF_INET, address.c_str(), bytes.data()) == 1) return is_private_ipv4(ipv4_at(bytes.data()));
    if (inet_pton(AF_INET6, address.c_str(), bytes.data()) == 1) return is_private_ipv6(bytes);
    return true;  // not an address we can judge: refuse rather than guess
}

AddressPolicy public_addresses(bool allow_private) {
    return [allow_private](const std::string& ip, int /*port*/) { return allow_private || !is_private_address(ip); };
}

void guard_connections(CURL* handle, AddressGuard& guard) {
    curl_easy_setopt(handle, CURLOPT_PROXY, "");
    curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, &guard);
    curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, on_connected);
    curl_easy_setopt(handle, CURLOPT_PREREQDATA, &guard);
}

Result<PostAnswer> post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string_view body, const PostLimits& limits, const AddressPolicy& may_connect) {
    libcurl::init_once();
    libcurl::Easy curl(curl_easy_init());
    if (!curl) return Status::Internal("curl_easy_init failed");
    CURL* h = curl.get();
    AddressGuard guard{&may_connect};
    Answer answer{limits.max_answer_bytes, {}};
    libcurl::List list;
    // "Expect:" (empty) keeps libcurl from waiting for a 100 Continue before a larger body: receivers rarely
    // send one, and each attempt would lose a second.
    std::vector<std::pair<std::string, std::string>> all = headers;
    all.emplace_back("Expect", "");
    for (const auto& [name, value] : all) {
        std::string line = name;
        line += value.empty() ? ":" : ": ";
        line += value;
        curl_slist* longer = curl_slist_append(list.get(), line.c_str());
        if (longer == nullptr) return Status::Internal("curl_slist_append failed");
        (void)list.release();
        list.reset(longer);
    }
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(limits.timeout.count(), 1)));
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, list.get());
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Seatkeeper-Webhooks/1");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_answer);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
    guard_connections(h, guard);

    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) return failure(code, guard, limits);
    PostAnswer out;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
    out.body = std::move(answer.body);
    return out;
}

}  // namespace seatkeeper::net
