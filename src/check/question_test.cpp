#include "check/question.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper::check {
namespace {

constexpr const char* kTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

TEST(CheckQuestion, NormalisesTenantAndUserToLowercase) {
    const auto q =
        make_question("72F988BF-86F1-41AF-91AB-2D7CD011DB47", "Ada.Lovelace@Fabrikam.Example", "contoso.crm.pro");
    ASSERT_TRUE(q.ok()) << q.status().message();
    EXPECT_EQ(q->tenant, kTenant);
    EXPECT_EQ(q->user, "ada.lovelace@fabrikam.example");
    EXPECT_EQ(q->service_id, "contoso.crm.pro");
}

TEST(CheckQuestion, KeepsTheServiceIdAsGiven) {
    const auto q = make_question(kTenant, "a@b.example", "Contoso.CRM.Pro");
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->service_id, "Contoso.CRM.Pro");  // service IDs are lowercase; another spelling is unknown
}

struct Bad {
    const char* tenant;
    const char* user;
    std::string service_id;
    const char* field;
    const char* rule;
};

TEST(CheckQuestion, RefusesBadInputNamingTheField) {
    const std::vector<Bad> cases{
        {"", "a@b.example", "s", "tenant", "required"},
        {kTenant, "", "s", "user", "required"},
        {kTenant, "a@b.example", "", "service_id", "required"},
        {"fabrikam", "a@b.example", "s", "tenant", "guid"},
        {"72f988bf86f141af91ab2d7cd011db47", "a@b.example", "s", "tenant", "guid"},
        {"72f988bf-86f1-41af-91ab-2d7cd011db4g", "a@b.example", "s", "tenant", "guid"},
        {"{72f988bf-86f1-41af-91ab-2d7cd011db47}", "a@b.example", "s", "tenant", "guid"},
        {kTenant, "ada", "s", "user", "email"},
        {kTenant, "ada@", "s", "user", "email"},
        {kTenant, "ada lovelace@b.example", "s", "user", "email"},
        {kTenant, "a@b.example", std::string(kMaxServiceIdLength + 1, 's'), "service_id", "max_length"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.tenant) + " / " + c.user + " / " + c.service_id.substr(0, 20));
        const auto q = make_question(c.tenant, c.user, c.service_id);
        ASSERT_FALSE(q.ok());
        EXPECT_EQ(q.status().code(), StatusCode::kInvalid);
        EXPECT_EQ(q.status().field(), c.field);
        EXPECT_EQ(q.status().rule(), c.rule);
        EXPECT_NE(q.status().message().find(c.field), std::string::npos) << q.status().message();
    }
}

TEST(CheckQuestion, PrefixesFieldsInABatch) {
    const auto q = make_question(kTenant, "nobody", "s", "checks[3]");
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.status().field(), "checks[3].user");
}

TEST(CheckQuestion, AcceptsTheLongestServiceId) {
    EXPECT_TRUE(make_question(kTenant, "a@b.example", std::string(kMaxServiceIdLength, 's')).ok());
}

}  // namespace
}  // namespace seatkeeper::check
