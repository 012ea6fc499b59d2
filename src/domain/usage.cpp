#include "domain/usage.hpp"

#include <chrono>

namespace seatkeeper::domain {

namespace {
// 1970-01-01 was a Thursday: day + 3 counts from a Monday.
constexpr Day kDaysFromMonday = 3;

std::chrono::year_month_day date_of(Day day) {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}
Day day_from(std::chrono::year_month_day date) {
    return static_cast<Day>(std::chrono::sys_days{date}.time_since_epoch().count());
}
}  // namespace

std::optional<UsageInterval> parse_usage_interval(std::string_view text) {
    if (text == "day") return UsageInterval::kDay;
    if (text == "week") return UsageInterval::kWeek;
    if (text == "month") return UsageInterval::kMonth;
    return std::nullopt;
}

std::string_view to_string(UsageInterval interval) {
    switch (interval) {
        case UsageInterval::kDay:
            return "day";
        case UsageInterval::kWeek:
            return "week";
        case UsageInterval::kMonth:
            return "month";
    }
    return "day";
}

Day period_start(Day day, UsageInterval interval) {
    switch (interval) {
        case UsageInterval::kDay:
            return day;
        case UsageInterval::kWeek: {
            const Day weekday = ((day + kDaysFromMonday) % 7 + 7) % 7;  // 0 = Monday, also before 1970
            return day - weekday;
        }
        case UsageInterval::kMonth: {
            const auto date = date_of(day);
            return day_from(date.year() / date.month() / std::chrono::day{1});
        }
    }
    return day;
}

Day next_period(Day start, UsageInterval interval) {
    switch (interval) {
        case UsageInterval::kDay:
            return start + 1;
        case UsageInterval::kWeek:
            return start + 7;
        case UsageInterval::kMonth: {
            const auto date = date_of(start);
            return day_from(std::chrono::year_month_day{date.year() / date.month() / std::chrono::day{1}} +
                            std::chrono::months{1});
        }
    }
    return start + 1;
}

std::int64_t count_usage_periods(Day from, Day to, UsageInterval interval) {
    if (to < from) return 0;
    const Day first = period_start(from, interval);
    const Day last = period_start(to, interval);
    switch (interval) {
        case UsageInterval::kDay:
            return std::int64_t{last} - first + 1;
        case UsageInterval::kWeek:
            return (std::int64_t{last} - first) / 7 + 1;
        case UsageInterval::kMonth: {
            const auto a = date_of(first);
            const auto b = date_of(last);
            return (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
                   (static_cast<int>(static_cast<unsigned>(b.month())) -
                    static_cast<int>(static_cast<unsigned>(a.month()))) +
                   1;
        }
    }
    return 0;
}

std::vector<UsagePeriod> usage_periods(Day from, Day to, UsageInterval interval) {
    std::vector<UsagePeriod> out;
    if (to < from) return out;
    for (Day start = period_start(from, interval); start <= to;) {
        const Day next = next_period(start, interval);
        out.push_back({start, next - 1});
        start = next;
    }
    return out;
}

UsageLedger::Pool& UsageLedger::pool(const std::string& tenant_id, const std::string& service_id,
                                     const std::string& plan_id) {
    Pool& p = pools_[{tenant_id, service_id}];
    if (!plan_id.empty()) p.plan_id = plan_id;
    return p;
}

void UsageLedger::apply_license(const LicenseSnapshot& license) {
    pool(license.tenant_id, license.service_id, license.plan_id).licenses[license.deal_id] = license;
}

void UsageLedger::apply_seat(const SeatSnapshot& seat, bool assigned) {
    Pool& p = pool(seat.tenant_id, seat.service_id, seat.plan_id);
    if (assigned) {
        p.upns.insert(seat.upn);
    } else {
        p.upns.erase(seat.upn);
    }
}

std::vector<PoolUsage> UsageLedger::on(Day day) const {
    std::vector<PoolUsage> out;
    out.reserve(pools_.size());
    for (const auto& [key, p] : pools_) {
        PoolUsage row;
        row.tenant_id = key.first;
        row.service_id = key.second;
        row.plan_id = p.plan_id;
        for (const auto& [deal, license] : p.licenses) {
            if (!license.active) continue;
            if (in_force(license_status(license.term, license.suspension_reason.has_value(), day))) {
                row.provisioned += license.quantity;
            }
        }
        row.assigned = static_cast<std::int64_t>(p.upns.size());
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace seatkeeper::domain
