#include "http/api.hpp"

#include "common/crypto.hpp"
#include "common/log.hpp"
#include "http/problem.hpp"

namespace seatkeeper::http {

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
    add_usage_routes(router_, services_, runtime_);
    add_web_routes(router_, options.web_dir);

    // The order is the one http/pipeline.hpp describes.
    steps_ = {Identify{router_, proxies_},
              Observe{metrics_},
              LimitPerAddress{requests_},
              RequireRoute{},
              LimitSignIns{logins_, public_writes_},
              Authenticate{services_, runtime_.credentials(), requests_},
              LimitRuntime{runtime_requests_},
              Authorize{},
              CatchUp{runtime_},
              Transact{services_},
              RunHandler{}};
    overloaded_steps_ = {Identify{router_, proxies_}, Observe{metrics_}, [](Exchange& x, Next) {
                             Response response = problem(Status::Unavailable("the server is busy; retry in a moment"),
                                                         x.request.request_id);
                             response.set_header("Retry-After", "1");
                             return response;
                         }};
}

Api::RoutePolicy Api::policy(std::string_view method, std::string_view target) const {
    const Match m = router_.match(method, target.substr(0, target.find('?')));
    if (m.route == nullptr) return {.in_memory = true};  // 404 and 405 need nothing but the router
    return {m.route->max_body, m.route->in_memory, m.route->access != Access::kPublic, m.route};
}

bool Api::answer_in_place(const InPlaceRequest& request, InPlaceAnswer& answer) {
    // The pipeline's steps for such a request, in its order, each only as far as its answer is "go on":
    // Identify (below), Observe (at the end), RequireRoute and LimitSignIns (a matched runtime route needs
    // neither), Authenticate, LimitRuntime, Authorize, CatchUp and Transact (a GET changes nothing), RunHandler.
    const Route* route = request.route;
    if (route == nullptr || !route->in_place) return false;
    const auto started = std::chrono::steady_clock::now();
    constexpr std::string_view kBearer = "Bearer ";
    if (!request.authorization || !request.authorization->starts_with(kBearer)) return false;
    const service::Principal* who = runtime_.credentials().find(request.authorization->substr(kBearer.size()));
    if (who == nullptr || !authorize(route->access, *who).ok()) return false;
    answer.body.clear();
    if (!route->in_place(*who, request.query, answer.body).ok()) return false;
    // Last, so that nothing is spent on a request the pipeline answers after all.
    if (route->runtime && !runtime_requests_.allow(who->actor)) return false;

    assign_request_id(answer.request_id, request.request_id);
    answer.no_store = request.path.starts_with("/api/");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    constexpr int kOk = 200;
    metrics_.observe("GET", route->pattern, kOk, seconds);
    if (access_logged(route, kOk)) {
        // A logged line (one in kRuntimeLogSample) may allocate: the client address behind trusted proxies.
        Request seen;
        for (const auto& [name, value] : request.forwarding) seen.headers.emplace_back(name, value);
        log_access(answer.request_id, "GET", route->pattern, kOk, seconds, proxies_.client_address(request.peer, seen),
                   log_sampled(route, kOk));
    }
    return true;
}

bool Api::answers_from_memory(const RoutePolicy& policy, const Request& request) const {
    if (!policy.in_memory) return false;
    if (!policy.needs_principal) return true;
    const auto key = request.bearer_credential();
    return key.ok() && key->has_value() && runtime_.credentials().contains(**key);
}

Response Api::handle(const Request& incoming) {
    Exchange exchange{incoming};
    return run_pipeline(steps_, exchange);
}

Response Api::overloaded(const Request& incoming) {
    Exchange exchange{incoming};
    return run_pipeline(overloaded_steps_, exchange);
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
