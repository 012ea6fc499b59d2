// Request bodies of offers, plans and the marketplace's Contact me. How parsers work: account_inputs.hpp.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "common/status.hpp"
#include "service/marketplace.hpp"
#include "service/offers.hpp"

namespace seatkeeper::http::inputs {

// POST /offers.
Result<service::NewOffer> parse_new_offer(const boost::json::object& body);
// PATCH /offers/{offer_id}. The read-only fields of GET /offers/{offer_id} are accepted and ignored, so that a
// client may send back what it read; id, alias and type are read to be compared (they are immutable).
Result<service::OfferPatch> parse_offer_patch(const boost::json::object& body);
// POST /offers/{offer_id}/plans and …/plans/{plan_id}/copy.
Result<service::NewPlan> parse_new_plan(const boost::json::object& body);
// PATCH /offers/{offer_id}/plans/{plan_id}: an `id` other than `plan_id` is refused (immutable).
Result<service::PlanPatch> parse_plan_patch(const boost::json::object& body, std::string_view plan_id);
// POST /marketplace/offers/{product}/leads.
Result<service::NewLead> parse_new_lead(const boost::json::object& body);

}  // namespace seatkeeper::http::inputs
