// The public marketplace: live offers, product pages, preview links and Contact me.
#include "domain/ids.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "service/marketplace.hpp"
#include "service/views.hpp"

namespace seatkeeper::http {

namespace {

boost::json::object product_json(const service::MarketplaceOffer& m, const service::Settings& settings) {
    const domain::Offer& o = m.record.offer;
    boost::json::array plans;
    for (const auto& p : m.plans) {
        plans.push_back(boost::json::object{{"id", p.id},
                                            {"name", p.name},
                                            {"description", p.description},
                                            {"service_id", domain::service_id(o.publisher_id, o.id, p.id)}});
    }
    boost::json::array actions;
    for (const auto a : domain::marketplace_actions(o)) actions.emplace_back(domain::to_string(a));
    return {{"id", o.publisher_id + "." + o.id},
            {"publisher_id", o.publisher_id},
            {"publisher_name", m.publisher_name},
            {"offer_id", o.id},
            {"name", o.listing.name},
            {"summary", o.listing.summary},
            {"description", o.listing.description},
            {"privacy_policy_url", o.listing.privacy_policy_url},
            {"support_url", o.listing.support_url},
            {"license_management", o.licensing.license_management},
            {"plans", std::move(plans)},
            {"actions", std::move(actions)},
            {"preview", m.preview},
            {"url", service::marketplace_url(settings, o)}};
}

}  // namespace

void add_marketplace_routes(Router& router, service::Services& services) {
    router.add({"GET", "/api/v1/marketplace/offers", Access::kPublic, [&services](Context& c) -> Result<Response> {
                    const std::string query = c.request.query_param("q").value_or("");
                    if (query.size() > 200)
                        return Status::Invalid("q", "max_length", "q must be at most 200 characters");
                    SK_ASSIGN_OR_RETURN(auto offers, service::list_marketplace_offers(services, query));
                    boost::json::array items;
                    for (const auto& m : offers) items.emplace_back(product_json(m, services.settings()));
                    return paged_list_response(c, std::move(items));
                }});
    router.add(
        {"GET", "/api/v1/marketplace/offers/{product}", Access::kPublic, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto offer,
                                 service::get_marketplace_offer(services, c.param("product"),
                                                                c.request.query_param("preview").value_or("")));
             return json_response(200, product_json(offer, services.settings()));
         }});
    Route contact_me{"POST", "/api/v1/marketplace/offers/{product}/leads", Access::kPublic,
                     [&services](Context& c) -> Result<Response> {
                         SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                         const json::Fields f(body);
                         SK_RETURN_IF_ERROR(f.only({"name", "email", "company", "message"}));
                         service::NewLead lead;
                         SK_ASSIGN_OR_RETURN(lead.name, f.required_string("name", 200));
                         SK_ASSIGN_OR_RETURN(lead.email, f.required_string("email", 254));
                         SK_ASSIGN_OR_RETURN(auto company, f.optional_string("company", 200));
                         SK_ASSIGN_OR_RETURN(auto message, f.optional_string("message", 2000, json::Text::kMultiline));
                         lead.company = company.value_or("");
                         lead.message = message.value_or("");
                         SK_ASSIGN_OR_RETURN(auto created,
                                             service::create_lead(services, c.param("product"),
                                                                  c.request.query_param("preview").value_or(""), lead));
                         return json_response(201,
                                              boost::json::object{{"id", created.id},
                                                                  {"offer", c.param("product")},
                                                                  {"created_at", format_rfc3339(created.created_at)}});
                     }};
    contact_me.public_write = true;
    router.add(std::move(contact_me));
}

}  // namespace seatkeeper::http
