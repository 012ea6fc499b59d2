#include "package/package_fetch.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>

#include "common/curl.hpp"
#include "common/text.hpp"
#include "net/outbound.hpp"

namespace seatkeeper::package {

namespace {

constexpr const char* kField = "technical_configuration.package_url";

Status refuse(std::string rule, std::string message) {
    return Status::Invalid(kField, std::move(rule), std::move(message));
}

struct Transfer {
    std::size_t max_bytes;
    std::string body;
    bool over_limit = false;
};

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

Status failure(CURLcode code, const Transfer& transfer, const net::AddressGuard& guard, const FetchLimits& limits,
               CURL* curl) {
    // The callbacks' own findings first: libcurl reports them only as a generic abort or write error.
    if (guard.refused) {
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

Result<std::string> fetch_package(const std::string& url, const FetchLimits& limits) {
    return fetch_package(url, limits, net::public_addresses(limits.allow_private_addresses));
}

Result<std::string> fetch_package(const std::string& url, const FetchLimits& limits,
                                  const net::AddressPolicy& may_connect) {
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
    Transfer transfer{limits.max_bytes, {}};
    net::AddressGuard guard{&may_connect};
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_CURLU, parsed.get());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    // Clamped because libcurl reads -1 redirects, a 0 ms timeout and a 0 byte maximum as "no limit".
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(std::max(limits.max_redirects, 0)));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(limits.timeout.count(), 1)));
    const auto max_file_size = std::min<std::uint64_t>(limits.max_bytes, std::numeric_limits<curl_off_t>::max());
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(std::max<std::uint64_t>(max_file_size, 1)));
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Seatkeeper package review");
    net::guard_connections(h, guard);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);

    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) return failure(code, transfer, guard, limits, h);

    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    // FAILONERROR covers >= 400; a redirect left unfollowed (no Location) is no package either.
    if (status < 200 || status >= 300) return http_status(status);
    return std::move(transfer.body);
}

}  // namespace seatkeeper::package
