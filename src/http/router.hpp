// Routes: (method, path pattern) → handler, with the authentication each route needs.
//
// Patterns are split on '/'; a segment "{name}" matches one non-empty segment and is handed to the handler
// as a path parameter; a last segment "{name...}" matches zero or more segments (the web UI's client-side
// routes) and hands them over joined by '/'. A path that matches with another method answers 405 with an
// Allow header; no match answers 404. Handlers return Result<Response>: a failed Status becomes problem+json
// in http/problem.cpp.
//
// The first route in table order whose pattern and method match wins. A path spelled exactly like a pattern
// without parameters ("/api/v1/check") is found in a hash map of such paths, each with the routes (of any
// pattern) it matches, worked out once at add(): the runtime check's route is found without scanning the
// table and without allocating. Any other path is matched against the table in order.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"
#include "service/context.hpp"

namespace seatkeeper::http {

enum class Access {
    kPublic,     // anyone
    kPublisher,  // a publisher session (cookie + CSRF on writes) or a publisher API key
    kTenant,     // a customer tenant's session or tenant API key (the Admin Center)
    kAccount,    // either: the route itself tells publishers and tenants apart
};

struct Context {
    const Request& request;
    std::map<std::string, std::string> params;
    std::optional<service::Principal> principal;  // set for every Access but kPublic

    [[nodiscard]] const std::string& param(const std::string& name) const { return params.at(name); }
    [[nodiscard]] const service::Principal& who() const { return *principal; }
};

using Handler = std::function<Result<Response>(Context&)>;
// The in-place form of a route's answer (Route::in_place): from the caller and the query string alone, a 200
// body appended to `body`, allocating nothing; or the Status the handler would fail with.
using InPlaceHandler = std::function<Status(const service::Principal& who, std::string_view query, std::string& body)>;

struct Route {
    std::string method;
    std::string pattern;
    Access access = Access::kPublisher;
    Handler handler;
    std::size_t max_body = 1U << 20;  // bytes
    // A POST that changes nothing (the runtime check, tokens): no Idempotency-Key record and no catch-up of
    // the check index after it, which would put a database round trip on the runtime hot path.
    bool read_only = false;
    // A route that signs someone in with a password (login, signup from an invitation), or checks a password
    // or a mailed secret (password change and reset): throttled per address like sign-in attempts, and never
    // stored for an Idempotency-Key replay, which would hand out the CSRF token without the session cookie.
    bool signs_in = false;
    // A runtime route (check, tokens): rate-limited per API key after authentication, not per client address,
    // since one app server asks for all its users.
    bool runtime = false;
    // Top-level answer fields that hold a secret shown once (a new API key, an invitation link). An
    // Idempotency-Key replay stores the answer with them set to null: a secret is never written to the database
    // in the clear (issue 11, finding 9). A client that lost the first answer revokes and creates again.
    std::vector<std::string> secret_fields = {};
    // A write anyone may make without signing in (Contact me): throttled per client address, a few a minute
    // (limits.public_writes_per_minute), so that nobody floods a publisher's leads.
    bool public_write = false;
    // Answered from memory, so on the I/O thread that read the request: the route never touches the database,
    // hashes a password or waits on the network (the runtime check, tokens, the JWKS, health, metrics, the
    // web UI's files). Every other route runs on the bounded BlockingPool (http/blocking_pool.hpp). A route
    // that needs a principal is answered here only while its API key is in the credential cache.
    bool in_memory = false;
    // Set on the runtime check's GET: the same answer as `handler` when that answers 200. The server answers a
    // plain GET of the route with it on its I/O thread, building no Request or Response and allocating nothing
    // (Api::answer_in_place); whatever the pipeline would answer otherwise goes through it, to `handler`.
    InPlaceHandler in_place = {};
};

// `route` marked as answered from memory (Route::in_memory).
inline Route from_memory(Route route) {
    route.in_memory = true;
    return route;
}

struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed_methods;  // when the path matched but the method did not
};

class Router {
public:
    void add(Route route);
    [[nodiscard]] Match match(std::string_view method, std::string_view path) const;
    [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

private:
    struct PathHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view path) const noexcept { return std::hash<std::string_view>{}(path); }
    };
    // Whether routes_[i] matches `path` (its parameters, if any, in `params`).
    bool matches(std::size_t i, std::string_view path, std::map<std::string, std::string>& params) const;

    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> patterns_;  // routes_[i].pattern split on '/', once, at add()
    std::vector<bool> literal_;                       // routes_[i].pattern has no parameter segment
    // Every parameterless pattern → the indexes of the routes that match that very path, in table order.
    std::unordered_map<std::string, std::vector<std::size_t>, PathHash, std::equal_to<>> exact_;
};

}  // namespace seatkeeper::http
