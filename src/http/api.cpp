#include "http/api.hpp"

#include <chrono>

#include "common/crypto.hpp"
#include "common/log.hpp"
#include "http/problem.hpp"
#include "service/accounts.hpp"
#include "service/idempotency.hpp"

namespace seatkeeper::http {

namespace {

// The answer's body as an Idempotency-Key replay keeps it: with the route's secret fields set to null.
std::string without_secrets(const Response& response, const std::vector<std::string>& secret_fields) {
    if (secret_fields.empty()) return response.body;
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(response.body, ec);
    if (ec || !body.is_object()) return "";  // not what such a route answers: keep nothing rather than a secret
    for (const auto& field : secret_fields) {
        if (auto* value = body.as_object().if_contains(field)) *value = nullptr;
    }
    return boost::json::serialize(body);
}

bool safe_method(std::string_view method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

// A client-given X-Request-Id is kept when it is short and plain; otherwise a new one is made.
std::string request_id_for(const Request& request) {
    if (const auto given = request.header("x-request-id")) {
        const bool plain =
            !given->empty() && given->size() <= 64 && std::all_of(given->begin(), given->end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
            });
        if (plain) return std::string(*given);
    }
    return crypto::random_token(12);
}

Response rate_limited(const std::string& detail, int retry_after_seconds, const std::string& request_id) {
    Response r = problem(Status::RateLimited(detail), request_id);
    r.set_header("Retry-After", std::to_string(retry_after_seconds));
    return r;
}

}  // namespace

Api::Api(service::Services& services, check::Runtime& runtime, ApiOptions options)
    : services_(services),
      runtime_(runtime),
      requests_(options.requests_per_second, options.request_burst),
      runtime_requests_(options.runtime_requests_per_second, options.runtime_request_burst),
      logins_(options.logins_per_minute / 60.0, options.login_burst),
      public_writes_(options.public_writes_per_minute / 60.0, options.public_write_burst),
      proxies_(std::move(options.trusted_proxies)) {
    add_system_routes(router_, *this);
    add_account_routes(router_, services_);
    add_offer_routes(router_, services_);
    add_marketplace_routes(router_, services_);
    add_deal_routes(router_, services_);
    add_tenant_routes(router_, services_);
    add_mail_routes(router_, services_);
    add_check_routes(router_, runtime_);
    add_web_routes(router_, options.web_dir);
}

Api::RoutePolicy Api::policy(std::string_view method, std::string_view target) const {
    const auto [path, query] = split_target(target);
    const Match m = router_.match(method, path);
    if (m.route == nullptr) return {.in_memory = true};  // 404 and 405 need nothing but the router
    return {m.route->max_body, m.route->in_memory, m.route->access != Access::kPublic};
}

bool Api::answers_from_memory(const RoutePolicy& policy, const Request& request) const {
    if (!policy.in_memory) return false;
    if (!policy.needs_principal) return true;
    const auto key = request.bearer_credential();
    return key.ok() && key->has_value() && runtime_.credentials().contains(**key);
}

Result<service::Principal> Api::authenticate(const Request& request) const {
    SK_ASSIGN_OR_RETURN(const std::optional<std::string> bearer, request.bearer_credential());
    if (bearer) {
        // Resolved keys are cached (check/credential_cache.hpp), so runtime checks need no database round trip.
        return runtime_.credentials().resolve(
            *bearer, [this](const std::string& key) { return service::resolve_api_key(services_, key); });
    }
    const auto cookie = request.cookie(kSessionCookie);
    if (!cookie) return Status::Unauthenticated("sign in, or send an API key as 'Authorization: Bearer <key>'");
    SK_ASSIGN_OR_RETURN(service::SignIn session, service::resolve_session(services_, *cookie));
    if (!safe_method(request.method)) {
        const auto csrf = request.header("x-csrf-token");
        if (!csrf || !crypto::constant_time_equal(*csrf, session.csrf_token)) {
            return Status::Forbidden("a signed-in request that changes something must send the X-CSRF-Token header");
        }
    }
    return session.principal;
}

Result<Response> Api::dispatch(const Request& request, const Match& match) {
    Context context{request, match.params, std::nullopt};
    if (match.route->access != Access::kPublic) {
        Result<service::Principal> who = authenticate(request);
        if (match.route->runtime) {
            // Runtime routes are limited per API key, once the key is known (one app server makes every
            // check of its users); only failed attempts spend the address's tokens, so keys can't be guessed
            // at speed.
            if (!who.ok()) {
                if (!requests_.allow(request.remote_address)) {
                    return rate_limited("too many requests from this address; slow down", 1, request.request_id);
                }
                return who.status();
            }
            if (!runtime_requests_.allow(who->actor)) {
                return rate_limited("too many runtime requests with this API key; slow down, or batch checks", 1,
                                    request.request_id);
            }
        }
        SK_ASSIGN_OR_RETURN(context.principal, std::move(who));
        if (match.route->access == Access::kPublisher && context.principal->is_tenant()) {
            return Status::Forbidden(
                "This is a Partner Center route for publisher accounts; you are signed in to a "
                "customer tenant");
        }
        if (match.route->access == Access::kTenant && !context.principal->is_tenant()) {
            return Status::Forbidden(
                "This is an Admin Center route for customer tenants; you are signed in to a "
                "publisher account");
        }
    }
    const auto run = [&]() -> Response {
        Result<Response> result = [&]() -> Result<Response> {
            try {
                return match.route->handler(context);
            } catch (const std::exception& e) {
                return Status::Internal(std::string("handler threw: ") + e.what());
            }
        }();
        return result.ok() ? std::move(result).value() : problem(result.status(), request.request_id);
    };
    const auto key = request.header("idempotency-key");
    if (request.method != "POST" || !key || match.route->read_only || match.route->signs_in) return run();

    // Idempotency-Key: the handler runs in one write transaction with the record of its answer, which is
    // replayed to a retry (service/idempotency.hpp).
    const service::IdempotentRequest idempotent{
        context.principal ? context.principal->actor : "anonymous:" + request.remote_address, std::string(*key),
        crypto::sha256_hex(request.method + " " + request.target + "\n" + request.body)};
    Response response;
    SK_ASSIGN_OR_RETURN(const auto stored, service::run_idempotent(services_, idempotent, [&] {
                            response = run();
                            std::string location;
                            for (const auto& [name, value] : response.headers) {
                                if (name == "Location") location = value;
                            }
                            return service::StoredAnswer{response.status, response.content_type,
                                                         without_secrets(response, match.route->secret_fields),
                                                         location};
                        }));
    if (!stored) return response;
    Response replay;
    replay.status = stored->status;
    replay.content_type = stored->content_type;
    replay.body = stored->body;
    if (!stored->location.empty()) replay.set_header("Location", stored->location);
    replay.set_header("Idempotent-Replayed", "true");
    return replay;
}

Request Api::prepared(const Request& incoming) const {
    Request request = incoming;
    // Limits, logs and anonymous idempotency scopes see the client, not the reverse proxy in front of us.
    request.remote_address = proxies_.client_address(request.remote_address, request);
    if (request.request_id.empty()) request.request_id = request_id_for(request);
    if (request.path.empty()) std::tie(request.path, request.query) = split_target(request.target);
    return request;
}

Response Api::handle(const Request& incoming) {
    const auto started = std::chrono::steady_clock::now();
    const Request request = prepared(incoming);
    const Match match = router_.match(request.method, request.path);
    const std::string route = match.route != nullptr ? match.route->pattern : "unmatched";
    Response response;
    const bool runtime_route = match.route != nullptr && match.route->runtime;
    if (!request.poll_repeat && !runtime_route && !requests_.allow(request.remote_address)) {
        response = rate_limited("too many requests from this address; slow down", 1, request.request_id);
    } else if (match.route == nullptr && !match.allowed_methods.empty()) {
        response = method_not_allowed(request.method, match.allowed_methods);
    } else if (match.route == nullptr) {
        response = problem(Status::NotFound("no route " + request.method + " " + request.path), request.request_id);
    } else if (match.route->signs_in && !logins_.allow(request.remote_address)) {
        response = rate_limited("too many sign-in attempts from this address; wait a minute", 60, request.request_id);
    } else if (match.route->public_write && !public_writes_.allow(request.remote_address)) {
        response =
            rate_limited("too many requests of this kind from this address; wait a minute", 60, request.request_id);
    } else {
        Result<Response> result = dispatch(request, match);
        response = result.ok() ? std::move(result).value() : problem(result.status(), request.request_id);
        // Read-your-writes for the runtime check: a change acknowledged by this node is in its seat index
        // before the client hears of it (check/seat_index.hpp).
        if (!safe_method(request.method) && !match.route->read_only && response.status >= 200 &&
            response.status < 300) {
            if (const Status s = runtime_.catch_up(); !s.ok()) {
                log::warn("check index cannot catch up after a change",
                          {{"request_id", request.request_id},
                           {"detail", s.log_detail().empty() ? s.message() : s.log_detail()}});
            }
        }
    }
    finish(request, route, response, started);
    return response;
}

Response Api::overloaded(const Request& incoming) {
    const auto started = std::chrono::steady_clock::now();
    const Request request = prepared(incoming);
    const Match match = router_.match(request.method, request.path);
    Response response = problem(Status::Unavailable("the server is busy; retry in a moment"), request.request_id);
    response.set_header("Retry-After", "1");
    finish(request, match.route != nullptr ? match.route->pattern : "unmatched", response, started);
    return response;
}

void Api::finish(const Request& request, const std::string& route, Response& response,
                 std::chrono::steady_clock::time_point started) {
    response.set_header("X-Request-Id", request.request_id);
    if (request.path.starts_with("/api/")) response.set_header("Cache-Control", "no-store");

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!request.poll_repeat) metrics_.observe(request.method, route, response.status, seconds);
    if (!response.poll_until) {
        log::info("request", {{"request_id", request.request_id},
                              {"method", request.method},
                              {"route", route},
                              {"status", response.status},
                              {"duration_ms", seconds * 1000.0},
                              {"remote", request.remote_address}});
    }
}

Response Api::protocol_error(Response response, const std::string& remote_address) {
    const std::string request_id = crypto::random_token(12);
    response.set_header("X-Request-Id", request_id);
    metrics_.observe("-", "protocol", response.status, 0.0);
    log::info(
        "request",
        {{"request_id", request_id}, {"route", "protocol"}, {"status", response.status}, {"remote", remote_address}});
    return response;
}

}  // namespace seatkeeper::http
