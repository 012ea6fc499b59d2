#include "service/views.hpp"

namespace seatkeeper::service {

boost::json::object notification_json(const domain::Notification& n) {
    return {{"code", n.code}, {"message", n.message}, {"location", n.location}, {"fix", n.fix}, {"field", n.field}};
}

boost::json::array notifications_json(const std::vector<domain::Notification>& notifications) {
    boost::json::array out;
    for (const auto& n : notifications) out.emplace_back(notification_json(n));
    return out;
}

std::string marketplace_url(const Settings& settings, const domain::Offer& offer) {
    return settings.public_url + "/marketplace/product/" + offer.publisher_id + "." + offer.id;
}

std::string preview_url(const Settings& settings, const data::OfferRecord& record) {
    return marketplace_url(settings, record.offer) + "?preview=" + record.preview_token;
}

boost::json::object offer_json(const data::OfferRecord& record, const Settings& settings) {
    const domain::Offer& o = record.offer;
    boost::json::value package_upload = nullptr;
    if (record.package_upload) {
        package_upload = boost::json::object{{"size", record.package_upload->size},
                                             {"sha256", record.package_upload->sha256},
                                             {"uploaded_at", format_rfc3339(record.package_upload->uploaded_at)}};
    }
    boost::json::value cta = nullptr;
    if (o.call_to_action) cta = std::string(domain::to_string(*o.call_to_action));
    const bool previewable = o.state == domain::OfferState::kPreview || o.state == domain::OfferState::kPublishing;
    boost::json::array actions;
    for (const auto a : domain::marketplace_actions(o)) actions.emplace_back(domain::to_string(a));
    return {
        {"id", o.id},
        {"publisher_id", o.publisher_id},
        {"alias", o.alias},
        {"type", record.type},
        {"state", domain::to_string(o.state)},
        {"licensing",
         {{"license_management", o.licensing.license_management},
          {"allow_install_without_license", o.licensing.allow_install_without_license},
          {"locked", o.licensing_locked}}},
        {"call_to_action", cta},
        {"marketplace_actions", actions},
        {"listing",
         {{"name", o.listing.name},
          {"summary", o.listing.summary},
          {"description", o.listing.description},
          {"privacy_policy_url", o.listing.privacy_policy_url},
          {"support_url", o.listing.support_url}}},
        {"technical_configuration",
         {{"base_license_model", "user"}, {"package_url", o.package_url}, {"package_upload", package_upload}}},
        {"notifications", notifications_json(record.notifications)},
        {"marketplace_url", o.state == domain::OfferState::kLive ? boost::json::value(marketplace_url(settings, o))
                                                                 : boost::json::value(nullptr)},
        {"preview_url", previewable && !record.preview_token.empty() ? boost::json::value(preview_url(settings, record))
                                                                     : boost::json::value(nullptr)},
        {"created_at", format_rfc3339(record.created_at)},
        {"updated_at", format_rfc3339(record.updated_at)},
        {"reviewed_at", record.reviewed_at ? boost::json::value(format_rfc3339(*record.reviewed_at)) : nullptr},
        {"live_at", record.live_at ? boost::json::value(format_rfc3339(*record.live_at)) : nullptr},
    };
}

boost::json::object plan_json(const data::PlanRecord& record) {
    const domain::Plan& p = record.plan;
    return {{"id", p.id},
            {"name", p.name},
            {"description", p.description},
            {"more_info_url", p.more_info_url},
            {"state", domain::to_string(p.state)},
            {"service_id", record.service_id},
            {"trial_days", p.trial_days},
            {"trial_seats", p.trial_seats},
            {"created_at", format_rfc3339(record.created_at)},
            {"updated_at", format_rfc3339(record.updated_at)}};
}

domain::OfferView offer_view(const data::OfferRecord& record, const Settings& settings) {
    return {offer_json(record, settings)};
}

domain::PlanView plan_view(const data::PlanRecord& record) { return {plan_json(record)}; }

}  // namespace seatkeeper::service
