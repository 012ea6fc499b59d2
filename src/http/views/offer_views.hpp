// JSON views of offers, plans, leads and the public marketplace's product pages. The rules all views follow are
// in account_views.hpp.
//
// Offers and plans are the exception to "every view is under http/views/": their views are defined once in
// service/views.hpp, because the service layer needs the very same shape for the before/after payloads of
// offer and plan events (domain::OfferView, domain::PlanView), and the layers point http → service, never back.
// They are named here so that the routes find every view in one place; there is no second definition.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "service/marketplace.hpp"
#include "service/views.hpp"

namespace seatkeeper::http::views {

// An offer (openapi `Offer`) and a plan (openapi `Plan`): service/views.cpp.
using service::offer_json;
using service::plan_json;

// A Contact me request as its publisher reads it: {id, offer_id, name, email, company, message, created_at}.
boost::json::object lead_json(const service::LeadRecord& l);
// The answer to Contact me, to the visitor: {id, offer, created_at}; `offer` is the product ("<publisher>.<offer>")
// the visitor asked about, all they may see.
boost::json::object lead_receipt_json(const service::LeadRecord& l, const std::string& product);
// A live (or previewed) offer on the public marketplace (openapi `Product`).
boost::json::object product_json(const service::MarketplaceOffer& m, const service::Settings& settings);

}  // namespace seatkeeper::http::views
