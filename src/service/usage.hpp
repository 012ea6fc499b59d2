// Usage reports (issue 15, API.md "Usage and seat activity"): provisioned, assigned and active seats per pool
// (tenant × service ID) and day, week or month, for any past period, replayed from the license and seat events
// (domain/usage.hpp says what each number counts) with the seat activity the runtime records
// (check/seat_activity.hpp). A publisher's global and account admins see its customers' pools of its own service
// IDs; a tenant's staff (every role that reads licenses) see the tenant's own. Scoped in SQL by the caller's
// account, never by a parameter.
//
// Cost: a report reads every license and seat event of the caller's account written before its last day, once
// (streamed), and one activity count per period: it grows with the account's history, not with the range.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/usage.hpp"
#include "service/context.hpp"

namespace seatkeeper::service {

struct UsageQuery {
    std::optional<domain::Day> from;  // default: kDefaultUsageDays days up to `to`
    std::optional<domain::Day> to;    // default: today
    domain::UsageInterval interval = domain::UsageInterval::kDay;
    std::string tenant_id;   // only this tenant's pools; "" for all
    std::string service_id;  // only this service ID's; "" for all
};

struct UsageRow {
    domain::Day date = 0;  // the period's first day
    std::string tenant_id;
    std::string service_id;
    std::string plan_id;
    std::int64_t provisioned = 0;
    std::int64_t assigned = 0;
    std::int64_t active = 0;
};

// The rows by period, then tenant and service ID; periods that start after today are left out (nothing is known
// of them yet), and the one under way is read as of today. Invalid (422) naming the field: `to` before `from`
// ("date_order"), more than kMaxUsagePeriods periods ("range", on `from`), more than kMaxUsageRows rows
// ("too_many_rows", on `from`: narrow the range or filter).
Result<std::vector<UsageRow>> usage_report(Services& services, const Principal& principal, const UsageQuery& query);

// `seatkeeper demo-seed` only (app/demo_seed.cpp): what the use cases wrote since `mark` (an event id from
// demo_history_mark) happened `days_ago` days ago, at noon UTC — its events and the seats it took — so that the
// demo's usage pages have weeks of history. Nothing else rewrites history.
Result<std::int64_t> demo_history_mark(Services& services);
Status demo_date_back(Services& services, std::int64_t mark, Millis marked_at, int days_ago);

// The rows as CSV: a header line of the JSON items' field names, then one line per row (text::csv_cell).
std::string usage_csv(const std::vector<UsageRow>& rows);

}  // namespace seatkeeper::service
