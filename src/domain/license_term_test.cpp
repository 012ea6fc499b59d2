#include "domain/license_term.hpp"

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

TEST(Days, ParseFormatAndTheCalendar) {
    EXPECT_EQ(parse_day("2000-01-01"), Day{10957});
    EXPECT_EQ(parse_day("1970-01-01"), std::nullopt);     // years before 2000 are refused (a typo, not a term)
    EXPECT_EQ(day("2024-03-01") - day("2024-02-28"), 2);  // 2024 is a leap year
    EXPECT_EQ(day("2023-03-01") - day("2023-02-28"), 1);
    EXPECT_EQ(day("2001-01-01") - day("2000-01-01"), 366);  // 2000 is one too (divisible by 400)
    for (const std::string good : {"2024-02-29", "2000-02-29", "2026-12-31", "9999-12-31"}) {
        EXPECT_EQ(format_day(day(good)), good);
    }
    for (const std::string bad : {"2023-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-30",
                                  "2026/04/30", "20260430", "", "2026-04-3x", "2026-04-30T00:00:00Z", "1999-12-31"}) {
        EXPECT_EQ(parse_day(bad), std::nullopt) << bad;
    }
}

TEST(Days, AMomentFallsOnItsUtcDay) {
    const Day d = day("2026-12-07");
    EXPECT_EQ(day_of(start_of(d)), d);
    EXPECT_EQ(day_of(start_of(d) + 86'399'999), d);  // 23:59:59.999
    EXPECT_EQ(day_of(start_of(d) + 86'400'000), d + 1);
    EXPECT_EQ(day_of(-1), -1);  // floor, not truncation
    EXPECT_EQ(day_of(0), 0);
}

struct StatusCase {
    const char* what;
    std::optional<LicenseTerm> term;
    bool suspended;
    const char* today;
    LicenseStatus expected;
};

TEST(LicenseStatusRules, EveryDateEdge) {
    const LicenseTerm year{day("2026-01-01"), day("2026-12-31"), 0};
    const LicenseTerm grace{day("2026-01-01"), day("2026-12-31"), 15};
    const LicenseTerm one_day{day("2026-06-15"), day("2026-06-15"), 0};
    const LicenseTerm leap{day("2024-02-01"), day("2024-02-29"), 1};
    const std::vector<StatusCase> cases{
        {"no term", std::nullopt, false, "2026-06-01", LicenseStatus::kActive},
        {"no term, suspended", std::nullopt, true, "2026-06-01", LicenseStatus::kSuspended},
        {"the day before the start", year, false, "2025-12-31", LicenseStatus::kPending},
        {"starts today", year, false, "2026-01-01", LicenseStatus::kActive},
        {"ends today (inclusive)", year, false, "2026-12-31", LicenseStatus::kActive},
        {"the day after the end, no grace", year, false, "2027-01-01", LicenseStatus::kExpired},
        {"the day after the end, in grace", grace, false, "2027-01-01", LicenseStatus::kGrace},
        {"the grace's last day", grace, false, "2027-01-15", LicenseStatus::kGrace},
        {"the day after the grace", grace, false, "2027-01-16", LicenseStatus::kExpired},
        {"suspended while active", year, true, "2026-06-01", LicenseStatus::kSuspended},
        {"suspended while in grace", grace, true, "2027-01-02", LicenseStatus::kSuspended},
        {"suspended before the start", year, true, "2025-06-01", LicenseStatus::kSuspended},
        {"suspended after the end", year, true, "2028-01-01", LicenseStatus::kSuspended},
        {"a one-day term, before", one_day, false, "2026-06-14", LicenseStatus::kPending},
        {"a one-day term, on it", one_day, false, "2026-06-15", LicenseStatus::kActive},
        {"a one-day term, after", one_day, false, "2026-06-16", LicenseStatus::kExpired},
        {"ends on a leap day, on it", leap, false, "2024-02-29", LicenseStatus::kActive},
        {"ends on a leap day, the grace day is 1 March", leap, false, "2024-03-01", LicenseStatus::kGrace},
        {"ends on a leap day, after the grace", leap, false, "2024-03-02", LicenseStatus::kExpired},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        const LicenseStatus s = license_status(c.term, c.suspended, day(c.today));
        EXPECT_EQ(to_string(s), to_string(c.expected));
        EXPECT_EQ(in_force(s), c.expected == LicenseStatus::kActive || c.expected == LicenseStatus::kGrace);
    }
}

TEST(LicenseStatusRules, NamesRoundTrip) {
    for (const LicenseStatus s : {LicenseStatus::kPending, LicenseStatus::kActive, LicenseStatus::kGrace,
                                  LicenseStatus::kExpired, LicenseStatus::kSuspended}) {
        EXPECT_EQ(parse_license_status(to_string(s)), s);
    }
    EXPECT_EQ(parse_license_status("Active"), std::nullopt);
}

TEST(LicenseStatusRules, NextChangeWalksStartEndAndGrace) {
    const LicenseTerm grace{day("2026-01-01"), day("2026-12-31"), 15};
    EXPECT_EQ(next_change(grace, day("2025-12-01")), day("2026-01-01"));
    EXPECT_EQ(next_change(grace, day("2026-01-01")), day("2027-01-01"));
    EXPECT_EQ(next_change(grace, day("2027-01-01")), day("2027-01-16"));
    EXPECT_EQ(next_change(grace, day("2027-01-16")), std::nullopt);
    const LicenseTerm no_grace{day("2026-01-01"), day("2026-12-31"), 0};
    EXPECT_EQ(next_change(no_grace, day("2026-06-01")), day("2027-01-01"));
    EXPECT_EQ(next_change(no_grace, day("2027-01-01")), std::nullopt);
    EXPECT_EQ(next_change(std::nullopt, day("2026-06-01")), std::nullopt);
    // Every status change happens on a day next_change names.
    for (Day d = day("2025-12-01"); d < day("2027-02-01"); ++d) {
        if (license_status(grace, false, d) != license_status(grace, false, d + 1)) {
            EXPECT_EQ(next_change(grace, d), d + 1) << format_day(d);
        }
    }
    EXPECT_EQ(last_day_in_force(grace), day("2027-01-15"));
    EXPECT_EQ(last_day_in_force(std::nullopt), std::nullopt);
}

TEST(LicenseStatusRules, APoolTakesItsBestLicensesStatus) {
    using S = LicenseStatus;
    const std::vector<std::pair<std::vector<S>, S>> cases{
        {{}, S::kExpired},
        {{S::kExpired}, S::kExpired},
        {{S::kExpired, S::kActive}, S::kActive},
        {{S::kGrace, S::kActive}, S::kActive},
        {{S::kGrace, S::kExpired, S::kSuspended}, S::kGrace},
        {{S::kPending, S::kSuspended, S::kExpired}, S::kSuspended},
        {{S::kPending, S::kExpired}, S::kPending},
    };
    for (const auto& [statuses, expected] : cases) EXPECT_EQ(to_string(pool_status(statuses)), to_string(expected));
}

TEST(LicenseTerms, ValidationNamesTheField) {
    EXPECT_TRUE(validate_term({day("2026-01-01"), day("2026-01-01"), 0}).ok());
    const Status backwards = validate_term({day("2026-01-02"), day("2026-01-01"), 0});
    EXPECT_EQ(backwards.field(), "term.end_date");
    EXPECT_EQ(backwards.rule(), "date_order");
    const Status grace = validate_term({day("2026-01-01"), day("2026-12-31"), kMaxGraceDays + 1});
    EXPECT_EQ(grace.field(), "term.grace_days");
    EXPECT_EQ(grace.rule(), "range");
    EXPECT_EQ(validate_term({day("2026-01-01"), day("2026-12-31"), -1}).rule(), "range");
}

}  // namespace
}  // namespace seatkeeper::domain
