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

// API.md "Runtime" and the brief of issue 4, one row per line of the decision table, plus the rows that show
// which line wins when several facts hold.
TEST(CheckDecision, FollowsTheTable) {
    const std::vector<Row> rows{
        {"unknown service ID",
         {false, false, false, false, false, ""},
         Verdict::kDenied,
         Reason::kUnknownServiceId,
         ""},
        {"unknown service ID wins over a seat",
         {false, true, true, true, true, "pro"},
         Verdict::kDenied,
         Reason::kUnknownServiceId,
         ""},
        {"seat", {true, true, false, false, true, "pro"}, Verdict::kLicensed, Reason::kAssigned, "pro"},
        {"seat wins over base", {true, true, true, true, true, "pro"}, Verdict::kLicensed, Reason::kAssigned, "pro"},
        {"base: installed or pooled, install without license",
         {true, false, true, true, false, "pro"},
         Verdict::kBase,
         Reason::kNotAssignedBaseFeatures,
         ""},
        {"base wins over not_assigned",
         {true, false, true, true, true, "pro"},
         Verdict::kBase,
         Reason::kNotAssignedBaseFeatures,
         ""},
        {"base allowed but the offer is not in use",
         {true, false, true, false, false, "pro"},
         Verdict::kDenied,
         Reason::kNoLicenseForTenant,
         ""},
        {"in use but base not allowed, pool active",
         {true, false, false, true, true, "pro"},
         Verdict::kDenied,
         Reason::kNotAssigned,
         ""},
        {"pool active, no seat", {true, false, false, false, true, "pro"}, Verdict::kDenied, Reason::kNotAssigned, ""},
        {"nothing for the tenant",
         {true, false, false, false, false, "pro"},
         Verdict::kDenied,
         Reason::kNoLicenseForTenant,
         ""},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        const Answer a = decide(row.facts);
        EXPECT_EQ(a.result, row.result);
        EXPECT_EQ(a.reason, row.reason);
        EXPECT_EQ(std::string(a.plan_id.view()), row.plan_id);
    }
}

TEST(CheckDecision, NamesAreThePublicContract) {
    EXPECT_EQ(to_string(Verdict::kLicensed), "licensed");
    EXPECT_EQ(to_string(Verdict::kBase), "base");
    EXPECT_EQ(to_string(Verdict::kDenied), "denied");
    EXPECT_EQ(to_string(Reason::kAssigned), "assigned");
    EXPECT_EQ(to_string(Reason::kNotAssignedBaseFeatures), "not_assigned_base_features");
    EXPECT_EQ(to_string(Reason::kNotAssigned), "not_assigned");
    EXPECT_EQ(to_string(Reason::kNoLicenseForTenant), "no_license_for_tenant");
    EXPECT_EQ(to_string(Reason::kUnknownServiceId), "unknown_service_id");
}

TEST(CheckDecision, PlanIdHoldsTheLongestPlanId) {
    const std::string longest(domain::kMaxPlanIdLength, 'p');
    EXPECT_EQ(PlanId(longest).view(), longest);
    EXPECT_TRUE(PlanId().empty());
}

}  // namespace
}  // namespace seatkeeper::check
