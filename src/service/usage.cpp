#include "service/usage.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "common/text.hpp"
#include "data/events.hpp"
#include "data/usage.hpp"
#include "domain/limits.hpp"
#include "domain/roles.hpp"

namespace seatkeeper::service {

namespace {

using PoolKey = std::pair<std::string, std::string>;  // tenant, service ID

Status require_usage_reader(const Principal& principal) {
    return principal.is_tenant() ? require_tenant(principal, domain::TenantPermission::kReadLicenses)
                                 : require(principal, domain::Permission::kManageLicensing);
}

// Reads one license or seat event into the ledger; events of other types (none are selected) and payloads that
// are not their type's snapshot change nothing.
void apply(domain::UsageLedger& ledger, const data::HistoryEventView& row) {
    const auto type = domain::parse_event_type(row.type);
    if (!type) return;
    const auto event = domain::parse_event(row.type, std::string(row.subject), std::string(row.tenant_id), row.payload);
    if (!event.ok()) return;
    if (domain::family_of(*type) == domain::EventFamily::kLicense) {
        if (const auto* license = event->after_as<domain::LicenseSnapshot>()) ledger.apply_license(*license);
        return;
    }
    if (*type == domain::EventType::kSeatAssigned) {
        if (const auto* seat = event->after_as<domain::SeatSnapshot>()) ledger.apply_seat(*seat, true);
    } else if (*type == domain::EventType::kSeatUnassigned) {
        if (const auto* seat = event->before_as<domain::SeatSnapshot>()) ledger.apply_seat(*seat, false);
    }
}

}  // namespace

Result<std::vector<UsageRow>> usage_report(Services& services, const Principal& principal, const UsageQuery& query) {
    SK_RETURN_IF_ERROR(require_usage_reader(principal));
    const domain::Day today = domain::day_of(now_millis());
    const domain::Day to = query.to.value_or(today);
    const domain::Day from = query.from.value_or(to - static_cast<domain::Day>(domain::kDefaultUsageDays) + 1);
    if (to < from) {
        return Status::Invalid("to", "date_order",
                               "to (" + domain::format_day(to) + ") is before from (" + domain::format_day(from) + ")");
    }
    if (domain::count_usage_periods(from, to, query.interval) > domain::kMaxUsagePeriods) {
        return Status::Invalid("from", "range",
                               "a report covers at most " + std::to_string(domain::kMaxUsagePeriods) + " " +
                                   std::string(domain::to_string(query.interval)) +
                                   "s; move from closer to to, or choose a longer interval");
    }
    std::vector<domain::UsagePeriod> periods = domain::usage_periods(from, to, query.interval);
    std::erase_if(periods, [today](const domain::UsagePeriod& p) { return p.start > today; });
    for (auto& p : periods) p.last = std::min(p.last, today);  // the period under way: as of today
    if (periods.empty()) return std::vector<UsageRow>{};
    const auto wanted = [&query](const std::string& tenant_id, const std::string& service_id) {
        return (query.tenant_id.empty() || tenant_id == query.tenant_id) &&
               (query.service_id.empty() || service_id == query.service_id);
    };

    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<UsageRow>> {
            const data::AccountScope account = principal.account();
            // The activity first: the events are streamed after, with no other statement in between.
            std::vector<std::map<PoolKey, std::int64_t>> active(periods.size());
            for (std::size_t i = 0; i < periods.size(); ++i) {
                for (auto& row : data::usage::active_counts(tx, account, periods[i].start, periods[i].last)) {
                    active[i][{std::move(row.tenant_id), std::move(row.service_id)}] = row.active;
                }
            }
            std::vector<UsageRow> rows;
            bool too_many = false;
            std::size_t next = 0;  // the period whose rows come next
            domain::UsageLedger ledger;
            const auto emit = [&](std::size_t i) {
                for (auto& pool : ledger.on(periods[i].last)) {
                    if (!wanted(pool.tenant_id, pool.service_id)) continue;
                    if (static_cast<std::int64_t>(rows.size()) == domain::kMaxUsageRows) {
                        too_many = true;
                        return;
                    }
                    const auto a = active[i].find({pool.tenant_id, pool.service_id});
                    UsageRow row;
                    row.date = periods[i].start;
                    row.tenant_id = std::move(pool.tenant_id);
                    row.service_id = std::move(pool.service_id);
                    row.plan_id = std::move(pool.plan_id);
                    row.provisioned = pool.provisioned;
                    row.assigned = pool.assigned;
                    row.active = a == active[i].end() ? 0 : a->second;
                    rows.push_back(std::move(row));
                }
            };
            const Millis until = domain::start_of(periods.back().last + 1);
            data::usage::each_history_event(tx, account, until, [&](const data::HistoryEventView& event) {
                // Every period that ended before this event's day is read before it is applied.
                const domain::Day day = domain::day_of(event.created_at);
                while (next < periods.size() && day > periods[next].last) emit(next++);
                apply(ledger, event);
            });
            while (next < periods.size()) emit(next++);
            if (too_many) {
                return Status::Invalid("from", "too_many_rows",
                                       "the report would have more than " + std::to_string(domain::kMaxUsageRows) +
                                           " rows; narrow the range, choose a longer interval or filter by "
                                           "tenant_id or service_id");
            }
            return rows;
        });
}

Result<std::int64_t> demo_history_mark(Services& services) {
    return store::in_transaction(
        services.store(), store::TxMode::kRead,
        [](store::Transaction& tx) -> Result<std::int64_t> { return data::events::newest_event_id(tx); });
}

Status demo_date_back(Services& services, std::int64_t mark, Millis marked_at, int days_ago) {
    const Millis at = domain::start_of(domain::day_of(now_millis()) - days_ago) + Millis{12} * 3'600'000;
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        data::usage::date_back_history(tx, mark, marked_at, at);
        return Status::Ok();
    });
}

std::string usage_csv(const std::vector<UsageRow>& rows) {
    std::string csv = "date,tenant_id,service_id,plan_id,provisioned,assigned,active\r\n";
    for (const auto& r : rows) {
        csv += domain::format_day(r.date) + "," + text::csv_cell(r.tenant_id) + "," + text::csv_cell(r.service_id) +
               "," + text::csv_cell(r.plan_id) + "," + std::to_string(r.provisioned) + "," +
               std::to_string(r.assigned) + "," + std::to_string(r.active) + "\r\n";
    }
    return csv;
}

}  // namespace seatkeeper::service
