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
