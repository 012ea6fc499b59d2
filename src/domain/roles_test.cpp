#include "domain/roles.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace seatkeeper::domain {
namespace {

using enum PublisherRole;
using enum Permission;

std::string name_of(Permission permission) {
    switch (permission) {
        case kReadOffers:
            return "read_offers";
        case kWriteOffers:
            return "write_offers";
        case kManageLicensing:
            return "manage_licensing";
        case kManageAccess:
            return "manage_access";
        case kReadMail:
            return "read_mail";
        case kRuntime:
            return "runtime";
    }
    return "?";
}

struct RoleRow {
    PublisherRole role;
    bool read_offers;
    bool write_offers;
    bool manage_licensing;
    bool manage_access;
    bool read_mail;
    bool runtime;
};

// PRODUCT.md "Who uses it" and API.md "Authentication": developers read and write offers only, viewers
// read, only global and account admins manage licensing, only a global admin manages users and keys, and
// the app role does runtime checks and nothing else. Only a global admin reads the mail outbox.
// clang-format off
const std::vector<RoleRow> kTable{
    //                 read   write  licensing access mail   runtime
    {kGlobalAdmin,     true,  true,  true,     true,  true,  false},
    {kAccountAdmin,    true,  true,  true,     false, false, false},
    {kDeveloper,       true,  true,  false,    false, false, false},
    {kViewer,          true,  false, false,    false, false, false},
    {kApp,             false, false, false,    false, false, true},
};
// clang-format on

TEST(Roles, FollowTheRoleByPermissionTable) {
    for (const RoleRow& row : kTable) {
        const std::vector<std::pair<Permission, bool>> expected{{kReadOffers, row.read_offers},
                                                                {kWriteOffers, row.write_offers},
                                                                {kManageLicensing, row.manage_licensing},
                                                                {kManageAccess, row.manage_access},
                                                                {kReadMail, row.read_mail},
                                                                {kRuntime, row.runtime}};
        for (const auto& [permission, allowed] : expected) {
            EXPECT_EQ(allows(row.role, permission), allowed) << to_string(row.role) << " × " << name_of(permission);
        }
    }
}

TEST(Roles, OnlyGlobalAndAccountAdminsManageLicensing) {
    for (const RoleRow& row : kTable) {
        const bool admin = row.role == kGlobalAdmin || row.role == kAccountAdmin;
        EXPECT_EQ(allows(row.role, kManageLicensing), admin) << to_string(row.role);
    }
}

TEST(Roles, AppKeysCannotReadOrChangeOffers) {
    EXPECT_FALSE(allows(kApp, kReadOffers));
    EXPECT_FALSE(allows(kApp, kWriteOffers));
}

TEST(Roles, NamesRoundTrip) {
    const std::vector<std::pair<PublisherRole, std::string>> names{{kGlobalAdmin, "global_admin"},
                                                                   {kAccountAdmin, "account_admin"},
                                                                   {kDeveloper, "developer"},
                                                                   {kViewer, "viewer"},
                                                                   {kApp, "app"}};
    ASSERT_EQ(names.size(), kTable.size());
    for (const auto& [role, name] : names) {
        EXPECT_EQ(to_string(role), name);
        EXPECT_EQ(parse_publisher_role(name), role) << name;
    }
}

TEST(Roles, UnknownNamesParseToNothing) {
    for (const auto* text : {"", "admin", "Global_Admin", "global-admin", "billing_admin", "user", " viewer"}) {
        EXPECT_EQ(parse_publisher_role(text), std::nullopt) << text;
    }
}

bool reads(const std::vector<EventFamily>& families, EventFamily family) {
    return std::find(families.begin(), families.end(), family) != families.end();
}

// The change feed shows each role what the family's own routes show it (issue 11, finding 2).
TEST(Roles, TheFeedShowsEachPublisherRoleWhatItsRoutesShowIt) {
    using enum EventFamily;
    for (const auto role : {kGlobalAdmin, kAccountAdmin, kDeveloper, kViewer}) {
        SCOPED_TRACE(std::string(to_string(role)));
        const auto families = readable_event_families(role);
        EXPECT_TRUE(reads(families, kOffer));
        EXPECT_TRUE(reads(families, kLead));
        EXPECT_TRUE(reads(families, kUser));
        const bool licensing = role == kGlobalAdmin || role == kAccountAdmin;
        for (const auto family : {kDeal, kInvitation, kLicense, kSeat, kTenant}) {
            EXPECT_EQ(reads(families, family), licensing) << to_string(family);
        }
        EXPECT_EQ(reads(families, kApiKey), role == kGlobalAdmin);
    }
    EXPECT_TRUE(readable_event_families(kApp).empty());
}

TEST(Roles, TheFeedShowsEachTenantRoleWhatItsRoutesShowIt) {
    using enum TenantRole;
    using F = EventFamily;
    for (const auto role : {kGlobalAdmin, kBillingAdmin, kLicenseAdmin}) {
        SCOPED_TRACE(std::string(to_string(role)));
        const auto families = readable_event_families(role);
        for (const auto family : {F::kLicense, F::kSeat, F::kGroup, F::kInstallation, F::kUser}) {
            EXPECT_TRUE(reads(families, family)) << to_string(family);
        }
        EXPECT_EQ(reads(families, F::kApiKey), role == kGlobalAdmin);
    }
    EXPECT_TRUE(readable_event_families(kUser).empty());
}

// Relationships and the user directory are left to global admins on purpose (see roles.cpp).
TEST(Roles, EveryEventFamilyButTwoHasOneRow) {
    using enum EventFamily;
    std::vector<EventFamily> seen;
    for (const auto& f : event_family_access()) {
        EXPECT_FALSE(reads(seen, f.family)) << to_string(f.family);
        seen.push_back(f.family);
    }
    for (const auto& type : kEventTypes) {
        const bool unlisted = type.family == kRelationship || type.family == kDirectoryUser;
        EXPECT_EQ(reads(seen, type.family), !unlisted) << type.name;
    }
}

}  // namespace
}  // namespace seatkeeper::domain
