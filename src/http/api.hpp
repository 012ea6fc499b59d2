// The HTTP API without sockets: `handle(request) -> response`, the request pipeline (http/pipeline.hpp: request
// ids, rate limits, authentication with CSRF, authorization, Idempotency-Key, the check's catch-up, metrics and
// access logs) composed around the route handlers registered by routes_*.cpp.
//
// Thread-safety: handle() is called concurrently from every server thread; the Api holds no mutable state
// of its own beyond the Metrics and RateLimiters, which guard themselves.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/runtime.hpp"
#include "http/client_address.hpp"
#include "http/metrics.hpp"
#include "http/pipeline.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "service/context.hpp"

namespace seatkeeper::http {

struct ApiOptions {
    double requests_per_second = 200;  // per client address, every route but the runtime ones; 0 disables
    double request_burst = 400;
    double runtime_requests_per_second = 20000;  // check and tokens, per API key; 0 disables
    double runtime_request_burst = 40000;
    double logins_per_minute = 10;  // per client address; 0 disables
    double login_burst = 10;
    double public_writes_per_minute = 10;  // anonymous writes (Contact me) per client address; 0 disables
    double public_write_burst = 5;
    TrustedProxies trusted_proxies;  // peers whose Forwarded / X-Forwarded-For name the client; none by default
    std::string web_dir;             // the built web UI (web/dist); empty: UI pages answer 404 saying it is not built
};

inline constexpr std::string_view kSessionCookie = "sk_session";

class Api {
public:
    // `runtime` answers the runtime routes; the Api has it catch up after every change it acknowledges.
    Api(service::Services& services, check::Runtime& runtime, ApiOptions options);

    Response handle(const Request& incoming);
    // Finishes an answer the server gave before any route ran (400/413/414/431 from the HTTP parser): a
    // request id, an access-log line and a metrics sample, like every other answer.
    Response protocol_error(Response response, const std::string& remote_address);
    // What the server needs to know of the route a request goes to once its header is read: the body limit
    // (an oversized body is refused with 413 before it is read) and whether it may be answered on the I/O
    // thread (Route::in_memory).
    struct RoutePolicy {
        std::size_t max_body = std::size_t{1} << 20;
        bool in_memory = false;
        bool needs_principal = false;
        const Route* route = nullptr;  // for answer_in_place
    };
    [[nodiscard]] RoutePolicy policy(std::string_view method, std::string_view target) const;
    // Whether `request`, to a route of `policy`, is answered without the database or a password hash: the
    // route is in_memory and either public or called with an API key that is in the credential cache.
    [[nodiscard]] bool answers_from_memory(const RoutePolicy& policy, const Request& request) const;
    // A GET without a body to a route with an in-place answer (Route::in_place: the runtime check), as the
    // server read it, every view valid for the call.
    struct InPlaceRequest {
        const Route* route = nullptr;
        std::string_view path;
        std::string_view query;
        std::optional<std::string_view> authorization = {};
        std::optional<std::string_view> request_id = {};  // X-Request-Id
        // The Forwarded and X-Forwarded-For headers (names lowercase), in order: the client address of a logged line.
        std::span<const std::pair<std::string_view, std::string_view>> forwarding = {};
        const std::string& peer;  // the connection's remote address
    };
    // A 200's body and request id, their strings reused from one request to the next.
    struct InPlaceAnswer {
        std::string body;
        std::string request_id;
        bool no_store = false;  // Cache-Control: no-store (every /api/ answer)
    };
    // Answers `request` in place when the pipeline would answer it 200: an API key in the credential cache,
    // allowed by Authorize's rule and the runtime limit, and a question the route's in_place answers. Counts
    // it in the metrics and logs it as the pipeline's Observe would, and allocates nothing once `answer`'s
    // strings have grown. False, with nothing spent, for anything else: the server then runs the request
    // through handle(), which answers it as it answers any request.
    bool answer_in_place(const InPlaceRequest& request, InPlaceAnswer& answer);
    // The answer when the server's BlockingPool is full: 503 with Retry-After, logged and counted like others.
    Response overloaded(const Request& incoming);
    // Whether the peer `address` is a trusted reverse proxy (not limited per address: its clients share it).
    [[nodiscard]] bool trusted_proxy(const std::string& address) const { return proxies_.contains(address); }
    [[nodiscard]] const Router& router() const { return router_; }
    [[nodiscard]] service::Services& services() const { return services_; }
    [[nodiscard]] const Metrics& metrics() const { return metrics_; }
    // The last event id this node's index has applied: it moves whenever this node learns of a change, its own or
    // another node's (LISTEN/NOTIFY, or the poll). A long-poll asks again only when it moved.
    [[nodiscard]] std::int64_t events_seen() const { return runtime_.index().cursor(); }

private:
    service::Services& services_;
    check::Runtime& runtime_;
    Router router_;
    Metrics metrics_;
    RateLimiter requests_;
    KeyRateLimiter runtime_requests_;
    RateLimiter logins_;
    RateLimiter public_writes_;
    TrustedProxies proxies_;
    std::vector<Step> steps_;             // handle(): the whole pipeline
    std::vector<Step> overloaded_steps_;  // overloaded(): identified and observed, then 503
};

// Registration of each family of routes (one file each).
void add_system_routes(Router& router, Api& api);
void add_account_routes(Router& router, service::Services& services);
void add_offer_routes(Router& router, service::Services& services);
void add_marketplace_routes(Router& router, service::Services& services);
void add_deal_routes(Router& router, service::Services& services);
void add_tenant_routes(Router& router, service::Services& services);
void add_mail_routes(Router& router, service::Services& services);
void add_webhook_routes(Router& router, service::Services& services);
void add_check_routes(Router& router, check::Runtime& runtime);
void add_usage_routes(Router& router, service::Services& services, check::Runtime& runtime);
void add_web_routes(Router& router, const std::string& web_dir);

}  // namespace seatkeeper::http
