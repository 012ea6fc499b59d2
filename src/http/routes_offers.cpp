// Partner Center: offers, plans, packages, review and publish, go live, leads.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "service/marketplace.hpp"
#include "service/offers.hpp"
#include "service/views.hpp"

namespace seatkeeper::http {

namespace {

Result<service::OfferPatch> parse_offer_patch(const boost::json::object& body) {
    const json::Fields f(body);
    // Read-only fields of GET /offers/{id} are accepted and ignored, so a client may send back what it read.
    SK_RETURN_IF_ERROR(f.only({"licensing", "call_to_action", "listing", "technical_configuration", "id", "alias",
                               "type", "publisher_id", "state", "notifications", "marketplace_url", "preview_url",
                               "marketplace_actions", "created_at", "updated_at", "reviewed_at", "live_at"}));
    service::OfferPatch patch;
    // Offer ID, alias and type are immutable: sent back unchanged they are fine, changed they are refused.
    SK_ASSIGN_OR_RETURN(patch.id, f.optional_string("id", 1000));
    SK_ASSIGN_OR_RETURN(patch.alias, f.optional_string("alias", 1000));
    SK_ASSIGN_OR_RETURN(patch.type, f.optional_string("type", 1000));
    SK_ASSIGN_OR_RETURN(auto licensing, f.optional_object("licensing"));
    if (licensing) {
        SK_RETURN_IF_ERROR(licensing->only({"license_management", "allow_install_without_license", "locked"}));
        SK_ASSIGN_OR_RETURN(patch.license_management, licensing->optional_bool("license_management"));
        SK_ASSIGN_OR_RETURN(patch.allow_install_without_license,
                            licensing->optional_bool("allow_install_without_license"));
    }
    if (f.has("call_to_action")) {
        patch.call_to_action_given = true;
        SK_ASSIGN_OR_RETURN(auto cta, f.optional_string("call_to_action", 32));
        if (cta) {
            patch.call_to_action = domain::parse_call_to_action(*cta);
            if (!patch.call_to_action) {
                return Status::Invalid("call_to_action", "enum",
                                       "call_to_action must be get_it_now, free_trial, contact_me or null");
            }
        }
    }
    SK_ASSIGN_OR_RETURN(auto listing, f.optional_object("listing"));
    if (listing) {
        SK_RETURN_IF_ERROR(listing->only({"name", "summary", "description", "privacy_policy_url", "support_url"}));
        SK_ASSIGN_OR_RETURN(patch.name, listing->optional_string("name", 100000));
        SK_ASSIGN_OR_RETURN(patch.summary, listing->optional_string("summary", 100000, json::Text::kMultiline));
        SK_ASSIGN_OR_RETURN(patch.description, listing->optional_string("description", 100000, json::Text::kMultiline));
        SK_ASSIGN_OR_RETURN(patch.privacy_policy_url, listing->optional_string("privacy_policy_url", 4096));
        SK_ASSIGN_OR_RETURN(patch.support_url, listing->optional_string("support_url", 4096));
    }
    SK_ASSIGN_OR_RETURN(auto technical, f.optional_object("technical_configuration"));
    if (technical) {
        SK_RETURN_IF_ERROR(technical->only({"base_license_model", "package_url", "package_upload"}));
        SK_ASSIGN_OR_RETURN(patch.base_license_model, technical->optional_string("base_license_model", 32));
        SK_ASSIGN_OR_RETURN(patch.package_url, technical->optional_string("package_url", 4096));
        // An explicit null removes the URL, like "".
        const auto& raw = body.at("technical_configuration").as_object();
        if (const auto* v = raw.if_contains("package_url"); v != nullptr && v->is_null()) {
            patch.package_url = std::string();
        }
    }
    return patch;
}

Result<service::NewPlan> parse_new_plan(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"id", "name", "description", "more_info_url"}));
    service::NewPlan plan;
    SK_ASSIGN_OR_RETURN(plan.id, f.required_string("id", 200));
    SK_ASSIGN_OR_RETURN(plan.name, f.required_string("name", 100000));
    SK_ASSIGN_OR_RETURN(auto description, f.optional_string("description", 100000, json::Text::kMultiline));
    SK_ASSIGN_OR_RETURN(auto more_info, f.optional_string("more_info_url", 4096));
    plan.description = description.value_or("");
    plan.more_info_url = more_info.value_or("");
    return plan;
}

boost::json::object lead_json(const service::LeadRecord& l) {
    return {{"id", l.id},
            {"offer_id", l.offer_id},
            {"name", l.lead.name},
            {"email", l.lead.email},
            {"company", l.lead.company},
            {"message", l.lead.message},
            {"created_at", format_rfc3339(l.created_at)}};
}

}  // namespace

void add_offer_routes(Router& router, service::Services& services) {
    const auto offer_answer = [&services](int status, const data::OfferRecord& rec) {
        return json_response(status, service::offer_json(rec, services.settings()));
    };

    router.add({"GET", "/api/v1/offers", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto offers, service::list_offers(services, c.who()));
                    boost::json::array items;
                    for (const auto& o : offers) items.emplace_back(service::offer_json(o, services.settings()));
                    return paged_list_response(c, std::move(items));
                }});
    router.add(
        {"POST", "/api/v1/offers", Access::kPublisher, [&services, offer_answer](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto body, body_object(c));
             const json::Fields f(body);
             SK_RETURN_IF_ERROR(f.only({"id", "alias", "type"}));
             service::NewOffer input;
             SK_ASSIGN_OR_RETURN(input.id, f.required_string("id", 200));
             SK_ASSIGN_OR_RETURN(input.alias, f.required_string("alias", 1000));
             SK_ASSIGN_OR_RETURN(input.type, f.required_string("type", 100));
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
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    SK_ASSIGN_OR_RETURN(auto patch, parse_offer_patch(body));
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
             boost::json::array items;
             for (const auto& p : plans) items.emplace_back(service::plan_json(p));
             return paged_list_response(c, std::move(items));
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
             SK_ASSIGN_OR_RETURN(auto body, body_object(c));
             SK_ASSIGN_OR_RETURN(auto input, parse_new_plan(body));
             SK_ASSIGN_OR_RETURN(auto plan, service::create_plan(services, c.who(), c.param("offer_id"), input));
             return json_response(201, service::plan_json(plan));
         }});
    router.add({"GET", "/api/v1/offers/{offer_id}/plans/{plan_id}", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto plan,
                                        service::get_plan(services, c.who(), c.param("offer_id"), c.param("plan_id")));
                    return json_response(200, service::plan_json(plan));
                }});
    router.add(
        {"PATCH", "/api/v1/offers/{offer_id}/plans/{plan_id}", Access::kPublisher,
         [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto body, body_object(c));
             const json::Fields f(body);
             SK_RETURN_IF_ERROR(f.only(
                 {"id", "name", "description", "more_info_url", "state", "service_id", "created_at", "updated_at"}));
             if (const auto* id = body.if_contains("id");
                 id != nullptr && !(id->is_string() && id->as_string() == c.param("plan_id"))) {
                 return Status::Invalid("id", "immutable", "Plan ID can't be changed after the plan is created");
             }
             service::PlanPatch patch;
             SK_ASSIGN_OR_RETURN(patch.name, f.optional_string("name", 100000));
             SK_ASSIGN_OR_RETURN(patch.description, f.optional_string("description", 100000, json::Text::kMultiline));
             SK_ASSIGN_OR_RETURN(patch.more_info_url, f.optional_string("more_info_url", 4096));
             SK_ASSIGN_OR_RETURN(
                 auto plan, service::update_plan(services, c.who(), c.param("offer_id"), c.param("plan_id"), patch));
             return json_response(200, service::plan_json(plan));
         }});
    router.add({"POST", "/api/v1/offers/{offer_id}/plans/{plan_id}/copy", Access::kPublisher,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    SK_ASSIGN_OR_RETURN(auto input, parse_new_plan(body));
                    SK_ASSIGN_OR_RETURN(auto plan, service::copy_plan(services, c.who(), c.param("offer_id"),
                                                                      c.param("plan_id"), input));
                    return json_response(201, service::plan_json(plan));
                }});

    router.add({"GET", "/api/v1/leads", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(const auto page, page_query(c));
                    SK_ASSIGN_OR_RETURN(
                        auto leads,
                        service::list_leads(services, c.who(), c.request.query_param("offer_id").value_or(""), page));
                    boost::json::array items;
                    for (const auto& l : leads.items) items.emplace_back(lead_json(l));
                    return list_response(std::move(items), leads.next_cursor);
                }});
}

}  // namespace seatkeeper::http
