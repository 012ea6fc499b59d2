#include "http/pipeline.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <random>
#include <tuple>

#include "common/crypto.hpp"
#include "common/log.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"
#include "service/accounts.hpp"
#include "service/idempotency.hpp"

namespace seatkeeper::http {

namespace {

Response run_from(std::span<const Step> steps, std::size_t i, Exchange& x) {
    auto rest = [steps, i, &x] {
        if (i + 1 >= steps.size()) {
            return problem(Status::Internal("the last step of the pipeline called next"), x.request.request_id);
        }
        return run_from(steps, i + 1, x);
    };
    return steps[i](x, Next(rest));
}

std::string request_id_for(const Request& request) {
    std::string id;
    assign_request_id(id, request.header("x-request-id"));
    return id;
}

// 12 bytes of a per-thread splitmix64 sequence from a random start (distinct on every thread): as
// base64url, 16 characters, the length crypto::random_token(12) gives.
void append_random_id(std::string& out) {
    thread_local std::array<std::uint64_t, 2> state = [] {
        std::random_device device;
        const auto word = [&device] { return (std::uint64_t{device()} << 32U) | device(); };
        return std::array<std::uint64_t, 2>{word(), word()};
    }();
    const auto next = [&] {
        std::uint64_t z = (state[0] += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31U);
    };
    std::array<unsigned char, 12> bytes{};
    const std::uint64_t a = next();
    const std::uint64_t b = state[1];  // the thread's own random word: tells threads apart
    std::memcpy(bytes.data(), &a, 8);
    std::memcpy(bytes.data() + 8, &b, 4);
    static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{bytes[i]} << 16U) | (std::uint32_t{bytes[i + 1]} << 8U) | bytes[i + 2];
        for (const unsigned shift : {18U, 12U, 6U, 0U}) out += kAlphabet[(v >> shift) & 63U];
    }
}

Response rate_limited(const std::string& detail, int retry_after_seconds, const std::string& request_id) {
    Response r = problem(Status::RateLimited(detail), request_id);
    r.set_header("Retry-After", std::to_string(retry_after_seconds));
    return r;
}

Result<service::Principal> principal_of(const Authenticate& step, const Request& request) {
    SK_ASSIGN_OR_RETURN(const std::optional<std::string> bearer, request.bearer_credential());
    if (bearer) {
        return step.credentials.resolve(
            *bearer, [&step](const std::string& key) { return service::resolve_api_key(step.services, key); });
    }
    const auto cookie = request.cookie(kSessionCookie);
    if (!cookie) return Status::Unauthenticated("sign in, or send an API key as 'Authorization: Bearer <key>'");
    SK_ASSIGN_OR_RETURN(service::SignIn session, service::resolve_session(step.services, *cookie));
    if (!safe_method(request.method)) {
        const auto csrf = request.header("x-csrf-token");
        if (!csrf || !crypto::constant_time_equal(*csrf, session.csrf_token)) {
            return Status::Forbidden("a signed-in request that changes something must send the X-CSRF-Token header");
        }
    }
    return session.principal;
}

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

std::string location_of(const Response& response) {
    for (const auto& [name, value] : response.headers) {
        if (name == "Location") return value;
    }
    return "";
}

Response replay_of(const service::StoredAnswer& stored) {
    Response replay;
    replay.status = stored.status;
    replay.content_type = stored.content_type;
    replay.body = stored.body;
    if (!stored.location.empty()) replay.set_header("Location", stored.location);
    replay.set_header("Idempotent-Replayed", "true");
    return replay;
}

}  // namespace

Response run_pipeline(std::span<const Step> steps, Exchange& exchange) {
    if (steps.empty()) return problem(Status::Internal("an empty pipeline"), exchange.request.request_id);
    return run_from(steps, 0, exchange);
}

bool safe_method(std::string_view method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

void assign_request_id(std::string& out, std::optional<std::string_view> given) {
    out.clear();
    const bool plain =
        given && !given->empty() && given->size() <= 64 && std::all_of(given->begin(), given->end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
        });
    if (plain) {
        out.assign(*given);
    } else {
        append_random_id(out);
    }
}

Status authorize(Access access, const service::Principal& who) {
    if (access == Access::kPublisher && who.is_tenant()) {
        return Status::Forbidden(
            "This is a Partner Center route for publisher accounts; you are signed in to a customer tenant");
    }
    if (access == Access::kTenant && !who.is_tenant()) {
        return Status::Forbidden(
            "This is an Admin Center route for customer tenants; you are signed in to a publisher account");
    }
    return Status::Ok();
}

bool log_sampled(const Route* route, int status) { return route != nullptr && route->runtime && status < 300; }

bool access_logged(const Route* route, int status) {
    if (!log::info_enabled()) return false;
    if (!log_sampled(route, status)) return true;
    thread_local std::uint64_t successes = 0;
    return successes++ % kRuntimeLogSample == 0;
}

void log_access(std::string_view request_id, std::string_view method, std::string_view route, int status,
                double seconds, std::string_view remote, bool sampled) {
    boost::json::object fields{
        {"request_id", request_id},        {"method", method}, {"route", route}, {"status", status},
        {"duration_ms", seconds * 1000.0}, {"remote", remote}};
    if (sampled) fields["sampled"] = kRuntimeLogSample;
    log::info("request", std::move(fields));
}

Response Identify::operator()(Exchange& x, Next next) const {
    Request& request = x.request;
    request.remote_address = proxies.client_address(request.remote_address, request);
    if (request.request_id.empty()) request.request_id = request_id_for(request);
    if (request.path.empty()) std::tie(request.path, request.query) = split_target(request.target);
    x.match = router.match(request.method, request.path);
    Response response = next();
    response.set_header("X-Request-Id", request.request_id);
    if (request.path.starts_with("/api/")) response.set_header("Cache-Control", "no-store");
    return response;
}

Response Observe::operator()(Exchange& x, Next next) const {
    const auto started = std::chrono::steady_clock::now();
    Response response = next();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const Request& request = x.request;
    if (!request.poll_repeat) metrics.observe(request.method, x.route_name(), response.status, seconds);
    if (!response.poll_until && access_logged(x.route(), response.status)) {
        log_access(request.request_id, request.method, x.route_name(), response.status, seconds, request.remote_address,
                   log_sampled(x.route(), response.status));
    }
    return response;
}

Response LimitPerAddress::operator()(Exchange& x, Next next) const {
    const bool runtime_route = x.route() != nullptr && x.route()->runtime;
    if (!x.request.poll_repeat && !runtime_route && !requests.allow(x.request.remote_address)) {
        return rate_limited("too many requests from this address; slow down", 1, x.request.request_id);
    }
    return next();
}

Response RequireRoute::operator()(Exchange& x, Next next) const {
    if (x.route() != nullptr) return next();
    if (!x.match.allowed_methods.empty()) return method_not_allowed(x.request.method, x.match.allowed_methods);
    return problem(Status::NotFound("no route " + x.request.method + " " + x.request.path), x.request.request_id);
}

Response LimitSignIns::operator()(Exchange& x, Next next) const {
    if (x.route()->signs_in && !sign_ins.allow(x.request.remote_address)) {
        return rate_limited("too many sign-in attempts from this address; wait a minute", 60, x.request.request_id);
    }
    if (x.route()->public_write && !public_writes.allow(x.request.remote_address)) {
        return rate_limited("too many requests of this kind from this address; wait a minute", 60,
                            x.request.request_id);
    }
    return next();
}

Response Authenticate::operator()(Exchange& x, Next next) const {
    if (x.route()->access == Access::kPublic) return next();
    Result<service::Principal> who = principal_of(*this, x.request);
    if (!who.ok()) {
        if (x.route()->runtime && !failed_runtime_attempts.allow(x.request.remote_address)) {
            return rate_limited("too many requests from this address; slow down", 1, x.request.request_id);
        }
        return problem(who.status(), x.request.request_id);
    }
    x.principal = std::move(who).value();
    return next();
}

Response LimitRuntime::operator()(Exchange& x, Next next) const {
    if (x.route()->runtime && x.principal && !runtime_requests.allow(x.principal->actor)) {
        return rate_limited("too many runtime requests with this API key; slow down, or batch checks", 1,
                            x.request.request_id);
    }
    return next();
}

Response Authorize::operator()(Exchange& x, Next next) const {
    if (x.principal) {
        if (Status refused = authorize(x.route()->access, *x.principal); !refused.ok()) {
            return problem(refused, x.request.request_id);
        }
    }
    return next();
}

Response CatchUp::operator()(Exchange& x, Next next) const {
    Response response = next();
    const bool changed = !safe_method(x.request.method) && !x.route()->read_only;
    if (changed && response.status >= 200 && response.status < 300) {
        if (const Status s = runtime.catch_up(); !s.ok()) {
            log::warn("check index cannot catch up after a change",
                      {{"request_id", x.request.request_id},
                       {"detail", s.log_detail().empty() ? s.message() : s.log_detail()}});
        }
    }
    return response;
}

Response Transact::operator()(Exchange& x, Next next) const {
    const Request& request = x.request;
    if (safe_method(request.method) || x.route()->read_only) {
        const store::ReadOnlyScope read_only;
        return next();
    }
    const auto key = request.header("idempotency-key");
    if (request.method != "POST" || !key || x.route()->signs_in) return next();

    const service::IdempotentRequest idempotent{
        x.principal ? x.principal->actor : "anonymous:" + request.remote_address, std::string(*key),
        crypto::sha256_hex(request.method + " " + request.target + "\n" + request.body)};
    Response response;
    const auto replay = service::run_idempotent(services, idempotent, [&] {
        response = next();
        return service::StoredAnswer{response.status, response.content_type,
                                     without_secrets(response, x.route()->secret_fields), location_of(response)};
    });
    if (!replay.ok()) return problem(replay.status(), request.request_id);
    return *replay ? replay_of(**replay) : response;
}

Response RunHandler::operator()(Exchange& x, Next /*next*/) const {
    Context context{x.request, x.match.params, x.principal};
    Result<Response> result = [&]() -> Result<Response> {
        try {
            return x.route()->handler(context);
        } catch (const std::exception& e) {
            return Status::Internal(std::string("handler threw: ") + e.what());
        }
    }();
    return result.ok() ? std::move(result).value() : problem(result.status(), x.request.request_id);
}

}  // namespace seatkeeper::http
