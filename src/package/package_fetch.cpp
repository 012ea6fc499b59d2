#include "package/package_fetch.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>

#include "common/curl.hpp"
#include "common/text.hpp"

namespace seatkeeper::package {

namespace {

constexpr const char* kField = "technical_configuration.package_url";

Status refuse(std::string rule, std::string message) {
    return Status::Invalid(kField, std::move(rule), std::move(message));
}

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

struct Transfer {
    const AddressPolicy* may_connect;
    std::size_t max_bytes;
    std::string body;
    bool over_limit = false;
    bool address_refused = false;
};

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
    auto* transfer = static_cast<Transfer*>(data);
    if (purpose != CURLSOCKTYPE_IPCXN || address == nullptr) return CURL_SOCKET_BAD;
    bool allowed = false;
    try {
        const std::string ip = address_text(*address);
        allowed = !ip.empty() && (*transfer->may_connect)(ip, address_port(*address));
    } catch (...) {  // nothing may unwind through libcurl; an undecidable address is refused
    }
    if (!allowed) {
        transfer->address_refused = true;
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype, address->protocol);
}

// Runs once the connection stands and before the request is written: the same policy again, on the address
// actually connected to, in case libcurl reached it by a way the socket callback did not see.
// NOLINTNEXTLINE(readability-non-const-parameter): the signature is libcurl's
int on_connected(void* data, char* primary_ip, char* /*local_ip*/, int primary_port, int /*local_port*/) {
    auto* transfer = static_cast<Transfer*>(data);
    try {
        if ((*transfer->may_connect)(primary_ip, primary_port)) return CURL_PREREQFUNC_OK;
    } catch (...) {  // nothing may unwind through libcurl; an undecidable address is refused
    }
    transfer->address_refused = true;
    return CURL_PREREQFUNC_ABORT;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    // Servers that send no Content-Length are only caught here.
    if (n > transfer->max_bytes - transfer->body.size()) {
        transfer->over_limit = true;
        return 0;
    }
    try {
        transfer->body.append(data, n);
    } catch (...) {
        return 0;
    }
    return n;
}

std::string in_words(std::chrono::milliseconds d) {
    if (d.count() % 1000 == 0) {
        const auto s = d.count() / 1000;
        return std::to_string(s) + (s == 1 ? " second" : " seconds");
    }
    return std::to_string(d.count()) + " milliseconds";
}

std::string reason_phrase(long status) {
    switch (status) {
        case 400:
            return " (Bad Request)";
        case 401:
            return " (Unauthorized)";
        case 403:
            return " (Forbidden)";
        case 404:
            return " (Not Found)";
        case 410:
            return " (Gone)";
        case 429:
            return " (Too Many Requests)";
        case 500:
            return " (Internal Server Error)";
        case 502:
            return " (Bad Gateway)";
        case 503:
            return " (Service Unavailable)";
        case 504:
            return " (Gateway Timeout)";
        default:
            return "";
    }
}

Status http_status(long status) {
    const std::string code = std::to_string(status) + reason_phrase(status);
    if (status >= 300 && status < 400) {
        return refuse("http_status",
                      "The package URL answered with HTTP status " + code +
                          ", a redirect that does not say where to. Give the direct link to the .zip file.");
    }
    return refuse("http_status",
                  "The package URL answered with HTTP status " + code +
                      " instead of the package. Check that the link is public and points to the .zip file.");
}

Status failure(CURLcode code, const Transfer& transfer, const FetchLimits& limits, CURL* curl) {
    // The callbacks' own findings first: libcurl reports them only as a generic abort or write error.
    if (transfer.address_refused) {
        return refuse("address_not_allowed",
                      "The package URL (or a redirect from it) leads to a private or local network address. "
                      "Seatkeeper downloads packages only from addresses on the public internet.");
    }
    if (transfer.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
        return refuse("too_large", "The package at the package URL is larger than " +
                                       text::bytes_in_words(limits.max_bytes) + ", the most Seatkeeper accepts.");
    }
    switch (code) {
        case CURLE_HTTP_RETURNED_ERROR: {
            long status = 0;
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
            return http_status(status);
        }
        case CURLE_UNSUPPORTED_PROTOCOL:
            return refuse("scheme_not_allowed",
                          "The package URL redirects to an address that does not start with https:// or http://.");
        case CURLE_OPERATION_TIMEDOUT:
            return refuse("timeout", "The package URL did not deliver the package within " + in_words(limits.timeout) +
                                         ". Host the package where it downloads faster.");
        case CURLE_COULDNT_RESOLVE_HOST:
            return refuse("unreachable", "The host name in the package URL could not be found. Check the link.");
        case CURLE_COULDNT_CONNECT:
            return refuse("unreachable", "The server in the package URL did not accept a connection. Check the link.");
        case CURLE_TOO_MANY_REDIRECTS:
            return refuse("unreachable", "The package URL redirects more than " + std::to_string(limits.max_redirects) +
                                             " times. Give the direct link to the .zip file.");
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
            return refuse("unreachable",
                          "A secure connection to the package URL could not be established; its certificate may be "
                          "expired or not issued for that host name.");
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
            return refuse("unreachable",
                          "The server in the package URL closed the connection before sending the whole package. "
                          "Try again, or host the package elsewhere.");
        default:
            return refuse("unreachable", "The package could not be downloaded from the package URL. Check the link.");
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

Result<std::string> fetch_package(const std::string& url, const FetchLimits& limits) {
    const bool allow_private = limits.allow_private_addresses;
    return fetch_package(url, limits, [allow_private](const std::string& ip, int /*port*/) {
        return allow_private || !is_private_address(ip);
    });
}

Result<std::string> fetch_package(const std::string& url, const FetchLimits& limits, const AddressPolicy& may_connect) {
    libcurl::init_once();

    // Parsed up front so that a missing or foreign scheme is named as such, and handed to libcurl parsed so
    // that both agree on what the URL means.
    libcurl::Url parsed(curl_url());
    if (!parsed) return Status::Internal("curl_url failed");
    const CURLUcode parse = curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
    if (parse == CURLUE_BAD_SCHEME) {
        return refuse("scheme_not_allowed", "The package URL must start with https:// or http://.");
    }
    if (parse != CURLUE_OK) {
        return refuse("invalid_url",
                      "The package URL is not a valid web address; it should look like "
                      "https://example.com/solution.zip.");
    }
    char* scheme_text = nullptr;
    if (curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme_text, 0) != CURLUE_OK) {
        return refuse("invalid_url", "The package URL has no scheme; it should start with https://.");
    }
    const libcurl::String scheme(scheme_text);
    if (std::string_view(scheme.get()) != "http" && std::string_view(scheme.get()) != "https") {
        return refuse("scheme_not_allowed",
                      "The package URL must start with https:// or http://, not " + std::string(scheme.get()) + "://.");
    }

    libcurl::Easy curl(curl_easy_init());
    if (!curl) return Status::Internal("curl_easy_init failed");
    Transfer transfer{&may_connect, limits.max_bytes, {}};
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_CURLU, parsed.get());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    // A proxy would make the proxy's address the one checked, so the check would protect nothing.
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    // Clamped because libcurl reads -1 redirects, a 0 ms timeout and a 0 byte maximum as "no limit".
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(std::max(limits.max_redirects, 0)));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(limits.timeout.count(), 1)));
    const auto max_file_size = std::min<std::uint64_t>(limits.max_bytes, std::numeric_limits<curl_off_t>::max());
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(std::max<std::uint64_t>(max_file_size, 1)));
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Seatkeeper package review");
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_connected);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);

    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) return failure(code, transfer, limits, h);

    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    // FAILONERROR covers >= 400; a redirect left unfollowed (no Location) is no package either.
    if (status < 200 || status >= 300) return http_status(status);
    return std::move(transfer.body);
}

}  // namespace seatkeeper::package
