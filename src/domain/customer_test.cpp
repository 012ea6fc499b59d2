#include "domain/customer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper::domain {
namespace {

const std::vector<DealState> kAllDealStates{DealState::kSubmitted, DealState::kInProgress, DealState::kWon,
                                            DealState::kLost, DealState::kWithdrawn};

TEST(DealTransitions, EveryPairIsAllowedOrRefusedAsTheLifecycleSays) {
    // from → the states it may move to (PRODUCT.md step 9); everything else is refused with 409.
    const std::vector<std::pair<DealState, std::vector<DealState>>> allowed{
        {DealState::kSubmitted, {DealState::kInProgress, DealState::kWithdrawn}},
        {DealState::kInProgress, {DealState::kWon, DealState::kLost, DealState::kWithdrawn}},
        {DealState::kWon, {}},
        {DealState::kLost, {}},
        {DealState::kWithdrawn, {}},
    };
    for (const auto& [from, targets] : allowed) {
        for (const DealState to : kAllDealStates) {
            SCOPED_TRACE(std::string(to_string(from)) + " -> " + std::string(to_string(to)));
            const bool expected = std::find(targets.begin(), targets.end(), to) != targets.end();
            const Status s = check_deal_transition(from, to);
            EXPECT_EQ(s.ok(), expected);
            if (!expected) {
                EXPECT_EQ(s.code(), StatusCode::kConflict);
                EXPECT_EQ(s.rule(), "deal_transition");
                EXPECT_EQ(s.field(), "state");
                EXPECT_NE(s.message().find(to_string(from)), std::string::npos) << s.message();
            }
        }
    }
}

TEST(DealStates, RoundTripAndLicenseWindow) {
    for (const DealState s : kAllDealStates) EXPECT_EQ(parse_deal_state(to_string(s)), s);
    EXPECT_FALSE(parse_deal_state("open"));
    EXPECT_FALSE(parse_deal_state("IN_PROGRESS"));
    EXPECT_TRUE(deal_allows_licenses(DealState::kInProgress));
    EXPECT_TRUE(deal_allows_licenses(DealState::kWon));
    EXPECT_FALSE(deal_allows_licenses(DealState::kSubmitted));
    EXPECT_FALSE(deal_allows_licenses(DealState::kLost));
    EXPECT_FALSE(deal_allows_licenses(DealState::kWithdrawn));
}

TEST(TenantRoles, PermissionTable) {
    struct Row {
        TenantRole role;
        bool consent, read, assign, install, access;
    };
    const Row rows[] = {
        {TenantRole::kGlobalAdmin, true, true, true, true, true},
        {TenantRole::kBillingAdmin, true, true, false, true, false},
        {TenantRole::kLicenseAdmin, false, true, true, false, false},
        {TenantRole::kUser, false, false, false, false, false},
    };
    for (const Row& r : rows) {
        SCOPED_TRACE(std::string(to_string(r.role)));
        EXPECT_EQ(parse_tenant_role(to_string(r.role)), r.role);
        EXPECT_EQ(allows(r.role, TenantPermission::kConsent), r.consent);
        EXPECT_EQ(allows(r.role, TenantPermission::kReadLicenses), r.read);
        EXPECT_EQ(allows(r.role, TenantPermission::kAssignSeats), r.assign);
        EXPECT_EQ(allows(r.role, TenantPermission::kInstall), r.install);
        EXPECT_EQ(allows(r.role, TenantPermission::kManageAccess), r.access);
    }
    EXPECT_FALSE(parse_tenant_role("account_admin"));  // a publisher role
}

TEST(TenantIds, GuidsAreNormalizedOrRefused) {
    EXPECT_EQ(normalize_tenant_id("3F2504E0-4F89-41D3-9A0C-0305E82C3301"), "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    for (const char* bad : {"", "3f2504e0-4f89-41d3-9a0c-0305e82c330", "3f2504e04f8941d39a0c0305e82c3301xxxx",
                            "3f2504e0-4f89-41d3-9a0c-0305e82c330g", "3f2504e0_4f89-41d3-9a0c-0305e82c3301"}) {
        EXPECT_FALSE(normalize_tenant_id(bad)) << bad;
    }
}

TEST(Domains, ValidAndInvalid) {
    EXPECT_EQ(*normalize_domain("d", "Fabrikam.Example"), "fabrikam.example");
    EXPECT_EQ(*normalize_domain("d", "eu.sales.fabrikam-group.example"), "eu.sales.fabrikam-group.example");
    for (const char* bad : {"", "fabrikam", "fabrikam.", ".fabrikam.example", "fab rikam.example", "-fab.example",
                            "fab-.example", "fab..example", "fab_rikam.example", "fabrikam.example/x"}) {
        const auto r = normalize_domain("customer.domain", bad);
        EXPECT_FALSE(r.ok()) << bad;
        if (!r.ok()) {
            EXPECT_EQ(r.status().field(), "customer.domain");
            EXPECT_EQ(r.status().rule(), "domain");
        }
    }
    EXPECT_FALSE(normalize_domain("d", std::string(64, 'a') + ".example").ok());  // a label over 63
}

TEST(Upns, ValidAndInvalid) {
    EXPECT_EQ(*normalize_upn("u", "Alex.Wilber@Fabrikam.Example"), "alex.wilber@fabrikam.example");
    EXPECT_EQ(*normalize_upn("u", "o'brien+crm@fabrikam.example"), "o'brien+crm@fabrikam.example");
    for (const char* bad :
         {"", "alex", "@fabrikam.example", "alex@", "alex@fabrikam", "al ex@fabrikam.example", ".alex@fabrikam.example",
          "alex.@fabrikam.example", "a@b@fabrikam.example", "alex@fabrikam.example\r\nBcc: x"}) {
        const auto r = normalize_upn("users[0]", bad);
        EXPECT_FALSE(r.ok()) << bad;
        if (!r.ok()) {
            EXPECT_EQ(r.status().field(), "users[0]");
        }
    }
    EXPECT_EQ(domain_of("alex@fabrikam.example"), "fabrikam.example");
}

TEST(Dates, CalendarDatesOnly) {
    for (const char* good : {"2026-12-31", "2028-02-29", "2000-02-29", "2026-01-01"}) {
        EXPECT_TRUE(validate_date("close_date", good).ok()) << good;
    }
    for (const char* bad : {"", "2026-13-01", "2026-00-10", "2026-02-30", "2027-02-29", "1900-02-29", "2026-4-01",
                            "26-04-01", "2026/04/01", "2026-04-31", "2026-04-01T00:00:00Z"}) {
        const Status s = validate_date("close_date", bad);
        EXPECT_FALSE(s.ok()) << bad;
        EXPECT_EQ(s.rule(), "date") << bad;
    }
}

}  // namespace
}  // namespace seatkeeper::domain
