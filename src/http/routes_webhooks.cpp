// Webhooks (issue 15, API.md "Webhooks and the event contract"): the same routes for a publisher
// (/api/v1/webhooks, Partner Center) and for a tenant (/api/v1/tenant/webhooks, Admin Center); the use cases
// scope each to the caller's account. And the catalogue of event types.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/webhook_inputs.hpp"
#include "http/views/json_array.hpp"
#include "http/views/webhook_views.hpp"
#include "service/webhooks.hpp"

namespace seatkeeper::http {

namespace {

Response no_content() {
    Response r;
    r.status = 204;
    return r;
}

// A delivery's id from the path; anything but `whd_<number>` names no delivery.
Result<std::int64_t> delivery_id(const Context& c) {
    const std::string& text = c.param("delivery_id");
    const auto id = service::parse_delivery_id(text);
    if (!id) return Status::NotFound("No delivery " + text);
    return *id;
}

void add_webhook_routes_under(Router& router, service::Services& services, const std::string& base, Access access) {
    const std::string one = base + "/{webhook_id}";
    router.add({"GET", base, access, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto webhooks, service::list_webhooks(services, c.who()));
                    return paged_list_response(c, views::json_array(webhooks, views::webhook_json));
                }});
    Route create{"POST", base, access, [&services](Context& c) -> Result<Response> {
                     SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_webhook));
                     SK_ASSIGN_OR_RETURN(auto webhook, service::create_webhook(services, c.who(), input));
                     return json_response(201, views::webhook_json(webhook));
                 }};
    create.secret_fields = {"secret"};
    router.add(std::move(create));
    router.add({"GET", one, access, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto webhook, service::get_webhook(services, c.who(), c.param("webhook_id")));
                    return json_response(200, views::webhook_json(webhook));
                }});
    router.add({"PATCH", one, access, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto change, read_input(c, inputs::parse_webhook_change));
                    SK_ASSIGN_OR_RETURN(auto webhook,
                                        service::update_webhook(services, c.who(), c.param("webhook_id"), change));
                    return json_response(200, views::webhook_json(webhook));
                }});
    router.add({"DELETE", one, access, [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(service::delete_webhook(services, c.who(), c.param("webhook_id")));
                    return no_content();
                }});
    Route rotate{"POST", one + "/rotate-secret", access, [&services](Context& c) -> Result<Response> {
                     SK_ASSIGN_OR_RETURN(auto webhook,
                                         service::rotate_webhook_secret(services, c.who(), c.param("webhook_id")));
                     return json_response(200, views::webhook_json(webhook));
                 }};
    rotate.secret_fields = {"secret"};
    router.add(std::move(rotate));
    router.add({"POST", one + "/test", access, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto delivery,
                                        service::send_test_event(services, c.who(), c.param("webhook_id")));
                    return json_response(202, views::webhook_delivery_json(delivery));
                }});
    router.add({"GET", one + "/deliveries", access, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(const auto page, page_query(c));
                    SK_ASSIGN_OR_RETURN(auto deliveries, service::list_webhook_deliveries(
                                                             services, c.who(), c.param("webhook_id"),
                                                             c.request.query_param("status").value_or(""), page));
                    return list_response(views::json_array(deliveries.items, views::webhook_delivery_json),
                                         deliveries.next_cursor);
                }});
    router.add(
        {"POST", one + "/deliveries/{delivery_id}/redeliver", access, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(const std::int64_t id, delivery_id(c));
             SK_ASSIGN_OR_RETURN(auto delivery,
                                 service::redeliver_webhook(services, c.who(), c.param("webhook_id"), id));
             return json_response(202, views::webhook_delivery_json(delivery));
         }});
    router.add(
        {"POST", one + "/replay", access, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(const std::int64_t after, read_input(c, inputs::parse_replay));
             SK_ASSIGN_OR_RETURN(auto replay, service::replay_webhook(services, c.who(), c.param("webhook_id"), after));
             return json_response(
                 202, boost::json::object{
                          {"queued", replay.queued},
                          {"next_after",
                           replay.next_after ? boost::json::value(std::to_string(*replay.next_after)) : nullptr}});
         }});
}

}  // namespace

void add_webhook_routes(Router& router, service::Services& services) {
    add_webhook_routes_under(router, services, "/api/v1/webhooks", Access::kPublisher);
    add_webhook_routes_under(router, services, "/api/v1/tenant/webhooks", Access::kTenant);
    router.add({"GET", "/api/v1/event-types", Access::kAccount, [](Context& c) -> Result<Response> {
                    return json_response(200, views::event_types_json(service::event_types(c.who())));
                }});
}

}  // namespace seatkeeper::http
