#include "domain/usage.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper::domain {
namespace {

Day day(std::string_view text) {
    const auto d = parse_day(text);
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(0);
}

std::vector<std::string> starts(const std::vector<UsagePeriod>& periods) {
    std::vector<std::string> out;
    for (const auto& p : periods) out.push_back(format_day(p.start) + ".." + format_day(p.last));
    return out;
}

TEST(UsageInterval, ParsesItsThreeNames) {
    EXPECT_EQ(parse_usage_interval("day"), UsageInterval::kDay);
    EXPECT_EQ(parse_usage_interval("week"), UsageInterval::kWeek);
    EXPECT_EQ(parse_usage_interval("month"), UsageInterval::kMonth);
    for (const std::string bad : {"", "Day", "days", "year", "quarter"})
        EXPECT_EQ(parse_usage_interval(bad), std::nullopt);
    EXPECT_EQ(to_string(UsageInterval::kWeek), "week");
}

TEST(UsagePeriods, AWeekStartsOnMonday) {
    // 2025-01-06 was a Monday.
    for (const std::string d : {"2025-01-06", "2025-01-08", "2025-01-11", "2025-01-12"}) {
        EXPECT_EQ(format_day(period_start(day(d), UsageInterval::kWeek)), "2025-01-06") << d;
    }
    EXPECT_EQ(format_day(period_start(day("2025-01-05"), UsageInterval::kWeek)), "2024-12-30");  // a Sunday
    EXPECT_EQ(format_day(period_start(0, UsageInterval::kWeek)), "1969-12-29");  // the epoch was a Thursday
}

TEST(UsagePeriods, AMonthStartsOnTheFirstAndRunsToItsLastDay) {
    EXPECT_EQ(format_day(period_start(day("2024-02-29"), UsageInterval::kMonth)), "2024-02-01");
    EXPECT_EQ(starts(usage_periods(day("2024-01-31"), day("2024-03-01"), UsageInterval::kMonth)),
              (std::vector<std::string>{"2024-01-01..2024-01-31", "2024-02-01..2024-02-29", "2024-03-01..2024-03-31"}));
    EXPECT_EQ(starts(usage_periods(day("2024-12-15"), day("2025-01-02"), UsageInterval::kMonth)),
              (std::vector<std::string>{"2024-12-01..2024-12-31", "2025-01-01..2025-01-31"}));
}

TEST(UsagePeriods, CoverTheRangeFromThePeriodHoldingFromToTheOneHoldingTo) {
    EXPECT_EQ(starts(usage_periods(day("2025-01-08"), day("2025-01-14"), UsageInterval::kWeek)),
              (std::vector<std::string>{"2025-01-06..2025-01-12", "2025-01-13..2025-01-19"}));
    EXPECT_EQ(starts(usage_periods(day("2025-01-30"), day("2025-02-01"), UsageInterval::kDay)),
              (std::vector<std::string>{"2025-01-30..2025-01-30", "2025-01-31..2025-01-31", "2025-02-01..2025-02-01"}));
    EXPECT_TRUE(usage_periods(day("2025-02-01"), day("2025-01-01"), UsageInterval::kDay).empty());
}

TEST(UsagePeriods, AreCountedWithoutBuildingThem) {
    struct Case {
        const char* from;
        const char* to;
        UsageInterval interval;
    };
    for (const Case& c :
         {Case{"2025-01-01", "2025-12-31", UsageInterval::kDay}, Case{"2024-01-01", "2024-12-31", UsageInterval::kDay},
          Case{"2025-01-08", "2025-03-02", UsageInterval::kWeek},
          Case{"2019-11-30", "2025-02-01", UsageInterval::kMonth},
          Case{"2025-02-01", "2025-02-01", UsageInterval::kMonth}}) {
        EXPECT_EQ(count_usage_periods(day(c.from), day(c.to), c.interval),
                  static_cast<std::int64_t>(usage_periods(day(c.from), day(c.to), c.interval).size()))
            << c.from << " " << c.to << " " << to_string(c.interval);
    }
    EXPECT_EQ(count_usage_periods(day("2024-01-01"), day("2024-12-31"), UsageInterval::kDay), 366);
    EXPECT_EQ(count_usage_periods(day("2025-02-01"), day("2025-01-01"), UsageInterval::kDay), 0);
}

LicenseSnapshot license(const std::string& deal, std::int64_t quantity) {
    LicenseSnapshot l;
    l.deal_id = deal;
    l.tenant_id = "t1";
    l.service_id = "contoso.crm.basic";
    l.plan_id = "basic";
    l.offer_id = "crm";
    l.quantity = quantity;
    l.active = true;
    return l;
}

SeatSnapshot seat(const std::string& upn) {
    SeatSnapshot s;
    s.tenant_id = "t1";
    s.service_id = "contoso.crm.basic";
    s.upn = upn;
    s.plan_id = "basic";
    return s;
}

TEST(UsageLedger, ProvisionedCountsTheLicensesInForceThatDay) {
    UsageLedger ledger;
    ledger.apply_license(license("d1", 10));
    LicenseSnapshot termed = license("d2", 5);
    termed.term = LicenseTerm{day("2025-03-01"), day("2025-03-31"), 2};
    ledger.apply_license(termed);
    EXPECT_EQ(ledger.on(day("2025-02-28")).at(0).provisioned, 10);  // not started
    EXPECT_EQ(ledger.on(day("2025-03-01")).at(0).provisioned, 15);
    EXPECT_EQ(ledger.on(day("2025-04-02")).at(0).provisioned, 15);  // grace
    EXPECT_EQ(ledger.on(day("2025-04-03")).at(0).provisioned, 10);  // expired

    LicenseSnapshot suspended = license("d1", 10);
    suspended.suspension_reason = "unpaid";
    ledger.apply_license(suspended);
    EXPECT_EQ(ledger.on(day("2025-03-10")).at(0).provisioned, 5);
    LicenseSnapshot removed = termed;
    removed.active = false;
    ledger.apply_license(removed);
    EXPECT_EQ(ledger.on(day("2025-03-10")).at(0).provisioned, 0);

    LicenseSnapshot site = license("d3", 0);
    site.site = true;
    ledger.apply_license(site);
    EXPECT_EQ(ledger.on(day("2025-03-10")).at(0).provisioned, 0) << "a site license counts no seats";
}

TEST(UsageLedger, AssignedFollowsTheSeatEventsAndALicenseChangeReplacesTheDealsQuantity) {
    UsageLedger ledger;
    ledger.apply_license(license("d1", 3));
    ledger.apply_seat(seat("ada@fabrikam.example"), true);
    ledger.apply_seat(seat("bo@fabrikam.example"), true);
    ledger.apply_seat(seat("ada@fabrikam.example"), true);  // a repeated event counts once
    ledger.apply_license(license("d1", 7));
    auto rows = ledger.on(day("2025-01-01"));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].tenant_id, "t1");
    EXPECT_EQ(rows[0].service_id, "contoso.crm.basic");
    EXPECT_EQ(rows[0].plan_id, "basic");
    EXPECT_EQ(rows[0].provisioned, 7);
    EXPECT_EQ(rows[0].assigned, 2);
    ledger.apply_seat(seat("bo@fabrikam.example"), false);
    EXPECT_EQ(ledger.on(day("2025-01-01")).at(0).assigned, 1);
}

TEST(UsageLedger, ListsPoolsByTenantThenServiceId) {
    UsageLedger ledger;
    SeatSnapshot other = seat("x@northwind.example");
    other.tenant_id = "t0";
    other.service_id = "contoso.crm.premium";
    other.plan_id = "premium";
    ledger.apply_seat(seat("ada@fabrikam.example"), true);
    ledger.apply_seat(other, true);
    const auto rows = ledger.on(0);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].tenant_id, "t0");
    EXPECT_EQ(rows[0].plan_id, "premium");
    EXPECT_EQ(rows[1].tenant_id, "t1");
}

}  // namespace
}  // namespace seatkeeper::domain
