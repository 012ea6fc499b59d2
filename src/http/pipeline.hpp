// The request pipeline: everything between a Request and its Response, as a short chain of named steps.
//
// A step is `Response step(Exchange&, Next)`: it looks at the exchange, answers itself (a refusal) or calls
// `next()` for the rest of the chain, and may amend the answer on its way back. Api::handle composes them, in
// this order:
//
//   Identify          the client behind trusted proxies, the request id, the route; X-Request-Id on the answer
//   Observe           metrics and the access log line, for every answer below
//   LimitPerAddress   the per-address rate limit (429), but for the runtime routes and long-poll repeats
//   RequireRoute      404, or 405 with Allow
//   LimitSignIns      sign-in and anonymous-write limits per address (Route::signs_in, Route::public_write)
//   Authenticate      API key (through the credential cache) or session cookie + CSRF token → the principal
//   LimitRuntime      runtime routes, per API key (Route::runtime)
//   Authorize         publisher routes for publisher accounts, Admin Center routes for tenants (Route::access)
//   CatchUp           the check index, after a change is acknowledged (read-your-writes for the check)
//   Transact          what the request may write: nothing for GET and `read_only` routes; one write
//                     transaction with its Idempotency-Key record for a POST that sends one
//   RunHandler        the route's handler (the last step: it never calls next)
//
// Per-route policy stays declarative in the router table (router.hpp); steps read it from Exchange::route().
// Each step is a small struct holding what it needs (a rate limiter, the services), so that
// pipeline_test.cpp runs it alone with a `next` that records whether it was called.
//
// Thread-safety: the steps are called concurrently from every thread that answers requests; what they share
// (rate limiters, metrics, the credential cache, the runtime) guards itself. An Exchange belongs to one request.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "check/runtime.hpp"
#include "http/client_address.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "service/context.hpp"

namespace seatkeeper::http {

// One request on its way through the pipeline, and what the steps learnt about it.
struct Exchange {
    Request request;
    Match match = {};                                  // set by Identify; match.route is null for 404 and 405
    std::optional<service::Principal> principal = {};  // set by Authenticate, for every Access but kPublic

    [[nodiscard]] const Route* route() const { return match.route; }
    // The route's pattern, for metrics and logs ("unmatched" when none).
    [[nodiscard]] std::string_view route_name() const {
        return route() != nullptr ? std::string_view(route()->pattern) : "unmatched";
    }
};

// The rest of the chain, as a step sees it: call it at most once. A non-owning reference to a callable that
// outlives the call (a lambda in the caller's frame), so that running the chain allocates nothing.
class Next {
public:
    template <typename F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, Next> &&
             std::is_invocable_r_v<Response, F&>) explicit Next(F& rest)
        : rest_(&rest), call_([](void* f) -> Response { return (*static_cast<F*>(f))(); }) {}

    Response operator()() const { return call_(rest_); }

private:
    void* rest_;
    Response (*call_)(void*);
};

using Step = std::function<Response(Exchange&, Next)>;

// Runs `steps` in order on `exchange`; the last one must answer without calling next (RunHandler).
Response run_pipeline(std::span<const Step> steps, Exchange& exchange);

bool safe_method(std::string_view method);

// The request id of an answer, into `out` (its capacity reused): `given` (the client's X-Request-Id) when short
// and plain, else 16 random base64url characters from a per-thread generator seeded once from the OS (an id
// tells requests apart in logs; it guards nothing, so it needs no system call per request).
void assign_request_id(std::string& out, std::optional<std::string_view> given);

// Authorize's rule: Partner Center routes refuse tenant accounts, Admin Center routes publishers.
Status authorize(Access access, const service::Principal& who);

// Whether the access-log line of this answer is written: every one, but for a runtime route's successes
// (the check, tokens: thousands a second from one app), of which one in kRuntimeLogSample per thread is.
inline constexpr std::uint64_t kRuntimeLogSample = 1000;
// Whether an answer is one of those sampled: a runtime route's success.
bool log_sampled(const Route* route, int status);
bool access_logged(const Route* route, int status);
// The access-log line of one answer (what Observe writes; the server's in-place answers too).
void log_access(std::string_view request_id, std::string_view method, std::string_view route, int status,
                double seconds, std::string_view remote, bool sampled);

// ---- The steps, in pipeline order ----------------------------------------------------------------------------

// Who asks for what: the client address (behind trusted proxies: limits, logs and anonymous idempotency scopes
// see the client, not the proxy), the request id (the client's X-Request-Id when short and plain, otherwise a
// random one) and the route. On the way out: X-Request-Id, and Cache-Control: no-store on /api/.
struct Identify {
    const Router& router;
    const TrustedProxies& proxies;
    Response operator()(Exchange& x, Next next) const;
};

// One metrics sample and one JSON access-log line per answer (long-poll repeats count once); a runtime route's
// successes are logged one in kRuntimeLogSample (the line says `"sampled": kRuntimeLogSample`).
struct Observe {
    Metrics& metrics;
    Response operator()(Exchange& x, Next next) const;
};

// Every route but the runtime ones spends a token of the client address; repeats of a long-poll spend none.
struct LimitPerAddress {
    RateLimiter& requests;
    Response operator()(Exchange& x, Next next) const;
};

// 404 when no route has the path, 405 with Allow when routes have it for other methods.
struct RequireRoute {
    Response operator()(Exchange& x, Next next) const;
};

// Sign-ins (Route::signs_in) and anonymous writes (Route::public_write): a few a minute per address.
struct LimitSignIns {
    RateLimiter& sign_ins;
    RateLimiter& public_writes;
    Response operator()(Exchange& x, Next next) const;
};

// The principal of a route that needs one: an `Authorization: Bearer` API key, resolved once and then from the
// credential cache, else the `sk_session` cookie; a cookie-authenticated request with an unsafe method must
// carry the session's X-CSRF-Token. On a runtime route a failed attempt spends a token of the client address
// (`failed_runtime_attempts`), so that keys cannot be guessed at speed.
struct Authenticate {
    service::Services& services;
    check::CredentialCache& credentials;
    RateLimiter& failed_runtime_attempts;
    Response operator()(Exchange& x, Next next) const;
};

// Runtime routes are limited per API key once it is known: one app server asks for all its users.
struct LimitRuntime {
    KeyRateLimiter& runtime_requests;
    Response operator()(Exchange& x, Next next) const;
};

// Partner Center routes (Access::kPublisher) refuse tenant accounts, Admin Center routes (kTenant) publishers.
struct Authorize {
    Response operator()(Exchange& x, Next next) const;
};

// After a change answered 2xx (an unsafe method on a route that is not read_only), the check index catches up
// before the client hears of it: a change acknowledged by this node is in its seat index (check/seat_index.hpp).
// A failure to catch up is logged, not answered: the change did commit, and the poller retries.
struct CatchUp {
    check::Runtime& runtime;
    Response operator()(Exchange& x, Next next) const;
};

// What the request may write. GET (and HEAD, OPTIONS) and `read_only` routes: nothing — inside a
// store::ReadOnlyScope, a use case that begins a write transaction fails instead of queueing behind every
// writer. A POST with Idempotency-Key (not on `signs_in` routes): the handler runs in one write transaction with
// the record of its answer (service::run_idempotent), the route's `secret_fields` stored as null; a retry gets
// the recorded answer with Idempotent-Replayed: true. Anything else: each use case its own transaction.
struct Transact {
    service::Services& services;
    Response operator()(Exchange& x, Next next) const;
};

// The route's handler, with the path parameters and the principal; a failed Status becomes problem+json, and an
// exception a logged 500, so that one handler's bug never takes the server down.
struct RunHandler {
    Response operator()(Exchange& x, Next next) const;
};

}  // namespace seatkeeper::http
