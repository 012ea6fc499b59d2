// The request body parsers of http/inputs/, without a server: which body each accepts, and for each it refuses,
// the field and the rule of the answer (the HTTP tests, tests/http/bad_input_test.cpp, pin the same through a
// real server). The limits are domain/limits.hpp's, at their documented lengths.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "domain/customer.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"
#include "http/inputs/account_inputs.hpp"
#include "http/inputs/check_inputs.hpp"
#include "http/inputs/deal_inputs.hpp"
#include "http/inputs/offer_inputs.hpp"
#include "http/inputs/tenant_inputs.hpp"

namespace seatkeeper::http::inputs {
namespace {

// What a parser made of one body: OK, or the field and rule of its refusal.
using Parse = std::function<Status(const boost::json::object&)>;

template <typename T>
Parse status_of(Result<T> (*parse)(const boost::json::object&)) {
    return [parse](const boost::json::object& body) { return parse(body).status(); };
}

struct Case {
    std::string name;
    Parse parse;
    boost::json::object body;
    std::string field;  // "" with rule "": accepted
    std::string rule;
};

// `n` characters of text.
std::string text_of(std::size_t n) {
    std::string out(n, 'x');
    return out;
}

void expect_cases(const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name + ": " + json::to_string(c.body));
        const Status status = c.parse(c.body);
        if (c.rule.empty()) {
            EXPECT_TRUE(status.ok()) << status.field() << " " << status.rule() << ": " << status.message();
            continue;
        }
        ASSERT_FALSE(status.ok());
        EXPECT_EQ(status.code(), StatusCode::kInvalid);
        EXPECT_EQ(status.field(), c.field);
        EXPECT_EQ(status.rule(), c.rule);
    }
}

TEST(Inputs, BlankTextIsMissing) {
    expect_cases({
        {"lead name", status_of(parse_new_lead), {{"name", "   "}, {"email", "a@b.example"}}, "name", "required"},
        {"tenant name",
         status_of(parse_invitation_signup),
         {{"tenant_name", " "}, {"password", "long-enough-1"}},
         "tenant_name",
         "required"},
        {"group name", status_of(parse_new_group), {{"name", "  "}}, "name", "required"},
        {"plan name", status_of(parse_new_plan), {{"id", "gold"}, {"name", " "}}, "name", "required"},
        {"offer alias",
         status_of(parse_new_offer),
         {{"id", "crm"}, {"alias", " "}, {"type", "t"}},
         "alias",
         "required"},
        {"upn", status_of(parse_new_directory_user), {{"upn", " "}}, "upn", "required"},
        {"domain", status_of(parse_new_domain), {{"domain", " "}}, "domain", "required"},
        {"customer name",
         status_of(parse_new_deal),
         {{"customer", {{"name", " "}, {"domain", "fabrikam.example"}, {"contact_email", "a@fabrikam.example"}}}},
         "customer.name",
         "required"},
        // A password is a secret: spaces are as good as other characters (its length is the service's rule).
        {"password of spaces",
         status_of(parse_credentials),
         {{"email", "a@contoso.example"}, {"password", "          "}},
         "",
         ""},
    });
}

TEST(Inputs, TextLimitsAreTheDocumentedOnes) {
    using namespace domain;
    const auto deal_with_customer_name = [](std::size_t n) {
        return boost::json::object{
            {"customer",
             {{"name", text_of(n)}, {"domain", "fabrikam.example"}, {"contact_email", "a@fabrikam.example"}}},
            {"offer_id", "crm"},
            {"plan_ids", boost::json::array{"basic"}},
            {"seats", 5},
            {"value", 100},
            {"close_date", "2030-01-31"}};
    };
    const boost::json::object signup{{"password", "long-enough-1"}, {"code", "12345678"}};
    const auto with = [](boost::json::object o, std::string_view key, const std::string& value) {
        o[key] = value;
        return o;
    };
    expect_cases({
        {"tenant_name at the limit", status_of(parse_invitation_signup),
         with(signup, "tenant_name", text_of(kMaxTenantNameLength)), "", ""},
        {"tenant_name over it", status_of(parse_invitation_signup),
         with(signup, "tenant_name", text_of(kMaxTenantNameLength + 1)), "tenant_name", "max_length"},
        {"display_name",
         status_of(parse_new_directory_user),
         {{"upn", "a@fabrikam.example"}, {"display_name", text_of(kMaxDisplayNameLength + 1)}},
         "display_name",
         "max_length"},
        {"group name at the limit", status_of(parse_new_group), {{"name", text_of(kMaxGroupNameLength)}}, "", ""},
        {"group name over it",
         status_of(parse_new_group),
         {{"name", text_of(kMaxGroupNameLength + 1)}},
         "name",
         "max_length"},
        {"environment",
         status_of(parse_new_installation),
         {{"offer", "contoso.crm"}, {"environment", text_of(kMaxEnvironmentLength + 1)}},
         "environment",
         "max_length"},
        {"customer name at the limit", status_of(parse_new_deal), deal_with_customer_name(kMaxCustomerNameLength), "",
         ""},
        {"customer name over it", status_of(parse_new_deal), deal_with_customer_name(kMaxCustomerNameLength + 1),
         "customer.name", "max_length"},
        {"listing name",
         status_of(parse_offer_patch),
         {{"listing", {{"name", text_of(kMaxOfferNameLength + 1)}}}},
         "listing.name",
         "max_length"},
        {"listing description at the limit",
         status_of(parse_offer_patch),
         {{"listing", {{"description", text_of(kMaxOfferDescriptionLength)}}}},
         "",
         ""},
        {"support URL",
         status_of(parse_offer_patch),
         {{"listing", {{"support_url", text_of(kMaxUrlLength + 1)}}}},
         "listing.support_url",
         "max_length"},
        {"plan description",
         status_of(parse_new_plan),
         {{"id", "gold"}, {"name", "Gold"}, {"description", text_of(kMaxPlanDescriptionLength + 1)}},
         "description",
         "max_length"},
        {"invitation email",
         status_of(parse_invitation),
         {{"email", text_of(kMaxEmailLength + 1)}},
         "email",
         "max_length"},
        // An immutable field sent back is compared, not measured: "changed" is the useful answer.
        {"echoed alias", status_of(parse_offer_patch), {{"alias", text_of(kMaxAliasLength + 1)}}, "", ""},
    });
}

TEST(Inputs, EachParserRefusesUnknownFields) {
    expect_cases({
        {"login", status_of(parse_credentials), {{"user", "a"}}, "user", "unknown_field"},
        {"new user", status_of(parse_new_user), {{"admin", true}}, "admin", "unknown_field"},
        {"api key", status_of(parse_new_api_key), {{"secret", "x"}}, "secret", "unknown_field"},
        {"deal patch", status_of(parse_deal_patch), {{"owner", "x"}}, "owner", "unknown_field"},
        {"licenses", status_of(parse_deal_license_set), {{"seats", 1}}, "seats", "unknown_field"},
        {"assignment", status_of(parse_seat_assignment), {{"user", "a"}}, "user", "unknown_field"},
        {"lead", status_of(parse_new_lead), {{"phone", "1"}}, "phone", "unknown_field"},
        {"batch", status_of(parse_check_batch), {{"check", boost::json::array{}}}, "check", "unknown_field"},
    });
}

TEST(Inputs, SignupRefusesDomainsBeforeAnythingElse) {
    expect_cases({{"domains",
                   status_of(parse_invitation_signup),
                   {{"domains", boost::json::array{"fabrikam.example"}}, {"extra", 1}},
                   "domains",
                   "not_allowed"}});
}

TEST(Inputs, DealLicenseSetReadsQuantityAndSite) {
    expect_cases({
        {"not a number", status_of(parse_deal_license_set), {{"quantity", "3"}}, "quantity", "type"},
        {"site not a boolean", status_of(parse_deal_license_set), {{"site", "yes"}}, "site", "type"},
        {"too many",
         status_of(parse_deal_license_set),
         {{"quantity", domain::kMaxLicenseQuantity + 1}},
         "quantity",
         "range"},
    });
    const auto set = parse_deal_license_set({{"quantity", 3}});
    ASSERT_TRUE(set.ok());
    EXPECT_EQ(set->quantity, 3);
    EXPECT_FALSE(set->force);
    EXPECT_FALSE(set->site);
    const auto site = parse_deal_license_set({{"site", true}});
    ASSERT_TRUE(site.ok());
    EXPECT_FALSE(site->quantity);  // whether one is needed is the service's to say (the license as it is)
    EXPECT_EQ(site->site, true);
}

TEST(Inputs, PlanPatchRefusesAnotherId) {
    EXPECT_TRUE(parse_plan_patch({{"id", "basic"}, {"name", "Basic"}}, "basic").ok());
    const auto changed = parse_plan_patch({{"id", "gold"}}, "basic");
    ASSERT_FALSE(changed.ok());
    EXPECT_EQ(changed.status().field(), "id");
    EXPECT_EQ(changed.status().rule(), "immutable");
}

TEST(Inputs, InstallationDefaultsToProduction) {
    const auto install = parse_new_installation({{"offer", "contoso.crm"}});
    ASSERT_TRUE(install.ok());
    EXPECT_EQ(install->product, "contoso.crm");
    EXPECT_EQ(install->environment, "Production");
}

TEST(Inputs, CheckBatchNamesTheItem) {
    const boost::json::object bad{
        {"checks", boost::json::array{boost::json::object{{"tenant", 1}}}},
    };
    const auto refused = parse_check_batch(bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().field(), "checks[0].tenant");
    EXPECT_EQ(refused.status().rule(), "type");
    boost::json::array many;
    for (std::size_t i = 0; i <= kMaxCheckBatch; ++i) many.emplace_back(boost::json::object{});
    const auto too_many = parse_check_batch({{"checks", many}});
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.status().rule(), "max_items");
}

TEST(Inputs, TokenQuestionDropsAnEmptyNonce) {
    const auto token = parse_token_question({{"tenant", "6f1c7c9e-2f4b-4a5e-9d3a-0b8e8f6b1a2c"},
                                             {"user", "alex@fabrikam.example"},
                                             {"service_id", "contoso.crm.basic"},
                                             {"nonce", ""}});
    ASSERT_TRUE(token.ok()) << token.status().message();
    EXPECT_FALSE(token->nonce.has_value());
    EXPECT_EQ(token->question.user, "alex@fabrikam.example");
}

}  // namespace
}  // namespace seatkeeper::http::inputs
