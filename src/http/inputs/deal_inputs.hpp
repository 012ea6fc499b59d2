// Request bodies of deals, their consent invitations and their licenses. How parsers work: account_inputs.hpp.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "common/status.hpp"
#include "domain/license_term.hpp"
#include "service/deals.hpp"
#include "service/licenses.hpp"

namespace seatkeeper::http::inputs {

// POST /deals.
Result<service::NewDeal> parse_new_deal(const boost::json::object& body);
// PATCH /deals/{deal_id}.
Result<service::DealPatch> parse_deal_patch(const boost::json::object& body);
// POST /deals/{deal_id}/invitations: the customer's address.
Result<std::string> parse_invitation(const boost::json::object& body);

// PUT /deals/{deal_id}/licenses/{plan_id}.
Result<service::LicenseSet> parse_deal_license_set(const boost::json::object& body);
// POST …/licenses/{plan_id}/suspend: the reason.
Result<std::string> parse_license_suspension(const boost::json::object& body);
// POST …/licenses/{plan_id}/renew: the new last day.
Result<domain::Day> parse_license_renewal(const boost::json::object& body);

}  // namespace seatkeeper::http::inputs
