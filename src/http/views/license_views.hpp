// JSON views of licenses and what uses them: a deal's licenses as its publisher manages them, a tenant's
// licenses and seat assignments, and installations (seen by both sides). The rules all views follow are in
// account_views.hpp.
#pragma once

#include <boost/json.hpp>

#include "service/installations.hpp"
#include "service/licenses.hpp"

namespace seatkeeper::http::views {

// One plan's licenses of a deal: {plan_id, plan_name, service_id, quantity, assigned, active, updated_at}.
// {plan_id, plan_name, service_id, quantity, assigned, active, status, term, suspension, updated_at}; `term` is
// {start_date, end_date, grace_days} or null (no end), `suspension` {reason, suspended_at} or null.
boost::json::object deal_license_json(const data::DealLicenseRow& l);
// A license term as JSON, null for none.
boost::json::value term_json(const std::optional<domain::LicenseTerm>& term);
// A deal's licenses, whole: {deal_id, deal_state, customer, relationship, items, next_cursor}; `customer` is
// customer_tenant_json or null.
boost::json::object deal_licenses_json(const service::DealLicenses& licenses);
// A license of the caller's tenant: {publisher_id, publisher_name, offer_id, offer_name, plan_id, plan_name,
// service_id, quantity, assigned, available}.
boost::json::object tenant_license_json(const service::TenantLicense& l);
// A license's assignments, whole: {license, items, groups, next_cursor}.
boost::json::object assignments_json(const service::Assignments& a);
// {id, tenant_id, tenant_name, offer, publisher_id, offer_id, environment, installed_by, created_at}.
boost::json::object installation_json(const service::Installation& i);

}  // namespace seatkeeper::http::views
