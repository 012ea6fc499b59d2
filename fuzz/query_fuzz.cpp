// Request targets (http/message.hpp, http/router.hpp): split_target, query parameters and path parameters,
// tried two ways on each input.
//
// As a raw request target: path and query put back together are the target, the path holds no '?';
// query_param answers every key the query holds with that key's first value as Boost.URL reads the query;
// the router matches or not without trouble, and a {name} parameter holds one decoded segment.
// As lines "key\nvalue\nkey\nvalue…": the pairs percent-encoded into a query as a browser does, query_param
// gives back each key's first value; line 0 percent-encoded as one path segment comes back as the route's
// {upn} parameter (an empty one matches no route), and another method learns which methods the path has.
#include <boost/url/parse_query.hpp>
#include <map>
#include <string>

#include "common/text.hpp"
#include "fuzz_check.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace {

using seatkeeper::http::Request;
using seatkeeper::http::Route;
using seatkeeper::http::Router;

const Router& router() {
    static const Router kRouter = [] {
        Router r;
        for (const char* pattern : {"/api/v1/tenant/users/{upn}", "/api/v1/offers/{offer_id}/plans/{plan_id}",
                                    "/api/v1/offers/{offer_id}", "/partner/{path...}"}) {
            Route route;
            route.method = "GET";
            route.pattern = pattern;
            r.add(route);
        }
        Route del;
        del.method = "DELETE";
        del.pattern = "/api/v1/tenant/users/{upn}";
        r.add(del);
        return r;
    }();
    return kRouter;
}

// Every byte but the unreserved ones as %XX: what encodeURIComponent and URLSearchParams send, and safe
// both in a query and in a path segment.
std::string percent_encode(std::string_view text) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4U];
            out += kHex[byte & 0xFU];
        }
    }
    return out;
}

void check_raw_target(std::string_view target) {
    const auto [path, query] = seatkeeper::http::split_target(target);
    FUZZ_CHECK(path.find('?') == std::string::npos);
    if (target.find('?') == std::string_view::npos) {
        FUZZ_CHECK(path == target && query.empty());
    } else {
        FUZZ_CHECK(path + "?" + query == target);
    }

    Request request;
    request.target = std::string(target);
    request.path = path;
    request.query = query;
    const auto params = boost::urls::parse_query(query);
    if (params) {
        // query_param must answer each key with the first value Boost.URL reads for it.
        const boost::urls::encoding_opts form(true);
        std::map<std::string, std::string> first;
        for (const auto& p : *params) first.try_emplace(p.key.decode(form), p.value.decode(form));
        for (const auto& [key, value] : first) FUZZ_CHECK(request.query_param(key) == value);
    } else {
        FUZZ_CHECK(!request.query_param("limit").has_value());
    }

    for (const char* method : {"GET", "HEAD", "DELETE", "POST"}) {
        const auto match = router().match(method, path);
        if (match.route == nullptr) continue;
        FUZZ_CHECK(match.allowed_methods.empty());
        if (const auto upn = match.params.find("upn"); upn != match.params.end()) {
            // Segments are what lies between slashes, empty ones skipped: "//api/v1/…" is "/api/v1/…".
            std::string_view rest = path;
            while (rest.starts_with('/')) rest.remove_prefix(1);
            FUZZ_CHECK(rest.starts_with("api/"));
            // A parameter holds a '/' only when the segment escaped it.
            FUZZ_CHECK(upn->second.find('/') == std::string::npos ||
                       seatkeeper::text::ascii_lower(path).find("%2f") != std::string::npos);
            FUZZ_CHECK(upn->second.size() <= path.size());
        }
    }
}

void check_encoded(std::string_view input) {
    const auto lines = seatkeeper::fuzz::lines(input);
    std::string query;
    std::map<std::string, std::string, std::less<>> first;
    for (std::size_t i = 0; i + 1 < lines.size(); i += 2) {
        if (!query.empty()) query += '&';
        query += percent_encode(lines[i]) + "=" + percent_encode(lines[i + 1]);
        first.try_emplace(std::string(lines[i]), lines[i + 1]);
    }
    Request request;
    request.query = query;
    for (const auto& [key, value] : first) FUZZ_CHECK(request.query_param(key) == value);

    const std::string segment = percent_encode(lines[0]);
    const auto [path, rest] = seatkeeper::http::split_target("/api/v1/tenant/users/" + segment + "?x=1");
    FUZZ_CHECK(rest == "x=1");
    const auto match = router().match("DELETE", path);
    if (lines[0].empty()) {
        FUZZ_CHECK(match.route == nullptr);
    } else {
        FUZZ_CHECK(match.route != nullptr && match.route->method == "DELETE");
        FUZZ_CHECK(match.params.size() == 1 && match.params.at("upn") == lines[0]);
    }
    const auto wrong_method = router().match("POST", path);
    FUZZ_CHECK(wrong_method.route == nullptr);
    FUZZ_CHECK(lines[0].empty() == wrong_method.allowed_methods.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = seatkeeper::fuzz::as_text(data, size);
    check_raw_target(input);
    check_encoded(input);
    return 0;
}
