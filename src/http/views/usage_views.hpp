// JSON views of usage reports and reclaim (issue 15, API.md "Usage and seat activity"). The rules all views
// follow are in account_views.hpp.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "service/licenses.hpp"
#include "service/usage.hpp"

namespace seatkeeper::http::views {

// {date, tenant_id, service_id, plan_id, provisioned, assigned, active}; date is YYYY-MM-DD, the period's first day.
boost::json::object usage_row_json(const service::UsageRow& row);
// A whole report: {items}.
boost::json::object usage_json(const std::vector<service::UsageRow>& rows);
// {dry_run, inactive_days, items: [{upn, last_checked_at, assigned_at}]}; last_checked_at is YYYY-MM-DD or null.
boost::json::object reclaim_json(const service::Reclaim& reclaim);

}  // namespace seatkeeper::http::views
