// Routes: (method, path pattern) → handler, with the authentication each route needs.
//
// Patterns are split on '/'; a segment "{name}" matches one non-empty segment and is handed to the handler
// as a path parameter; a last segment "{name...}" matches zero or more segments (the web UI's client-side
// routes) and hands them over joined by '/'. A path that matches with another method answers 405 with an
// Allow header; no match answers 404. Handlers return Result<Response>: a failed Status becomes problem+json
// in http/problem.cpp.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
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
    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> patterns_;  // routes_[i].pattern split on '/', once, at add()
};

}  // namespace seatkeeper::http
