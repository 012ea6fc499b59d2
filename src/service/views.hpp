// The JSON views of offers and plans: the one definition of each, shared by the HTTP answers and the audit log's
// before/after payloads (domain::OfferView, domain::PlanView) so that both always agree.
//
// Every other view is under http/views/, the place a type becomes JSON. These two stay here because service/
// writes them into events and the layers point http → service, never back; http/views/offer_views.hpp names
// them for the routes, so that there is still one place to look and one definition of each shape.
#pragma once

#include <boost/json.hpp>

#include "domain/events.hpp"
#include "service/offers.hpp"

namespace seatkeeper::service {

boost::json::object notification_json(const domain::Notification& n);
boost::json::array notifications_json(const std::vector<domain::Notification>& notifications);
boost::json::object offer_json(const data::OfferRecord& record, const Settings& settings);
boost::json::object plan_json(const data::PlanRecord& record);
// The same views as the payloads of offer and plan events.
domain::OfferView offer_view(const data::OfferRecord& record, const Settings& settings);
domain::PlanView plan_view(const data::PlanRecord& record);

std::string marketplace_url(const Settings& settings, const domain::Offer& offer);
std::string preview_url(const Settings& settings, const data::OfferRecord& record);

}  // namespace seatkeeper::service
