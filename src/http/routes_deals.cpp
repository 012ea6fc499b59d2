// Partner Center, licensing side: deals, consent invitations, licenses per deal, customers, installations.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/deal_inputs.hpp"
#include "http/views/deal_views.hpp"
#include "http/views/json_array.hpp"
#include "http/views/license_views.hpp"
#include "http/views/tenant_views.hpp"
#include "service/deals.hpp"
#include "service/installations.hpp"
#include "service/licenses.hpp"

namespace seatkeeper::http {

namespace {

Result<bool> force_param(const Context& c) {
    const auto force = c.request.query_param("force");
    if (!force || *force == "false") return false;
    if (*force == "true") return true;
    return Status::Invalid("force", "boolean", "force must be true or false");
}

}  // namespace

void add_deal_routes(Router& router, service::Services& services) {
    router.add({"GET", "/api/v1/deals", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    std::optional<domain::DealState> state;
                    if (const auto text = c.request.query_param("state"); text && !text->empty()) {
                        state = domain::parse_deal_state(*text);
                        if (!state) {
                            return Status::Invalid("state", "enum",
                                                   "state must be submitted, in_progress, won, lost or withdrawn");
                        }
                    }
                    SK_ASSIGN_OR_RETURN(auto deals, service::list_deals(services, c.who(), state));
                    return paged_list_response(c, views::json_array(deals, views::deal_json));
                }});
    router.add({"POST", "/api/v1/deals", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_deal));
                    SK_ASSIGN_OR_RETURN(auto deal, service::register_deal(services, c.who(), input));
                    Response r = json_response(201, views::deal_json(deal));
                    r.set_header("Location", "/api/v1/deals/" + deal.id);
                    return r;
                }});
    router.add({"GET", "/api/v1/deals/{deal_id}", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto deal, service::get_deal(services, c.who(), c.param("deal_id")));
                    return json_response(200, views::deal_json(deal));
                }});
    router.add({"PATCH", "/api/v1/deals/{deal_id}", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto patch, read_input(c, inputs::parse_deal_patch));
                    SK_ASSIGN_OR_RETURN(auto deal, service::update_deal(services, c.who(), c.param("deal_id"), patch));
                    return json_response(200, views::deal_json(deal));
                }});
    Route invite{
        "POST", "/api/v1/deals/{deal_id}/invitations", Access::kPublisher, [&services](Context& c) -> Result<Response> {
            SK_ASSIGN_OR_RETURN(auto email, read_input(c, inputs::parse_invitation));
            SK_ASSIGN_OR_RETURN(auto link, service::invite_customer(services, c.who(), c.param("deal_id"), email));
            return json_response(201, views::invitation_link_json(link));
        }};
    invite.secret_fields = {"invitation_url"};
    router.add(std::move(invite));
    router.add(
        {"GET", "/api/v1/deals/{deal_id}/licenses", Access::kPublisher, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto licenses, service::list_deal_licenses(services, c.who(), c.param("deal_id")));
             return json_response(200, views::deal_licenses_json(licenses));
         }});
    router.add({"PUT", "/api/v1/deals/{deal_id}/licenses/{plan_id}", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_deal_license_set));
                    SK_ASSIGN_OR_RETURN(auto row, service::set_deal_license(services, c.who(), c.param("deal_id"),
                                                                            c.param("plan_id"), input));
                    return json_response(200, views::deal_license_json(row));
                }});
    router.add({"POST", "/api/v1/deals/{deal_id}/licenses/{plan_id}/suspend", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto reason, read_input(c, inputs::parse_license_suspension));
                    SK_ASSIGN_OR_RETURN(auto row, service::suspend_license(services, c.who(), c.param("deal_id"),
                                                                           c.param("plan_id"), reason));
                    return json_response(200, views::deal_license_json(row));
                }});
    router.add({"POST", "/api/v1/deals/{deal_id}/licenses/{plan_id}/reinstate", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto row, service::reinstate_license(services, c.who(), c.param("deal_id"),
                                                                             c.param("plan_id")));
                    return json_response(200, views::deal_license_json(row));
                }});
    router.add({"POST", "/api/v1/deals/{deal_id}/licenses/{plan_id}/renew", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto end_date, read_input(c, inputs::parse_license_renewal));
                    SK_ASSIGN_OR_RETURN(auto row, service::renew_license(services, c.who(), c.param("deal_id"),
                                                                         c.param("plan_id"), end_date));
                    return json_response(200, views::deal_license_json(row));
                }});
    router.add({"DELETE", "/api/v1/deals/{deal_id}/licenses/{plan_id}", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(const bool force, force_param(c));
                    SK_RETURN_IF_ERROR(
                        service::remove_deal_license(services, c.who(), c.param("deal_id"), c.param("plan_id"), force));
                    Response r;
                    r.status = 204;
                    return r;
                }});
    router.add({"GET", "/api/v1/customers", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto customers, service::list_customers(services, c.who()));
                    return paged_list_response(c, views::json_array(customers, views::customer_json));
                }});
    router.add({"GET", "/api/v1/installations", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto installs, service::list_publisher_installations(services, c.who()));
                    return paged_list_response(c, views::json_array(installs, views::installation_json));
                }});
}

}  // namespace seatkeeper::http
