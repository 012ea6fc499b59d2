#include "http/views/offer_views.hpp"

#include "common/clock.hpp"
#include "domain/ids.hpp"

namespace seatkeeper::http::views {

boost::json::object lead_json(const service::LeadRecord& l) {
    return {{"id", l.id},
            {"offer_id", l.offer_id},
            {"name", l.lead.name},
            {"email", l.lead.email},
            {"company", l.lead.company},
            {"message", l.lead.message},
            {"created_at", format_rfc3339(l.created_at)}};
}

boost::json::object lead_receipt_json(const service::LeadRecord& l, const std::string& product) {
    return {{"id", l.id}, {"offer", product}, {"created_at", format_rfc3339(l.created_at)}};
}

boost::json::object product_json(const service::MarketplaceOffer& m, const service::Settings& settings) {
    const domain::Offer& o = m.record.offer;
    boost::json::array plans;
    for (const auto& p : m.plans) {
        plans.push_back(boost::json::object{{"id", p.id},
                                            {"name", p.name},
                                            {"description", p.description},
                                            {"service_id", domain::service_id(o.publisher_id, o.id, p.id)},
                                            {"trial_days", p.offers_trial() ? p.trial_days : 0},
                                            {"trial_seats", p.offers_trial() ? p.trial_seats : 0}});
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

}  // namespace seatkeeper::http::views
