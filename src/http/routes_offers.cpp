// Partner Center: offers, plans, packages, review and publish, go live, leads.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/offer_inputs.hpp"
#include "http/views/json_array.hpp"
#include "http/views/offer_views.hpp"
#include "service/marketplace.hpp"
#include "service/offers.hpp"

namespace seatkeeper::http {

void add_offer_routes(Router& router, service::Services& services) {
    const auto offer_answer = [&services](int status, const data::OfferRecord& rec) {
        return json_response(status, views::offer_json(rec, services.settings()));
    };

    router.add({"GET", "/api/v1/offers", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto offers, service::list_offers(services, c.who()));
                    boost::json::array items;
                    for (const auto& o : offers) items.emplace_back(views::offer_json(o, services.settings()));
                    return paged_list_response(c, std::move(items));
                }});
    router.add(
        {"POST", "/api/v1/offers", Access::kPublisher, [&services, offer_answer](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_offer));
             SK_ASSIGN_OR_RETURN(auto offer, service::create_offer(services, c.who(), input));
             Response r = offer_answer(201, offer);
             r.set_header("Location", "/api/v1/offers/" + offer.offer.id);
             return r;
         }});
    router.add({"GET", "/api/v1/offers/{offer_id}", Access::kPublisher,
                [&services, offer_answer](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto offer, service::get_offer(services, c.who(), c.param("offer_id")));
                    return offer_answer(200, offer);
                }});
    router.add({"PATCH", "/api/v1/offers/{offer_id}", Access::kPublisher,
                [&services, offer_answer](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto patch, read_input(c, inputs::parse_offer_patch));
                    SK_ASSIGN_OR_RETURN(auto offer,
                                        service::update_offer(services, c.who(), c.param("offer_id"), patch));
                    return offer_answer(200, offer);
                }});
    Route upload{"PUT", "/api/v1/offers/{offer_id}/package", Access::kPublisher,
                 [&services, offer_answer](Context& c) -> Result<Response> {
                     SK_ASSIGN_OR_RETURN(
                         auto offer, service::upload_package(services, c.who(), c.param("offer_id"), c.request.body));
                     return offer_answer(200, offer);
                 }};
    upload.max_body = services.settings().max_package_bytes;
    router.add(std::move(upload));
    router.add({"POST", "/api/v1/offers/{offer_id}/publish", Access::kPublisher,
                [&services, offer_answer](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto offer, service::publish_offer(services, c.who(), c.param("offer_id")));
                    return offer_answer(202, offer);
                }});
    router.add({"POST", "/api/v1/offers/{offer_id}/go-live", Access::kPublisher,
                [&services, offer_answer](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto offer, service::go_live(services, c.who(), c.param("offer_id")));
                    return offer_answer(202, offer);
                }});

    router.add(
        {"GET", "/api/v1/offers/{offer_id}/plans", Access::kPublisher, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto plans, service::list_plans(services, c.who(), c.param("offer_id")));
             return paged_list_response(c, views::json_array(plans, views::plan_json));
         }});
    router.add(
        {"GET", "/api/v1/offers/{offer_id}/plans.csv", Access::kPublisher, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto csv, service::export_plans_csv(services, c.who(), c.param("offer_id")));
             Response r;
             r.content_type = "text/csv; charset=utf-8";
             r.body = std::move(csv);
             r.set_header("Content-Disposition", "attachment; filename=\"" + c.param("offer_id") + "-plans.csv\"");
             return r;
         }});
    router.add(
        {"POST", "/api/v1/offers/{offer_id}/plans", Access::kPublisher, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_plan));
             SK_ASSIGN_OR_RETURN(auto plan, service::create_plan(services, c.who(), c.param("offer_id"), input));
             return json_response(201, views::plan_json(plan));
         }});
    router.add({"GET", "/api/v1/offers/{offer_id}/plans/{plan_id}", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto plan,
                                        service::get_plan(services, c.who(), c.param("offer_id"), c.param("plan_id")));
                    return json_response(200, views::plan_json(plan));
                }});
    router.add({"PATCH", "/api/v1/offers/{offer_id}/plans/{plan_id}", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto patch, read_input(c, [&c](const boost::json::object& body) {
                                            return inputs::parse_plan_patch(body, c.param("plan_id"));
                                        }));
                    SK_ASSIGN_OR_RETURN(auto plan, service::update_plan(services, c.who(), c.param("offer_id"),
                                                                        c.param("plan_id"), patch));
                    return json_response(200, views::plan_json(plan));
                }});
    router.add({"POST", "/api/v1/offers/{offer_id}/plans/{plan_id}/copy", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_new_plan));
                    SK_ASSIGN_OR_RETURN(auto plan, service::copy_plan(services, c.who(), c.param("offer_id"),
                                                                      c.param("plan_id"), input));
                    return json_response(201, views::plan_json(plan));
                }});

    router.add({"GET", "/api/v1/leads", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(const auto page, page_query(c));
                    SK_ASSIGN_OR_RETURN(
                        auto leads,
                        service::list_leads(services, c.who(), c.request.query_param("offer_id").value_or(""), page));
                    return list_response(views::json_array(leads.items, views::lead_json), leads.next_cursor);
                }});
}

}  // namespace seatkeeper::http
