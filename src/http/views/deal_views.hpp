// JSON views of deals and the consent links a publisher sends for them. The rules all views follow are in
// account_views.hpp.
#pragma once

#include <boost/json.hpp>

#include "service/deals.hpp"

namespace seatkeeper::http::views {

// A deal as the API answers it (openapi `Deal`): the deal as its events carry it (service::deal_json, built
// from domain::DealSnapshot, so that the change feed and the API agree) with created_at and updated_at.
boost::json::object deal_json(const data::DealRow& d);
// A new consent link: {id, email, invitation_url, expires_at}; the URL works for whoever holds it, so the
// route records it as a secret field.
boost::json::object invitation_link_json(const service::InvitationLink& link);

}  // namespace seatkeeper::http::views
