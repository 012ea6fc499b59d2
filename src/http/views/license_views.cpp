#include "http/views/license_views.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "http/views/tenant_views.hpp"

namespace seatkeeper::http::views {

boost::json::value term_json(const std::optional<domain::LicenseTerm>& term) {
    if (!term) return nullptr;
    return boost::json::object{{"start_date", domain::format_day(term->start)},
                               {"end_date", domain::format_day(term->end)},
                               {"grace_days", term->grace_days}};
}

namespace {

// {reason, suspended_at} while suspended, else null.
boost::json::value suspension_json(const std::optional<std::string>& reason, Millis suspended_at) {
    if (!reason) return nullptr;
    return boost::json::object{{"reason", *reason}, {"suspended_at", format_rfc3339(suspended_at)}};
}

}  // namespace

boost::json::object deal_license_json(const data::DealLicenseRow& l) {
    return {{"plan_id", l.plan_id},
            {"plan_name", l.plan_name},
            {"service_id", l.service_id},
            {"quantity", l.quantity},
            {"assigned", l.assigned},
            {"active", l.active},
            {"status", domain::to_string(l.status)},
            {"term", term_json(l.terms.term)},
            {"suspension", suspension_json(l.terms.suspension_reason, l.terms.suspended_at)},
            {"site", l.terms.site},
            {"trial", l.terms.trial},
            {"updated_at", format_rfc3339(l.updated_at)}};
}

boost::json::object deal_licenses_json(const service::DealLicenses& licenses) {
    boost::json::array items;
    items.reserve(licenses.rows.size());
    for (const auto& l : licenses.rows) items.emplace_back(deal_license_json(l));
    return {{"deal_id", licenses.deal.id},
            {"deal_state", domain::to_string(licenses.deal.state)},
            {"customer", licenses.customer ? boost::json::value(customer_tenant_json(*licenses.customer))
                                           : boost::json::value(nullptr)},
            {"relationship", licenses.relationship},
            {"items", std::move(items)},
            {"next_cursor", nullptr}};
}

boost::json::object tenant_license_json(const service::TenantLicense& l) {
    return {{"publisher_id", l.publisher_id},
            {"publisher_name", l.publisher_name},
            {"offer_id", l.offer_id},
            {"offer_name", l.offer_name},
            {"plan_id", l.plan_id},
            {"plan_name", l.plan_name},
            {"service_id", l.service_id},
            {"quantity", l.quantity},
            {"assigned", l.assigned},
            {"available", std::max<std::int64_t>(0, l.quantity - l.assigned)},
            {"status", domain::to_string(l.status)},
            {"term", term_json(l.term)},
            {"suspension", suspension_json(l.suspension_reason, l.suspended_at)},
            {"site", l.site},
            {"trial", l.trial},
            {"uncovered", l.uncovered}};
}

boost::json::object assignments_json(const service::Assignments& a) {
    boost::json::array users;
    users.reserve(a.users.size());
    for (const auto& u : a.users) {
        users.emplace_back(boost::json::object{
            {"upn", u.upn},
            {"display_name", u.display_name},
            {"group_id", u.group_id.empty() ? boost::json::value(nullptr) : boost::json::value(u.group_id)},
            {"assigned_by", u.assigned_by},
            {"assigned_at", format_rfc3339(u.assigned_at)},
            {"last_checked_at",
             u.last_checked ? boost::json::value(domain::format_day(*u.last_checked)) : boost::json::value(nullptr)}});
    }
    boost::json::array groups;
    for (const auto& g : a.group_ids) groups.emplace_back(g);
    return {{"license", tenant_license_json(a.license)},
            {"items", std::move(users)},
            {"groups", std::move(groups)},
            {"next_cursor", nullptr}};
}

boost::json::object installation_json(const service::Installation& i) {
    return {{"id", i.id},
            {"tenant_id", i.tenant_id},
            {"tenant_name", i.tenant_name},
            {"offer", i.publisher_id + "." + i.offer_id},
            {"publisher_id", i.publisher_id},
            {"offer_id", i.offer_id},
            {"environment", i.environment},
            {"installed_by", i.installed_by},
            {"created_at", format_rfc3339(i.created_at)}};
}

}  // namespace seatkeeper::http::views
