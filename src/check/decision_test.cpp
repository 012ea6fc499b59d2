#include "check/decision.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper::check {
namespace {

struct Row {
    const char* name;
    Facts facts;
    Verdict result;
    Reason reason;
    std::string plan_id;
};

using domain::LicenseStatus;

// A known service ID of plan "pro" with these facts.
Facts known(bool seat, bool covered, bool base_allowed, bool in_use, bool has_licenses,
            LicenseStatus status = LicenseStatus::kActive, LicenseStatus lapsed = LicenseStatus::kExpired) {
    return {.known_service = true,
            .seat = seat,
            .covered = covered,
            .base_allowed = base_allowed,
            .offer_in_use = in_use,
            .has_licenses = has_licenses,
            .status = status,
            .lapsed = lapsed,
            .plan_id = "pro"};
}

// API.md "Runtime" and "License terms", one row per line of the decision table (decision.hpp), plus the rows
// that show which line wins when several facts hold.
TEST(CheckDecision, FollowsTheTable) {
    Facts unknown = known(true, true, true, true, true);
    unknown.known_service = false;
    Facts group_seat = known(true, true, false, false, true);
    group_seat.group = true;
    Facts group_seat_in_grace = group_seat;
    group_seat_in_grace.status = LicenseStatus::kGrace;
    Facts trial_seat = group_seat;
    trial_seat.trial = true;
    Facts site = known(false, false, false, true, true);
    site.site = true;
    Facts site_in_grace = site;
    site_in_grace.status = LicenseStatus::kGrace;
    Facts site_and_base = known(false, false, true, true, true);
    site_and_base.site = true;
    Facts site_and_uncovered_seat = known(true, false, false, true, true, LicenseStatus::kActive);
    site_and_uncovered_seat.site = true;
    Facts seat_and_site = known(true, true, false, true, true);
    seat_and_site.site = true;
    const std::vector<Row> rows{
        {"unknown service ID", Facts{}, Verdict::kDenied, Reason::kUnknownServiceId, ""},
        {"unknown service ID wins over a seat", unknown, Verdict::kDenied, Reason::kUnknownServiceId, ""},
        {"covered seat", known(true, true, false, false, true), Verdict::kLicensed, Reason::kAssigned, "pro"},
        {"covered seat wins over base", known(true, true, true, true, true), Verdict::kLicensed, Reason::kAssigned,
         "pro"},
        {"covered seat held through a group", group_seat, Verdict::kLicensed, Reason::kGroup, "pro"},
        {"in grace wins over group", group_seat_in_grace, Verdict::kLicensed, Reason::kInGrace, "pro"},
        {"a trial's seat (trial wins over group)", trial_seat, Verdict::kLicensed, Reason::kTrial, "pro"},
        {"a covered seat wins over the site license", seat_and_site, Verdict::kLicensed, Reason::kAssigned, "pro"},
        {"site license, no seat", site, Verdict::kLicensed, Reason::kSiteLicense, "pro"},
        {"site license in grace", site_in_grace, Verdict::kLicensed, Reason::kInGrace, "pro"},
        {"site license wins over base", site_and_base, Verdict::kLicensed, Reason::kSiteLicense, "pro"},
        {"site license wins over an uncovered seat", site_and_uncovered_seat, Verdict::kLicensed, Reason::kSiteLicense,
         "pro"},
        {"covered seat, every license in force is in grace",
         known(true, true, false, false, true, LicenseStatus::kGrace), Verdict::kLicensed, Reason::kInGrace, "pro"},
        {"base: installed or pooled, install without license", known(false, false, true, true, false), Verdict::kBase,
         Reason::kBaseOnly, ""},
        {"base wins over no_seat", known(false, false, true, true, true), Verdict::kBase, Reason::kBaseOnly, ""},
        {"base wins over an uncovered seat", known(true, false, true, true, true, LicenseStatus::kExpired),
         Verdict::kBase, Reason::kBaseOnly, ""},
        {"a seat no license in force covers: why they lapsed",
         known(true, false, false, false, true, LicenseStatus::kActive, LicenseStatus::kSuspended), Verdict::kDenied,
         Reason::kSuspended, ""},
        {"a seat, every license expired",
         known(true, false, false, true, true, LicenseStatus::kExpired, LicenseStatus::kExpired), Verdict::kDenied,
         Reason::kExpired, ""},
        {"licenses in force, no seat", known(false, false, false, true, true), Verdict::kDenied, Reason::kNoSeat, ""},
        {"licenses in grace, no seat", known(false, false, false, true, true, LicenseStatus::kGrace), Verdict::kDenied,
         Reason::kNoSeat, ""},
        {"licenses suspended, no seat", known(false, false, false, true, true, LicenseStatus::kSuspended),
         Verdict::kDenied, Reason::kSuspended, ""},
        {"licenses not started", known(false, false, false, true, true, LicenseStatus::kPending), Verdict::kDenied,
         Reason::kNotStarted, ""},
        {"licenses expired", known(false, false, false, true, true, LicenseStatus::kExpired), Verdict::kDenied,
         Reason::kExpired, ""},
        {"base allowed but the offer is not installed", known(false, false, true, false, false), Verdict::kDenied,
         Reason::kNotInstalled, ""},
        {"nothing for the tenant", known(false, false, false, false, false), Verdict::kDenied, Reason::kNoLicense, ""},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        const Answer a = decide(row.facts);
        EXPECT_EQ(to_string(a.result), to_string(row.result));
        EXPECT_EQ(to_string(a.reason), to_string(row.reason));
        EXPECT_EQ(std::string(a.plan_id.view()), row.plan_id);
    }
}

TEST(CheckDecision, NamesAreThePublicContract) {
    EXPECT_EQ(to_string(Verdict::kLicensed), "licensed");
    EXPECT_EQ(to_string(Verdict::kBase), "base");
    EXPECT_EQ(to_string(Verdict::kDenied), "denied");
    const std::vector<std::pair<Reason, std::string>> names{
        {Reason::kAssigned, "assigned"},
        {Reason::kGroup, "group"},
        {Reason::kSiteLicense, "site_license"},
        {Reason::kTrial, "trial"},
        {Reason::kInGrace, "in_grace"},
        {Reason::kBaseOnly, "base_only"},
        {Reason::kNoSeat, "no_seat"},
        {Reason::kNotInstalled, "not_installed"},
        {Reason::kNoLicense, "no_license"},
        {Reason::kExpired, "expired"},
        {Reason::kSuspended, "suspended"},
        {Reason::kNotStarted, "not_started"},
        {Reason::kUnknownServiceId, "unknown_service_id"},
    };
    for (const auto& [reason, name] : names) EXPECT_EQ(to_string(reason), name);
}

TEST(CheckDecision, PlanIdHoldsTheLongestPlanId) {
    const std::string longest(domain::kMaxPlanIdLength, 'p');
    EXPECT_EQ(PlanId(longest).view(), longest);
    EXPECT_TRUE(PlanId().empty());
}

}  // namespace
}  // namespace seatkeeper::check
