// The public marketplace: live offers, product pages, preview links and Contact me.
#include "domain/limits.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/offer_inputs.hpp"
#include "http/views/offer_views.hpp"
#include "service/marketplace.hpp"

namespace seatkeeper::http {

void add_marketplace_routes(Router& router, service::Services& services) {
    router.add({"GET", "/api/v1/marketplace/offers", Access::kPublic, [&services](Context& c) -> Result<Response> {
                    const std::string query = c.request.query_param("q").value_or("");
                    if (query.size() > domain::kMaxSearchQueryLength) {
                        return Status::Invalid(
                            "q", "max_length",
                            "q must be at most " + std::to_string(domain::kMaxSearchQueryLength) + " characters");
                    }
                    SK_ASSIGN_OR_RETURN(auto offers, service::list_marketplace_offers(services, query));
                    boost::json::array items;
                    for (const auto& m : offers) items.emplace_back(views::product_json(m, services.settings()));
                    return paged_list_response(c, std::move(items));
                }});
    router.add(
        {"GET", "/api/v1/marketplace/offers/{product}", Access::kPublic, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto offer,
                                 service::get_marketplace_offer(services, c.param("product"),
                                                                c.request.query_param("preview").value_or("")));
             return json_response(200, views::product_json(offer, services.settings()));
         }});
    Route contact_me{"POST", "/api/v1/marketplace/offers/{product}/leads", Access::kPublic,
                     [&services](Context& c) -> Result<Response> {
                         SK_ASSIGN_OR_RETURN(auto lead, read_input(c, inputs::parse_new_lead));
                         SK_ASSIGN_OR_RETURN(auto created,
                                             service::create_lead(services, c.param("product"),
                                                                  c.request.query_param("preview").value_or(""), lead));
                         return json_response(201, views::lead_receipt_json(created, c.param("product")));
                     }};
    contact_me.public_write = true;
    router.add(std::move(contact_me));
}

}  // namespace seatkeeper::http
