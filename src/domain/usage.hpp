// Usage reports (issue 15, API.md "Usage and seat activity"): the periods a report covers and the license and
// seat state it reads for each, replayed from the events. Pure: no I/O, no clock (callers pass the days).
//
// A report has one row per pool (tenant × service ID) and period, a period being a UTC day, an ISO week
// (Monday to Sunday) or a calendar month, named by its first day. For each:
//   provisioned  the seats of the pool's licenses in force on the period's last day (or today, for the period
//                under way): the quantity of every license not removed, not suspended and within its term and
//                grace (domain/license_term.hpp) that day. A site license counts no seats (its quantity is 0):
//                it licenses every user of the tenant's verified domains, which is no number of seats.
//   assigned     the seats held at the end of that day;
//   active       the distinct seats checked in the period (seat_activity; counted by the caller).
// The state on a day is the one after every license and seat event written up to the end of that day, applied
// in id order (UsageLedger), so a report on a past period says what was true then.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/events.hpp"
#include "domain/license_term.hpp"

namespace seatkeeper::domain {

enum class UsageInterval : std::uint8_t { kDay, kWeek, kMonth };
std::optional<UsageInterval> parse_usage_interval(std::string_view text);  // "day", "week", "month"
std::string_view to_string(UsageInterval interval);

// The first day of the period holding `day`: itself, its week's Monday, its month's 1st.
Day period_start(Day day, UsageInterval interval);
// The first day of the period after the one starting on `start`.
Day next_period(Day start, UsageInterval interval);

struct UsagePeriod {
    Day start = 0;
    Day last = 0;  // inclusive
};
// The periods from the one holding `from` to the one holding `to` (from ≤ to), in order.
std::vector<UsagePeriod> usage_periods(Day from, Day to, UsageInterval interval);
// How many there would be, without building them.
std::int64_t count_usage_periods(Day from, Day to, UsageInterval interval);

// One pool's state on a day.
struct PoolUsage {
    std::string tenant_id;
    std::string service_id;
    std::string plan_id;
    std::int64_t provisioned = 0;
    std::int64_t assigned = 0;
};

// The licenses and seats of every pool as the events leave them, fed in id order.
class UsageLedger {
public:
    // A license.* event's `after`: the license (deal × plan) as it now is; removed ones have `active` false.
    void apply_license(const LicenseSnapshot& license);
    // A seat.assigned event's `after` (assigned) or a seat.unassigned event's `before`.
    void apply_seat(const SeatSnapshot& seat, bool assigned);
    // Every pool seen so far, by tenant and service ID, with its state on `day`.
    [[nodiscard]] std::vector<PoolUsage> on(Day day) const;

private:
    struct Pool {
        std::string plan_id;
        std::map<std::string, LicenseSnapshot> licenses;  // by deal
        std::set<std::string> upns;
    };
    Pool& pool(const std::string& tenant_id, const std::string& service_id, const std::string& plan_id);
    std::map<std::pair<std::string, std::string>, Pool> pools_;
};

}  // namespace seatkeeper::domain
