// PRODUCT.md steps 9–13 through the HTTP API: deals, consent, licenses, seats, groups, installs — and the
// refusals: closed deals, missing consent, expired/reused/forged links, over-capacity assignment, lowering
// below what is assigned, cross-tenant and cross-publisher probes.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "check/jwt.hpp"
#include "domain/events.hpp"
#include "http/harness.hpp"
#include "package/package_writer.hpp"
#include "service/tenants.hpp"
#include "support/dns_server.hpp"
#include "support/smtp_sink.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

void expect_problem(const HttpResponse& r, long status, const std::string& rule) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
    EXPECT_EQ(r.str("rule"), rule) << r.body;
    EXPECT_FALSE(r.str("detail").empty()) << r.body;
}

std::string token_of(const std::string& invitation_url) { return invitation_url.substr(invitation_url.rfind('/') + 1); }

// The sign-up code last mailed to `to`, read from the server's outbox (no SMTP server is configured here; the
// InvitationMail tests read it from a real SMTP sink). "" when there is none.
std::string mailed_signup_code(TestServer& server, const std::string& to) {
    const auto body = store::in_transaction(server.app().services().store(), store::TxMode::kRead,
                                            [&](store::Transaction& tx) -> Result<std::string> {
                                                const auto row = tx.query_one(
                                                    "SELECT body FROM mails WHERE to_address = ? AND subject LIKE ? "
                                                    "ORDER BY created_at DESC, id DESC LIMIT 1",
                                                    {to, std::string("Your sign-up code%")});
                                                return row ? row->text(0) : std::string();
                                            });
    std::smatch m;
    const std::string text = body.ok() ? *body : std::string();
    return std::regex_search(text, m, std::regex(R"(\s(\d{8})\s)")) ? m[1].str() : std::string();
}

bj::object deal_request(const std::string& offer_id) {
    return {{"customer",
             {{"name", "Fabrikam"}, {"domain", "fabrikam.example"}, {"contact_email", "billing@fabrikam.example"}}},
            {"offer_id", offer_id},
            {"plan_ids", bj::array{"basic", "premium"}},
            {"seats", 25},
            {"value", 12500.50},
            {"close_date", "2026-12-31"}};
}

// A live license-managed offer with plans basic and premium, reviewed with an uploaded package.
void publish_live_offer(Client& client, const std::string& publisher, const std::string& id) {
    ASSERT_EQ(client.post("/api/v1/offers", {{"id", id}, {"alias", id}, {"type", "dynamics-365-ce-powerapps"}}).status,
              201);
    ASSERT_EQ(client
                  .patch("/api/v1/offers/" + id,
                         {{"licensing", {{"license_management", true}}},
                          {"listing", {{"name", "Contoso CRM"}, {"summary", "CRM"}, {"description", "Pipelines."}}}})
                  .status,
              200);
    package::SolutionPackage pkg{"contosocrm", "1.0.0.0", publisher, {}, {}};
    for (const char* plan : {"basic", "premium"}) {
        ASSERT_EQ(client
                      .post("/api/v1/offers/" + id + "/plans",
                            {{"id", plan}, {"name", std::string("Plan ") + plan}, {"description", "All."}})
                      .status,
                  201);
        const std::string sid = publisher + "." + id + "." + plan;
        pkg.service_plans.push_back({sid, sid, "https://contoso.example"});
        pkg.app_modules.push_back({sid, "crm_app"});
    }
    ASSERT_EQ(client.put_bytes("/api/v1/offers/" + id + "/package", package::write_package(pkg)).status, 200);
    ASSERT_EQ(client.post("/api/v1/offers/" + id + "/publish").status, 202);
    wait_for_offer_state(client, id, "preview");
    ASSERT_EQ(client.post("/api/v1/offers/" + id + "/go-live").status, 202);
    wait_for_offer_state(client, id, "live");
}

class SeatLifecycle : public ::testing::Test {
protected:
    static std::function<void(app::Config&)> config() {
        return [](app::Config& c) { c.server.threads = 4; };
    }

    void SetUp() override {
        server_.create_publisher("contoso");
        ASSERT_EQ(publisher_.login("admin@contoso.example", "password-contoso-1").status, 200);
        publish_live_offer(publisher_, "contoso", "crm");
    }

    // A tenant with a global admin (signed in as `admin`) and the given domain.
    std::string create_tenant(const std::string& name, const std::string& domain, Client& admin) {
        auto t = service::create_tenant(
            server_.app().services(), {name, {domain}, "admin@" + domain, "password-" + name + "-1", name + " Admin"});
        EXPECT_TRUE(t.ok()) << t.status().message();
        EXPECT_EQ(admin.login("admin@" + domain, "password-" + name + "-1").status, 200);
        return t->id;
    }

    // Registers a deal for crm, moves it to in_progress, invites and has `tenant_admin` accept.
    std::string consented_deal(Client& tenant_admin, const std::string& email = "admin@fabrikam.example") {
        const auto deal = publisher_.post("/api/v1/deals", deal_request("crm"));
        EXPECT_EQ(deal.status, 201) << deal.body;
        const std::string id = deal.str("id");
        EXPECT_EQ(publisher_.patch("/api/v1/deals/" + id, {{"state", "in_progress"}}).status, 200);
        const auto invite = publisher_.post("/api/v1/deals/" + id + "/invitations", {{"email", email}});
        EXPECT_EQ(invite.status, 201) << invite.body;
        const auto accepted =
            tenant_admin.post("/api/v1/invitations/" + token_of(invite.str("invitation_url")) + "/accept");
        EXPECT_EQ(accepted.status, 200) << accepted.body;
        return id;
    }

    TestServer server_{config()};
    Client publisher_{server_.base()};
    Client anonymous_{server_.base()};
};

TEST_F(SeatLifecycle, DealInviteConsentLicensesAndSeatsEndToEnd) {
    // Step 9: register the deal; it starts submitted and shows under the Submitted filter.
    const auto deal = publisher_.post("/api/v1/deals", deal_request("crm"));
    ASSERT_EQ(deal.status, 201) << deal.body;
    EXPECT_EQ(deal.str("state"), "submitted");
    EXPECT_EQ(deal.json().at("value").as_double(), 12500.5);
    const std::string deal_id = deal.str("id");
    EXPECT_EQ(publisher_.get("/api/v1/deals?state=submitted").json().at("items").as_array().size(), 1U);
    EXPECT_EQ(publisher_.get("/api/v1/deals?state=in_progress").json().at("items").as_array().size(), 0U);

    // Licenses before consent: refused with the reason.
    expect_problem(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":3})"), 409,
                   "no_relationship");

    // Step 10: invite; the link is shown once, ends with the token and expires.
    const auto invite =
        publisher_.post("/api/v1/deals/" + deal_id + "/invitations", {{"email", "Billing@Fabrikam.example"}});
    ASSERT_EQ(invite.status, 201) << invite.body;
    const std::string url = invite.str("invitation_url");
    EXPECT_TRUE(url.starts_with(server_.app().config().settings.public_url + "/admin/invitations/")) << url;
    const std::string token = token_of(url);
    EXPECT_GE(token.size(), 43U);  // 256 random bits, base64url (the issue asks for at least 128)
    EXPECT_FALSE(invite.str("expires_at").empty());
    EXPECT_EQ(publisher_.get("/api/v1/deals/" + deal_id + "/licenses").str("relationship"), "invited");

    // Anyone holding the link sees who asks for what.
    const auto view = anonymous_.get("/api/v1/invitations/" + token);
    ASSERT_EQ(view.status, 200) << view.body;
    EXPECT_EQ(view.str("state"), "pending");
    EXPECT_EQ(view.str("email"), "billing@fabrikam.example");
    EXPECT_EQ(view.json().at("publisher").at("id"), "contoso");
    EXPECT_EQ(view.json().at("offer").at("name"), "Contoso CRM");
    EXPECT_EQ(view.json().at("plans").as_array().size(), 2U);

    // The invited admin has no account: they create the tenant and their account from the link, then accept.
    // A code mailed to the invited address proves they read its mail.
    Client customer(server_.base());
    ASSERT_EQ(customer.post("/api/v1/invitations/" + token + "/signup-code").status, 202);
    const std::string code = mailed_signup_code(server_, "billing@fabrikam.example");
    ASSERT_EQ(code.size(), 8U);
    const auto signup = customer.post(
        "/api/v1/invitations/" + token + "/signup",
        {{"tenant_name", "Fabrikam"}, {"name", "Bea Billing"}, {"password", "fabrikam-pass-1"}, {"code", code}});
    ASSERT_EQ(signup.status, 201) << signup.body;
    EXPECT_EQ(signup.json().at("user").at("kind"), "tenant");
    EXPECT_EQ(signup.json().at("user").at("role"), "global_admin");
    const std::string tenant_id(signup.json().at("user").at("tenant_id").as_string());
    ASSERT_EQ(customer.login("billing@fabrikam.example", "fabrikam-pass-1").status, 200);
    const auto accepted = customer.post("/api/v1/invitations/" + token + "/accept");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.str("state"), "accepted");
    // Single use.
    expect_problem(customer.post("/api/v1/invitations/" + token + "/accept"), 409, "invitation_used");

    // The relationship exists; the deal has its customer.
    const auto customers = publisher_.get("/api/v1/customers");
    ASSERT_EQ(customers.json().at("items").as_array().size(), 1U);
    EXPECT_EQ(customers.json().at("items").at(0).at("tenant_id").as_string(), tenant_id);

    // Step 11: licenses only while in progress or won.
    expect_problem(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":3})"), 409,
                   "deal_state");
    ASSERT_EQ(publisher_.patch("/api/v1/deals/" + deal_id, {{"state", "in_progress"}}).status, 200);
    const auto added = publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":3})");
    ASSERT_EQ(added.status, 200) << added.body;
    EXPECT_EQ(added.str("service_id"), "contoso.crm.basic");
    const auto rows = publisher_.get("/api/v1/deals/" + deal_id + "/licenses");
    EXPECT_EQ(rows.str("relationship"), "accepted");
    EXPECT_EQ(rows.json().at("customer").at("tenant_id").as_string(), tenant_id);
    ASSERT_EQ(rows.json().at("items").as_array().size(), 1U);
    EXPECT_EQ(rows.json().at("items").at(0).at("quantity").as_int64(), 3);

    // Step 12: the customer sees 3 licenses and assigns 3 users; a 4th is refused.
    const auto licenses = customer.get("/api/v1/tenant/licenses");
    ASSERT_EQ(licenses.status, 200) << licenses.body;
    ASSERT_EQ(licenses.json().at("items").as_array().size(), 1U);
    const auto& row = licenses.json().at("items").at(0);
    EXPECT_EQ(row.at("service_id"), "contoso.crm.basic");
    EXPECT_EQ(row.at("quantity").as_int64(), 3);
    EXPECT_EQ(row.at("available").as_int64(), 3);
    const std::string assignments = "/api/v1/tenant/licenses/contoso.crm.basic/assignments";
    const auto assigned = customer.post(
        assignments, {{"users", bj::array{"alex@fabrikam.example", "Bo@Fabrikam.example", "cy@fabrikam.example"}}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    EXPECT_EQ(assigned.json().at("license").at("available").as_int64(), 0);
    const auto fourth = customer.post(assignments, {{"users", bj::array{"dee@fabrikam.example"}}});
    expect_problem(fourth, 409, "over_capacity");
    EXPECT_NE(fourth.str("detail").find("0 of 3"), std::string::npos) << fourth.body;
    EXPECT_EQ(customer.get(assignments).json().at("items").as_array().size(), 3U);
    // Users named by the assignment joined the tenant's directory (lowercased).
    const auto directory = customer.get("/api/v1/tenant/users");
    EXPECT_EQ(directory.json().at("items").as_array().size(), 3U);
    EXPECT_EQ(directory.json().at("items").at(1).at("upn"), "bo@fabrikam.example");

    // Step 13: the publisher's app asks at runtime, with an app key.
    const auto app_key = publisher_.post("/api/v1/api-keys", {{"role", "app"}, {"name", "crm app"}});
    ASSERT_EQ(app_key.status, 201) << app_key.body;
    Client app(server_.base());
    app.use_api_key(app_key.str("key"));
    const std::string check = "/api/v1/check?tenant=" + tenant_id + "&service_id=contoso.crm.basic&user=";
    for (const char* user : {"alex@fabrikam.example", "bo@fabrikam.example", "CY@fabrikam.example"}) {
        const auto answer = app.get(check + user);
        ASSERT_EQ(answer.status, 200) << answer.body;
        EXPECT_EQ(answer.str("result"), "licensed") << user << " " << answer.body;
        EXPECT_EQ(answer.str("plan_id"), "basic") << user;
    }
    EXPECT_EQ(app.get(check + "dee@fabrikam.example").str("result"), "denied");
    EXPECT_EQ(app.get(check + "dee@fabrikam.example").str("reason"), "no_seat");
    EXPECT_EQ(app.get("/api/v1/check?tenant=00000000-0000-4000-8000-000000000000&service_id=contoso.crm.basic"
                      "&user=alex@fabrikam.example")
                  .str("result"),
              "denied");
    // An offline token for alex verifies against the published key.
    const auto issued = app.post("/api/v1/tokens", {{"tenant", tenant_id},
                                                    {"user", "alex@fabrikam.example"},
                                                    {"service_id", "contoso.crm.basic"},
                                                    {"nonce", "n-123"}});
    ASSERT_EQ(issued.status, 200) << issued.body;
    const auto jwks = anonymous_.get("/.well-known/jwks.json");
    ASSERT_EQ(jwks.status, 200) << jwks.body;
    bool verified = false;
    for (const auto& k : jwks.json().at("keys").as_array()) {
        const auto x = check::base64url_decode(std::string(k.at("x").as_string()));
        ASSERT_TRUE(x && x->size() == check::kEd25519PublicKeyBytes);
        check::PublicKey public_key{};
        std::copy(x->begin(), x->end(), public_key.begin());
        if (const auto jwt = check::verify_jwt(issued.str("token"), public_key)) {
            verified = true;
            EXPECT_EQ(jwt->claims.at("sub"), "alex@fabrikam.example");
            EXPECT_EQ(jwt->claims.at("aud"), "contoso.crm.basic");
            EXPECT_EQ(jwt->claims.at("tid").as_string(), tenant_id);
            EXPECT_EQ(jwt->claims.at("result"), "licensed");
            EXPECT_EQ(jwt->claims.at("plan"), "basic");
            EXPECT_EQ(jwt->claims.at("nonce"), "n-123");
        }
    }
    EXPECT_TRUE(verified) << issued.body;

    // Unassign frees a seat for the 4th user; the next check sees it at once.
    ASSERT_EQ(customer.del(assignments + "/cy%40fabrikam.example").status, 204);
    // `Prefer: return=minimal`: the answer lists only the seats the request named, with the license's counts.
    const auto minimal =
        customer.request("POST", assignments, R"({"users":["Dee@Fabrikam.example","alex@fabrikam.example"]})",
                         {{"Prefer", "respond-async, return=minimal"}});
    ASSERT_EQ(minimal.status, 200) << minimal.body;
    EXPECT_EQ(minimal.header("preference-applied"), "return=minimal");
    const auto& named = minimal.json().at("items").as_array();
    ASSERT_EQ(named.size(), 2U) << minimal.body;
    EXPECT_EQ(named.at(0).at("upn"), "dee@fabrikam.example");
    EXPECT_EQ(named.at(1).at("upn"), "alex@fabrikam.example");
    EXPECT_EQ(minimal.json().at("license").at("assigned").as_int64(), 3);
    EXPECT_EQ(customer.get(assignments).json().at("items").as_array().size(), 3U);
    EXPECT_EQ(app.get(check + "cy@fabrikam.example").str("result"), "denied");
    EXPECT_EQ(app.get(check + "dee@fabrikam.example").str("result"), "licensed");

    // Lowering below what is assigned is refused naming both numbers; force unassigns the newest.
    const auto lower = publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":2})");
    expect_problem(lower, 409, "below_assigned");
    EXPECT_NE(lower.str("detail").find('3'), std::string::npos) << lower.body;
    EXPECT_NE(lower.str("detail").find('2'), std::string::npos) << lower.body;
    ASSERT_EQ(
        publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":2,"force":true})")
            .status,
        200);
    const auto after_force = customer.get(assignments);
    ASSERT_EQ(after_force.json().at("items").as_array().size(), 2U);
    for (const auto& u : after_force.json().at("items").as_array()) EXPECT_NE(u.at("upn"), "dee@fabrikam.example");
    const auto feed = customer.get("/api/v1/events?limit=1000").json().at("items").as_array();
    const auto unassigned = std::count_if(feed.begin(), feed.end(), [](const bj::value& e) {
        return e.at("type") == "seat.unassigned" && e.at("payload").at("before").at("upn") == "dee@fabrikam.example";
    });
    EXPECT_EQ(unassigned, 1);

    // The trash icon deactivates; the row stays in history; seats go with force only.
    expect_problem(publisher_.del("/api/v1/deals/" + deal_id + "/licenses/basic"), 409, "below_assigned");
    ASSERT_EQ(publisher_.del("/api/v1/deals/" + deal_id + "/licenses/basic?force=true").status, 204);
    const auto trashed = publisher_.get("/api/v1/deals/" + deal_id + "/licenses");
    ASSERT_EQ(trashed.json().at("items").as_array().size(), 1U);
    EXPECT_FALSE(trashed.json().at("items").at(0).at("active").as_bool());
    EXPECT_TRUE(customer.get("/api/v1/tenant/licenses").json().at("items").as_array().empty());
}

// A deal grants licenses only for the plans it names (a review granted premium on a deal for basic).
TEST_F(SeatLifecycle, LicensesOnlyForThePlansTheDealNames) {
    Client fabrikam(server_.base());
    create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    const std::string deal_id = consented_deal(fabrikam);
    ASSERT_EQ(publisher_.patch("/api/v1/deals/" + deal_id, {{"plan_ids", bj::array{"basic"}}}).status, 200);
    const auto refused =
        publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/premium", R"({"quantity":3})");
    expect_problem(refused, 409, "plan_not_in_deal");
    EXPECT_EQ(refused.str("field"), "plan_id");
    EXPECT_EQ(publisher_.get("/api/v1/deals/" + deal_id + "/licenses").json().at("items").as_array().size(), 0U);
    EXPECT_EQ(fabrikam.get("/api/v1/tenant/licenses").json().at("items").as_array().size(), 0U);
    EXPECT_EQ(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":3})").status,
              200);
}

TEST_F(SeatLifecycle, DealTransitionsAndRoles) {
    const auto deal = publisher_.post("/api/v1/deals", deal_request("crm"));
    ASSERT_EQ(deal.status, 201);
    const std::string path = "/api/v1/deals/" + deal.str("id");
    expect_problem(publisher_.patch(path, {{"state", "won"}}), 409, "deal_transition");
    ASSERT_EQ(publisher_.patch(path, {{"state", "in_progress"}}).status, 200);
    ASSERT_EQ(publisher_.patch(path, {{"state", "won"}}).status, 200);
    const auto reopened = publisher_.patch(path, {{"state", "in_progress"}});
    expect_problem(reopened, 409, "deal_transition");
    EXPECT_NE(reopened.str("detail").find("final"), std::string::npos);
    expect_problem(publisher_.patch(path, {{"seats", 30}}), 409, "deal_closed");
    expect_problem(publisher_.patch(path, {{"state", "sold"}}), 422, "enum");
    expect_problem(publisher_.get("/api/v1/deals?state=sold"), 422, "enum");

    // Bad input names the field.
    bj::object bad = deal_request("crm");
    bad["close_date"] = "2026-02-30";
    expect_problem(publisher_.post("/api/v1/deals", bad), 422, "date");
    bad = deal_request("crm");
    bad["plan_ids"] = bj::array{"gold"};
    const auto unknown_plan = publisher_.post("/api/v1/deals", bad);
    expect_problem(unknown_plan, 422, "unknown_plan");
    EXPECT_EQ(unknown_plan.str("field"), "plan_ids[0]");
    bad = deal_request("crm");
    bad["value"] = 10.001;
    expect_problem(publisher_.post("/api/v1/deals", bad), 422, "decimals");
    bad = deal_request("crm");
    bad["customer"].as_object()["domain"] = "not a domain";
    expect_problem(publisher_.post("/api/v1/deals", bad), 422, "domain");

    // Only global and account admins manage licensing.
    for (const char* role : {"developer", "viewer"}) {
        ASSERT_EQ(publisher_
                      .post("/api/v1/users", {{"email", std::string(role) + "@contoso.example"},
                                              {"password", "password-123456"},
                                              {"role", role}})
                      .status,
                  201);
        Client staff(server_.base());
        ASSERT_EQ(staff.login(std::string(role) + "@contoso.example", "password-123456").status, 200);
        expect_problem(staff.get("/api/v1/deals"), 403, "forbidden");
        expect_problem(staff.post("/api/v1/deals", deal_request("crm")), 403, "forbidden");
        expect_problem(staff.post(path + "/invitations", {{"email", "x@fabrikam.example"}}), 403, "forbidden");
    }
}

TEST_F(SeatLifecycle, InvitationLinksAreSingleUseExpiringAndBoundToTheInvitedDomain) {
    const auto deal = publisher_.post("/api/v1/deals", deal_request("crm"));
    const std::string deal_id = deal.str("id");
    const auto invite =
        publisher_.post("/api/v1/deals/" + deal_id + "/invitations", {{"email", "admin@fabrikam.example"}});
    const std::string token = token_of(invite.str("invitation_url"));

    // Forged and truncated tokens.
    expect_problem(anonymous_.get("/api/v1/invitations/" + std::string(43, 'A')), 404, "not_found");
    expect_problem(anonymous_.get("/api/v1/invitations/" + token.substr(0, token.size() - 1)), 404, "not_found");

    // Only a tenant's billing or global admin may answer; a publisher may not; anonymous may not.
    expect_problem(anonymous_.post("/api/v1/invitations/" + token + "/accept"), 401, "unauthenticated");
    expect_problem(publisher_.post("/api/v1/invitations/" + token + "/accept"), 403, "forbidden");
    Client fabrikam(server_.base());
    const std::string tenant = create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    ASSERT_EQ(fabrikam
                  .post("/api/v1/users",
                        {{"email", "lic@fabrikam.example"}, {"password", "password-123456"}, {"role", "license_admin"}})
                  .status,
              201);
    Client license_admin(server_.base());
    ASSERT_EQ(license_admin.login("lic@fabrikam.example", "password-123456").status, 200);
    expect_problem(license_admin.post("/api/v1/invitations/" + token + "/accept"), 403, "forbidden");

    // Another company's admin holding a forwarded link can't bind their tenant.
    Client northwind(server_.base());
    create_tenant("Northwind", "northwind.example", northwind);
    expect_problem(northwind.post("/api/v1/invitations/" + token + "/accept"), 403, "forbidden");

    // A signup error names the signup's own fields.
    const auto nameless = anonymous_.post("/api/v1/invitations/" + token + "/signup",
                                          {{"tenant_name", " "}, {"password", "fabrikam-pass-1"}});
    expect_problem(nameless, 422, "required");
    EXPECT_EQ(nameless.str("field"), "tenant_name");

    // Decline uses the link up.
    ASSERT_EQ(fabrikam.post("/api/v1/invitations/" + token + "/decline").status, 200);
    expect_problem(fabrikam.post("/api/v1/invitations/" + token + "/accept"), 409, "invitation_used");
    EXPECT_EQ(anonymous_.get("/api/v1/invitations/" + token).str("state"), "declined");
    EXPECT_TRUE(publisher_.get("/api/v1/customers").json().at("items").as_array().empty());

    // An expired link.
    TestServer short_lived([](app::Config& c) { c.settings.invitation_ttl_ms = 1; });
    short_lived.create_publisher("contoso");
    Client p(short_lived.base());
    ASSERT_EQ(p.login("admin@contoso.example", "password-contoso-1").status, 200);
    publish_live_offer(p, "contoso", "crm");
    const auto d = p.post("/api/v1/deals", deal_request("crm"));
    const auto late = p.post("/api/v1/deals/" + d.str("id") + "/invitations", {{"email", "admin@fabrikam.example"}});
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    Client anyone(short_lived.base());
    EXPECT_EQ(anyone.get("/api/v1/invitations/" + token_of(late.str("invitation_url"))).str("state"), "expired");
    expect_problem(anyone.post("/api/v1/invitations/" + token_of(late.str("invitation_url")) + "/signup",
                               {{"tenant_name", "Fabrikam"}, {"password", "fabrikam-pass-1"}}),
                   409, "invitation_expired");
    (void)tenant;
}

// Issue 11, finding 1: whoever holds the link (the publisher's staff too) could sign up as the customer and
// claim domains. A sign-up now needs the code mailed to the invited address, and registers that address's
// domain only.
TEST_F(SeatLifecycle, SignUpNeedsTheCodeMailedToTheInvitedAddress) {
    const auto deal = publisher_.post("/api/v1/deals", deal_request("crm"));
    const auto invite =
        publisher_.post("/api/v1/deals/" + deal.str("id") + "/invitations", {{"email", "billing@fabrikam.example"}});
    const std::string token = token_of(invite.str("invitation_url"));
    const std::string signup = "/api/v1/invitations/" + token + "/signup";
    const bj::object form{{"tenant_name", "Fabrikam"}, {"password", "fabrikam-pass-1"}};
    auto with_code = [&](const std::string& code) {
        bj::object f = form;
        f["code"] = code;
        return f;
    };
    auto nothing_created = [&] {
        EXPECT_EQ(Client(server_.base()).login("billing@fabrikam.example", "fabrikam-pass-1").status, 401);
        EXPECT_EQ(anonymous_.get("/api/v1/invitations/" + token).str("state"), "pending");
    };

    // No code, or a code before one was mailed: refused, naming the field.
    auto r = publisher_.post(signup, form);
    expect_problem(r, 422, "required");
    EXPECT_EQ(r.str("field"), "code");
    r = publisher_.post(signup, with_code("12345678"));
    expect_problem(r, 422, "code_required");
    EXPECT_EQ(r.str("field"), "code");
    // Extra domains are no longer claimed at sign-up.
    bj::object claim = with_code("12345678");
    claim["domains"] = bj::array{"northwind.example"};
    r = anonymous_.post(signup, claim);
    expect_problem(r, 422, "not_allowed");
    EXPECT_EQ(r.str("field"), "domains");

    // The publisher may ask for a code: it goes to the invited mailbox, never into an answer.
    r = publisher_.post("/api/v1/invitations/" + token + "/signup-code");
    ASSERT_EQ(r.status, 202) << r.body;
    EXPECT_TRUE(r.body.empty()) << r.body;
    const std::string code = mailed_signup_code(server_, "billing@fabrikam.example");
    ASSERT_EQ(code.size(), 8U);
    // A second one within the minute is refused (mail bombing); the first stays valid.
    expect_problem(anonymous_.post("/api/v1/invitations/" + token + "/signup-code"), 429, "rate_limited");

    // Wrong codes use up tries; the message counts them down.
    const std::string wrong = code == "00000000" ? "11111111" : "00000000";
    r = publisher_.post(signup, with_code(wrong));
    expect_problem(r, 422, "code_mismatch");
    EXPECT_EQ(r.str("field"), "code");
    EXPECT_NE(r.str("detail").find("4 tries left"), std::string::npos) << r.body;
    nothing_created();

    // Other fields are checked before the code, so fixing them costs no try.
    bj::object blank = with_code(wrong);
    blank["tenant_name"] = " ";
    r = anonymous_.post(signup, blank);
    expect_problem(r, 422, "required");
    EXPECT_EQ(r.str("field"), "tenant_name");

    // The right code, as typed with a space: the tenant has the invited address's domain and nothing else.
    Client customer(server_.base());
    r = customer.post(signup, with_code(code.substr(0, 4) + " " + code.substr(4)));
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_EQ(customer.login("billing@fabrikam.example", "fabrikam-pass-1").status, 200);
    const auto tenant = customer.get("/api/v1/tenant");
    ASSERT_EQ(tenant.status, 200) << tenant.body;
    EXPECT_EQ(bj::serialize(tenant.json().at("domains")), R"(["fabrikam.example"])");
    // A code works once.
    expect_problem(anonymous_.post(signup, with_code(code)), 422, "code_required");
}

TEST(SignUpCode, FiveWrongTriesVoidTheCode) {
    TestServer server([](app::Config& c) { c.settings.signup_code_interval_ms = 0; });
    server.create_publisher("contoso");
    Client publisher(server.base());
    ASSERT_EQ(publisher.login("admin@contoso.example", "password-contoso-1").status, 200);
    publish_live_offer(publisher, "contoso", "crm");
    const auto deal = publisher.post("/api/v1/deals", deal_request("crm"));
    const auto invite =
        publisher.post("/api/v1/deals/" + deal.str("id") + "/invitations", {{"email", "billing@fabrikam.example"}});
    const std::string token = token_of(invite.str("invitation_url"));
    Client anyone(server.base());
    ASSERT_EQ(anyone.post("/api/v1/invitations/" + token + "/signup-code").status, 202);
    const std::string code = mailed_signup_code(server, "billing@fabrikam.example");
    ASSERT_EQ(code.size(), 8U);
    auto attempt = [&](const std::string& c) {
        return anyone.post("/api/v1/invitations/" + token + "/signup",
                           {{"tenant_name", "Fabrikam"}, {"password", "fabrikam-pass-1"}, {"code", c}});
    };
    const std::string wrong = code == "00000000" ? "11111111" : "00000000";
    for (int i = 0; i < 5; ++i) expect_problem(attempt(wrong), 422, "code_mismatch");
    // Guessing ends: even the right code no longer works.
    expect_problem(attempt(code), 422, "code_expired");
    // A new code replaces it and works.
    ASSERT_EQ(anyone.post("/api/v1/invitations/" + token + "/signup-code").status, 202);
    const std::string fresh = mailed_signup_code(server, "billing@fabrikam.example");
    expect_problem(attempt(fresh == code ? wrong : code), 422, "code_mismatch");
    ASSERT_EQ(attempt(fresh).status, 201);
}

// Further domains start pending and count for nothing until the tenant shows a TXT record in the domain's DNS,
// looked up through a real DNS server (tests/support/dns_server.py).
TEST(TenantDomains, MoreDomainsAreProvenByADnsTxtRecord) {
    DnsServer dns;
    TestServer server([&](app::Config& c) { c.settings.dns_resolver = dns.resolver(); });
    auto& services = server.app().services();
    ASSERT_TRUE(
        service::create_tenant(
            services,
            {"Fabrikam", {"fabrikam.example"}, "admin@fabrikam.example", "password-fabrikam-1", "Fabrikam Admin"})
            .ok());
    ASSERT_TRUE(
        service::create_tenant(
            services,
            {"Northwind", {"northwind.example"}, "admin@northwind.example", "password-northwind-1", "Northwind Admin"})
            .ok());
    Client fabrikam(server.base());
    ASSERT_EQ(fabrikam.login("admin@fabrikam.example", "password-fabrikam-1").status, 200);
    Client northwind(server.base());
    ASSERT_EQ(northwind.login("admin@northwind.example", "password-northwind-1").status, 200);

    // Both claim the same domain: a claim blocks nobody.
    auto added = fabrikam.post("/api/v1/tenant/domains", {{"domain", "Contoso-Sales.example"}});
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.str("domain"), "contoso-sales.example");
    EXPECT_EQ(added.str("state"), "pending");
    const std::string record = added.str("txt_record");
    EXPECT_TRUE(record.starts_with("seatkeeper-verification=")) << record;
    const auto rival = northwind.post("/api/v1/tenant/domains", {{"domain", "contoso-sales.example"}});
    ASSERT_EQ(rival.status, 201) << rival.body;
    EXPECT_NE(rival.str("txt_record"), record);
    expect_problem(fabrikam.post("/api/v1/tenant/domains", {{"domain", "contoso-sales.example"}}), 409, "duplicate");
    expect_problem(fabrikam.post("/api/v1/tenant/domains", {{"domain", "northwind.example"}}), 409, "duplicate");
    const auto bad = fabrikam.post("/api/v1/tenant/domains", {{"domain", "not a domain"}});
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(bad.str("field"), "domain");

    // Pending counts for nothing: its users can't be given seats, and GET /tenant lists verified ones only.
    const auto early = fabrikam.post("/api/v1/tenant/users", {{"upn", "ada@contoso-sales.example"}});
    expect_problem(early, 422, "foreign_domain");
    EXPECT_EQ(bj::serialize(fabrikam.get("/api/v1/tenant").json().at("domains")), R"(["fabrikam.example"])");

    // No record yet, then the wrong one: 409 saying what was found.
    auto verify = fabrikam.post("/api/v1/tenant/domains/contoso-sales.example/verify");
    expect_problem(verify, 409, "dns_record_missing");
    EXPECT_NE(verify.str("detail").find("no TXT records"), std::string::npos) << verify.body;
    dns.set_txt("contoso-sales.example", {"v=spf1 -all", rival.str("txt_record")});
    verify = fabrikam.post("/api/v1/tenant/domains/contoso-sales.example/verify");
    expect_problem(verify, 409, "dns_record_missing");
    EXPECT_NE(verify.str("detail").find("v=spf1 -all"), std::string::npos) << verify.body;

    // Only a global admin manages domains.
    ASSERT_EQ(fabrikam
                  .post("/api/v1/users",
                        {{"email", "lic@fabrikam.example"}, {"password", "password-123456"}, {"role", "license_admin"}})
                  .status,
              201);
    Client license_admin(server.base());
    ASSERT_EQ(license_admin.login("lic@fabrikam.example", "password-123456").status, 200);
    expect_problem(license_admin.post("/api/v1/tenant/domains", {{"domain", "other.example"}}), 403, "forbidden");
    expect_problem(license_admin.post("/api/v1/tenant/domains/contoso-sales.example/verify"), 403, "forbidden");
    EXPECT_EQ(license_admin.get("/api/v1/tenant/domains").status, 200);

    // The tenant's record, among others: verified. Its users count now; the rival's claim is gone.
    dns.set_txt("contoso-sales.example", {"v=spf1 -all", record, rival.str("txt_record")});
    verify = fabrikam.post("/api/v1/tenant/domains/contoso-sales.example/verify");
    ASSERT_EQ(verify.status, 200) << verify.body;
    EXPECT_EQ(verify.str("state"), "verified");
    EXPECT_TRUE(verify.json().at("txt_record").is_null());
    EXPECT_EQ(fabrikam.post("/api/v1/tenant/users", {{"upn", "ada@contoso-sales.example"}}).status, 201);
    const auto mine = fabrikam.get("/api/v1/tenant/domains");
    ASSERT_EQ(mine.json().at("items").as_array().size(), 2U) << mine.body;
    EXPECT_EQ(bj::serialize(fabrikam.get("/api/v1/tenant").json().at("domains")),
              R"(["fabrikam.example","contoso-sales.example"])");
    const auto theirs = northwind.get("/api/v1/tenant/domains");
    ASSERT_EQ(theirs.json().at("items").as_array().size(), 1U) << theirs.body;
    expect_problem(northwind.post("/api/v1/tenant/domains/contoso-sales.example/verify"), 404, "not_found");

    // A pending domain can be withdrawn; a verified one stays.
    ASSERT_EQ(northwind.post("/api/v1/tenant/domains", {{"domain", "northwind-eu.example"}}).status, 201);
    EXPECT_EQ(northwind.del("/api/v1/tenant/domains/northwind-eu.example").status, 204);
    EXPECT_EQ(northwind.get("/api/v1/tenant/domains").json().at("items").as_array().size(), 1U);
    expect_problem(northwind.del("/api/v1/tenant/domains/northwind.example"), 409, "domain_verified");
    expect_problem(northwind.del("/api/v1/tenant/domains/fabrikam.example"), 404, "not_found");
}

TEST_F(SeatLifecycle, GroupsTakeOneSeatPerMember) {
    Client fabrikam(server_.base());
    create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    const std::string deal_id = consented_deal(fabrikam);
    ASSERT_EQ(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/premium", R"({"quantity":3})").status,
              200);

    const auto group =
        fabrikam.post("/api/v1/tenant/groups",
                      {{"name", "Sales"}, {"members", bj::array{"a@fabrikam.example", "b@fabrikam.example"}}});
    ASSERT_EQ(group.status, 201) << group.body;
    const std::string gid = group.str("id");
    const std::string assignments = "/api/v1/tenant/licenses/contoso.crm.premium/assignments";
    const auto assigned = fabrikam.post(assignments, {{"groups", bj::array{gid}}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    EXPECT_EQ(assigned.json().at("license").at("assigned").as_int64(), 2);
    // A third member takes the last seat; a fourth is refused and nothing changes.
    ASSERT_EQ(fabrikam.post("/api/v1/tenant/groups/" + gid + "/members", {{"members", bj::array{"c@fabrikam.example"}}})
                  .status,
              200);
    expect_problem(
        fabrikam.post("/api/v1/tenant/groups/" + gid + "/members", {{"members", bj::array{"d@fabrikam.example"}}}), 409,
        "over_capacity");
    EXPECT_EQ(fabrikam.get("/api/v1/tenant/groups/" + gid).json().at("members").as_array().size(), 3U);
    // A seat held through the group can't be unassigned directly; leaving the group gives it back.
    expect_problem(fabrikam.del(assignments + "/a@fabrikam.example"), 409, "assigned_through_group");
    ASSERT_EQ(fabrikam.del("/api/v1/tenant/groups/" + gid + "/members/a@fabrikam.example").status, 204);
    EXPECT_EQ(fabrikam.get(assignments).json().at("license").at("available").as_int64(), 1);
    // Unassigning the group frees the members' seats.
    ASSERT_EQ(fabrikam.del("/api/v1/tenant/licenses/contoso.crm.premium/groups/" + gid).status, 204);
    EXPECT_EQ(fabrikam.get(assignments).json().at("license").at("assigned").as_int64(), 0);

    // Deleting a group hands back its seats; a member also in another assigned group keeps a seat through it.
    ASSERT_EQ(fabrikam.post(assignments, {{"groups", bj::array{gid}}}).status, 200);  // b, c
    const auto support =
        fabrikam.post("/api/v1/tenant/groups", {{"name", "Support"}, {"members", bj::array{"c@fabrikam.example"}}});
    ASSERT_EQ(support.status, 201) << support.body;
    ASSERT_EQ(fabrikam.post(assignments, {{"groups", bj::array{support.str("id")}}}).status, 200);
    EXPECT_EQ(fabrikam.get(assignments).json().at("license").at("assigned").as_int64(), 2);
    ASSERT_EQ(fabrikam.del("/api/v1/tenant/groups/" + gid).status, 204);
    expect_problem(fabrikam.get("/api/v1/tenant/groups/" + gid), 404, "not_found");
    expect_problem(fabrikam.del("/api/v1/tenant/groups/" + gid), 404, "not_found");
    const auto left = fabrikam.get(assignments).json();
    EXPECT_EQ(left.at("license").at("assigned").as_int64(), 1);
    const auto& items = left.at("items").as_array();
    ASSERT_EQ(items.size(), 1U);
    EXPECT_EQ(items.at(0).at("upn").as_string(), "c@fabrikam.example");
    EXPECT_EQ(items.at(0).at("group_id").as_string(), support.str("id"));
}

TEST_F(SeatLifecycle, AssignmentIsAllOrNothingAndStaysInTheTenantsDomains) {
    Client fabrikam(server_.base());
    create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    const std::string deal_id = consented_deal(fabrikam);
    ASSERT_EQ(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":5})").status,
              200);
    const std::string assignments = "/api/v1/tenant/licenses/contoso.crm.basic/assignments";
    const auto foreign =
        fabrikam.post(assignments, {{"users", bj::array{"a@fabrikam.example", "eve@contoso.example"}}});
    expect_problem(foreign, 422, "foreign_domain");
    EXPECT_EQ(foreign.str("field"), "users[1]");
    const auto malformed = fabrikam.post(assignments, {{"users", bj::array{"not an upn"}}});
    expect_problem(malformed, 422, "upn");
    // Nothing of the refused requests was written: no seat, no directory entry.
    EXPECT_EQ(fabrikam.get(assignments).json().at("license").at("assigned").as_int64(), 0);
    EXPECT_TRUE(fabrikam.get("/api/v1/tenant/users").json().at("items").as_array().empty());
    const auto six = fabrikam.post(
        assignments, {{"users", bj::array{"u1@fabrikam.example", "u2@fabrikam.example", "u3@fabrikam.example",
                                          "u4@fabrikam.example", "u5@fabrikam.example", "u6@fabrikam.example"}}});
    expect_problem(six, 409, "over_capacity");
    EXPECT_EQ(fabrikam.get(assignments).json().at("license").at("assigned").as_int64(), 0);
    // Assigning someone twice takes one seat.
    ASSERT_EQ(fabrikam.post(assignments, {{"users", bj::array{"u1@fabrikam.example", "U1@fabrikam.example"}}}).status,
              200);
    EXPECT_EQ(fabrikam.get(assignments).json().at("license").at("assigned").as_int64(), 1);

    // CSV import: all rows or none, the error names the line.
    const auto bad_csv = fabrikam.request("POST", "/api/v1/tenant/users/import",
                                          "upn,display_name\nv1@fabrikam.example,Vee One\nv2@elsewhere.example,Vee\n",
                                          {{"Content-Type", "text/csv"}});
    expect_problem(bad_csv, 422, "foreign_domain");
    EXPECT_EQ(bad_csv.str("field"), "csv line 3");
    const auto good_csv =
        fabrikam.request("POST", "/api/v1/tenant/users/import",
                         "upn,display_name\nv1@fabrikam.example,Vee One\n\"v2@fabrikam.example\",\"Vee, Two\"\n",
                         {{"Content-Type", "text/csv"}});
    ASSERT_EQ(good_csv.status, 200) << good_csv.body;
    EXPECT_EQ(good_csv.json().at("added").as_int64(), 2);
}

TEST_F(SeatLifecycle, ConcurrentAssignmentsOnTwoNodesNeverOversubscribe) {
    Client fabrikam(server_.base());
    const std::string tenant = create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    const std::string deal_id = consented_deal(fabrikam);
    constexpr int kQuantity = 25;
    constexpr int kRequests = 240;
    ASSERT_EQ(publisher_
                  .request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic",
                           "{\"quantity\":" + std::to_string(kQuantity) + "}")
                  .status,
              200);
    const auto key = fabrikam.post("/api/v1/api-keys", {{"role", "license_admin"}, {"name", "load"}});
    ASSERT_EQ(key.status, 201) << key.body;
    const std::string load_key = key.str("key");  // read once here: HttpResponse parses lazily, for one thread
    // A second node on the same database (the SQLite file or the PostgreSQL database of this backend), with the
    // same master key, as every node has.
    const std::string database = server_.app().config().database;
    TestServer second([&](app::Config& c) {
        c.database = database;
        c.secrets = server_.app().config().secrets;
        c.server.threads = 4;
    });

    std::atomic<int> ok{0};
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&, t] {
            Client client(t % 2 == 0 ? server_.base() : second.base());
            client.use_api_key(load_key);
            for (int i = t; i < kRequests; i += 16) {
                const auto r = client.post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                                           {{"users", bj::array{"user" + std::to_string(i) + "@fabrikam.example"}}});
                if (r.status == 200) {
                    ++ok;
                } else if (r.status == 409) {
                    ++refused;
                } else {
                    ++other;
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), kQuantity);
    EXPECT_EQ(refused.load(), kRequests - kQuantity);
    EXPECT_EQ(other.load(), 0);
    const auto list = fabrikam.get("/api/v1/tenant/licenses/contoso.crm.basic/assignments");
    EXPECT_EQ(list.json().at("items").as_array().size(), static_cast<std::size_t>(kQuantity));
    EXPECT_EQ(list.json().at("license").at("assigned").as_int64(), kQuantity);
    (void)tenant;
}

TEST_F(SeatLifecycle, NobodyReadsOrChangesAnothersDealsLicensesOrSeats) {
    Client fabrikam(server_.base());
    create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    const std::string deal_id = consented_deal(fabrikam);
    ASSERT_EQ(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":2})").status,
              200);
    ASSERT_EQ(
        fabrikam
            .post("/api/v1/tenant/licenses/contoso.crm.basic/assignments", {{"users", bj::array{"a@fabrikam.example"}}})
            .status,
        200);

    // Another publisher: the deal and its licenses are absent.
    server_.create_publisher("litware");
    Client litware(server_.base());
    ASSERT_EQ(litware.login("admin@litware.example", "password-litware-1").status, 200);
    expect_problem(litware.get("/api/v1/deals/" + deal_id), 404, "not_found");
    expect_problem(litware.get("/api/v1/deals/" + deal_id + "/licenses"), 404, "not_found");
    expect_problem(litware.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":9})"), 404,
                   "not_found");
    expect_problem(litware.del("/api/v1/deals/" + deal_id + "/licenses/basic"), 404, "not_found");
    expect_problem(litware.post("/api/v1/deals/" + deal_id + "/invitations", {{"email", "x@fabrikam.example"}}), 404,
                   "not_found");
    EXPECT_TRUE(litware.get("/api/v1/deals").json().at("items").as_array().empty());
    EXPECT_TRUE(litware.get("/api/v1/customers").json().at("items").as_array().empty());
    const auto feed = litware.get("/api/v1/events?limit=1000").json().at("items").as_array();
    for (const auto& e : feed) EXPECT_NE(e.at("type"), "seat.assigned");

    // Another tenant: no licenses, no seats, can't assign or unassign the other's.
    Client northwind(server_.base());
    create_tenant("Northwind", "northwind.example", northwind);
    EXPECT_TRUE(northwind.get("/api/v1/tenant/licenses").json().at("items").as_array().empty());
    expect_problem(northwind.get("/api/v1/tenant/licenses/contoso.crm.basic/assignments"), 404, "not_found");
    expect_problem(northwind.post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                                  {{"users", bj::array{"n@northwind.example"}}}),
                   404, "not_found");
    expect_problem(northwind.del("/api/v1/tenant/licenses/contoso.crm.basic/assignments/a@fabrikam.example"), 404,
                   "not_found");
    EXPECT_TRUE(northwind.get("/api/v1/tenant/users").json().at("items").as_array().empty());
    const auto tenant_feed = northwind.get("/api/v1/events?limit=1000").json().at("items").as_array();
    for (const auto& e : tenant_feed) EXPECT_NE(e.at("type"), "seat.assigned");

    // Publisher and tenant routes don't mix.
    expect_problem(fabrikam.get("/api/v1/deals"), 403, "forbidden");
    expect_problem(fabrikam.get("/api/v1/offers"), 403, "forbidden");
    expect_problem(publisher_.get("/api/v1/tenant/licenses"), 403, "forbidden");
    // The tenant's own feed shows its seat; the publisher's too (for its own service IDs).
    EXPECT_EQ(
        fabrikam.get("/api/v1/tenant/licenses/contoso.crm.basic/assignments").json().at("items").as_array().size(), 1U);
}

// Issue 11, finding 2: the change feed shows each role only the event types its routes show it; viewers and
// developers read no deals, invitations, licenses or seats through it, only a global admin reads API keys.
TEST_F(SeatLifecycle, TheFeedShowsEachRoleOnlyWhatItsRoutesShowIt) {
    Client fabrikam(server_.base());
    create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    const std::string deal_id = consented_deal(fabrikam);
    ASSERT_EQ(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":2})").status,
              200);
    ASSERT_EQ(
        fabrikam
            .post("/api/v1/tenant/licenses/contoso.crm.basic/assignments", {{"users", bj::array{"a@fabrikam.example"}}})
            .status,
        200);
    ASSERT_EQ(publisher_.post("/api/v1/api-keys", {{"role", "app"}, {"name", "crm app"}}).status, 201);
    ASSERT_EQ(fabrikam.post("/api/v1/api-keys", {{"role", "license_admin"}, {"name", "sync"}}).status, 201);

    // Signs in a new user of the account behind `admin` with `role`.
    const auto user = [&](Client& admin, const std::string& role, const std::string& domain) {
        const std::string email = role + "@" + domain;
        const auto created =
            admin.post("/api/v1/users", {{"email", email}, {"password", "password-123456"}, {"role", role}});
        EXPECT_EQ(created.status, 201) << created.body;
        auto client = std::make_unique<Client>(server_.base());
        EXPECT_EQ(client->login(email, "password-123456").status, 200);
        return client;
    };
    // The families (the part of the type before the dot) of every event `client` reads in its feed.
    const auto families = [](Client& client) {
        const auto feed = client.get("/api/v1/events?limit=1000");
        EXPECT_EQ(feed.status, 200) << feed.body;
        std::set<std::string> out;
        for (const auto& e : feed.json().at("items").as_array()) {
            const std::string type(e.at("type").as_string());
            out.insert(type.substr(0, type.find('.')));
        }
        return out;
    };

    const std::set<std::string> licensing{"deal", "invitation", "license", "seat"};
    const auto everything = families(publisher_);
    for (const auto& f : licensing) EXPECT_TRUE(everything.contains(f)) << f;
    EXPECT_TRUE(everything.contains("api_key"));
    for (const char* role : {"viewer", "developer", "account_admin"}) {
        SCOPED_TRACE(role);
        const auto staff = user(publisher_, role, "contoso.example");
        const auto seen = families(*staff);
        EXPECT_TRUE(seen.contains("offer"));
        EXPECT_TRUE(seen.contains("plan"));
        for (const auto& f : licensing) EXPECT_EQ(seen.contains(f), std::string(role) == "account_admin") << f;
        EXPECT_FALSE(seen.contains("api_key"));
    }

    const auto tenant_everything = families(fabrikam);
    EXPECT_TRUE(tenant_everything.contains("seat"));
    EXPECT_TRUE(tenant_everything.contains("api_key"));
    const auto license_admin = user(fabrikam, "license_admin", "fabrikam.example");
    const auto seen = families(*license_admin);
    EXPECT_TRUE(seen.contains("seat"));
    EXPECT_TRUE(seen.contains("license"));
    EXPECT_FALSE(seen.contains("api_key"));
}

// The feed shows each change of the customer side as the event contract writes it (domain/events.hpp,
// docs/openapi.yaml's *Snapshot schemas): type, subject, both ids and the exact payload. Every event the server
// wrote reads back through the typed contract unchanged.
TEST_F(SeatLifecycle, TheFeedShowsEachChangeWithItsSnapshot) {
    Client fabrikam(server_.base());
    const std::string tenant = create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    const std::string deal_id = consented_deal(fabrikam);
    ASSERT_EQ(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":3})").status,
              200);
    const auto group =
        fabrikam.post("/api/v1/tenant/groups", {{"name", "Sales"}, {"members", bj::array{"b@fabrikam.example"}}});
    ASSERT_EQ(group.status, 201) << group.body;
    const std::string gid = group.str("id");
    const std::string assignments = "/api/v1/tenant/licenses/contoso.crm.basic/assignments";
    ASSERT_EQ(
        fabrikam.post(assignments, {{"users", bj::array{"a@fabrikam.example"}}, {"groups", bj::array{gid}}}).status,
        200);
    ASSERT_EQ(fabrikam.del(assignments + "/a@fabrikam.example").status, 204);
    const auto install =
        fabrikam.post("/api/v1/tenant/installations", {{"offer", "contoso.crm"}, {"environment", "Test"}});
    ASSERT_EQ(install.status, 201) << install.body;

    const auto feed = fabrikam.get("/api/v1/events?limit=1000").json().at("items").as_array();
    // The one event of `type` about `subject`, as {publisher_id, tenant_id, payload}.
    const auto event = [&](const std::string& type, const std::string& subject) {
        std::vector<bj::value> found;
        for (const auto& e : feed) {
            if (e.at("type") == type.c_str() && e.at("subject") == subject.c_str()) {
                found.push_back(bj::object{{"publisher_id", e.at("publisher_id")},
                                           {"tenant_id", e.at("tenant_id")},
                                           {"payload", e.at("payload")}});
            }
        }
        EXPECT_EQ(found.size(), 1U) << type << " " << subject;
        return found.empty() ? std::string() : bj::serialize(found.front());
    };
    const std::string t = "\"" + tenant + "\"";
    const std::string seats = "tenants/" + tenant + "/licenses/contoso.crm.basic";
    EXPECT_EQ(event("relationship.created", "relationships/" + tenant),
              R"({"publisher_id":"contoso","tenant_id":)" + t +
                  R"(,"payload":{"before":null,"after":{"publisher_id":"contoso","tenant_id":)" + t + "}}}");
    EXPECT_EQ(event("license.granted", "deals/" + deal_id + "/licenses/basic"),
              R"({"publisher_id":"contoso","tenant_id":)" + t + R"(,"payload":{"before":null,"after":{"deal_id":")" +
                  deal_id + R"(","tenant_id":)" + t +
                  R"(,"service_id":"contoso.crm.basic","plan_id":"basic","offer_id":"crm","quantity":3,"active":true,)"
                  R"("term":null,"suspension_reason":null,"status":"active","site":false,"trial":false}}})");
    EXPECT_EQ(event("group.assigned", seats + "/groups/" + gid),
              R"({"publisher_id":null,"tenant_id":)" + t + R"(,"payload":{"before":null,"after":{"group_id":")" + gid +
                  R"(","service_id":"contoso.crm.basic"}}})");
    EXPECT_EQ(event("seat.assigned", seats + "/seats/b@fabrikam.example"),
              R"({"publisher_id":"contoso","tenant_id":)" + t + R"(,"payload":{"before":null,"after":{"tenant_id":)" +
                  t + R"(,"service_id":"contoso.crm.basic","upn":"b@fabrikam.example","plan_id":"basic","group_id":")" +
                  gid + R"("}}})");
    EXPECT_EQ(
        event("seat.unassigned", seats + "/seats/a@fabrikam.example"),
        R"({"publisher_id":"contoso","tenant_id":)" + t + R"(,"payload":{"before":{"tenant_id":)" + t +
            R"(,"service_id":"contoso.crm.basic","upn":"a@fabrikam.example","plan_id":"basic","group_id":null},"after":null}})");
    EXPECT_EQ(event("group.created", "tenants/" + tenant + "/groups/" + gid),
              R"({"publisher_id":null,"tenant_id":)" + t + R"(,"payload":{"before":null,"after":{"id":")" + gid +
                  R"(","name":"Sales","members":[]}}})");
    EXPECT_EQ(event("group.member_added", "tenants/" + tenant + "/groups/" + gid),
              R"({"publisher_id":null,"tenant_id":)" + t + R"(,"payload":{"before":null,"after":{"group_id":")" + gid +
                  R"(","upn":"b@fabrikam.example"}}})");
    EXPECT_EQ(event("installation.created", "tenants/" + tenant + "/installations/" + install.str("id")),
              R"({"publisher_id":"contoso","tenant_id":)" + t + R"(,"payload":{"before":null,"after":{"id":")" +
                  install.str("id") + R"(","offer":"contoso.crm","environment":"Test","tenant_id":)" + t + "}}}");

    ASSERT_FALSE(feed.empty());
    for (const auto& e : feed) {
        const std::string type(e.at("type").as_string());
        const std::string payload = bj::serialize(e.at("payload"));
        const auto read =
            domain::parse_event(type, std::string(e.at("subject").as_string()),
                                e.at("tenant_id").is_null() ? "" : std::string(e.at("tenant_id").as_string()), payload);
        ASSERT_TRUE(read.ok()) << type << ": " << read.status().field() << " " << read.status().message();
        EXPECT_EQ(bj::serialize(domain::payload_json(*read)), payload) << type;
    }
}

TEST_F(SeatLifecycle, GetItNowInstallsForTenantsWithLicensesOrWhenTheOfferAllowsIt) {
    Client fabrikam(server_.base());
    create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    // A license-managed offer without install-without-license: needs licenses first.
    expect_problem(
        fabrikam.post("/api/v1/tenant/installations", {{"offer", "contoso.crm"}, {"environment", "Production"}}), 409,
        "needs_license");
    const std::string deal_id = consented_deal(fabrikam);
    ASSERT_EQ(publisher_.request("PUT", "/api/v1/deals/" + deal_id + "/licenses/basic", R"({"quantity":1})").status,
              200);
    const auto installed =
        fabrikam.post("/api/v1/tenant/installations", {{"offer", "contoso.crm"}, {"environment", "Production"}});
    ASSERT_EQ(installed.status, 201) << installed.body;
    expect_problem(
        fabrikam.post("/api/v1/tenant/installations", {{"offer", "contoso.crm"}, {"environment", "Production"}}), 409,
        "duplicate");
    expect_problem(fabrikam.post("/api/v1/tenant/installations", {{"offer", "contoso.nope"}}), 404, "not_found");
    EXPECT_EQ(fabrikam.get("/api/v1/tenant/installations").json().at("items").as_array().size(), 1U);
    const auto seen = publisher_.get("/api/v1/installations");
    ASSERT_EQ(seen.json().at("items").as_array().size(), 1U);
    EXPECT_EQ(seen.json().at("items").at(0).at("tenant_name"), "Fabrikam");
}

TEST_F(SeatLifecycle, AClosedDealGrantsNothing) {
    Client fabrikam(server_.base());
    create_tenant("Fabrikam", "fabrikam.example", fabrikam);
    // A withdrawn deal's invitation can no longer be accepted.
    const auto deal = publisher_.post("/api/v1/deals", deal_request("crm"));
    const std::string path = "/api/v1/deals/" + deal.str("id");
    const auto invite = publisher_.post(path + "/invitations", {{"email", "admin@fabrikam.example"}});
    ASSERT_EQ(publisher_.patch(path, {{"state", "withdrawn"}}).status, 200);
    expect_problem(fabrikam.post("/api/v1/invitations/" + token_of(invite.str("invitation_url")) + "/accept"), 409,
                   "deal_closed");
    EXPECT_TRUE(publisher_.get("/api/v1/customers").json().at("items").as_array().empty());

    // A deal with active licenses can't be lost until they are trashed.
    const std::string live = "/api/v1/deals/" + consented_deal(fabrikam);
    ASSERT_EQ(publisher_.request("PUT", live + "/licenses/basic", R"({"quantity":2})").status, 200);
    expect_problem(publisher_.patch(live, {{"state", "lost"}}), 409, "licenses_active");
    ASSERT_EQ(publisher_.del(live + "/licenses/basic").status, 204);
    ASSERT_EQ(publisher_.patch(live, {{"state", "lost"}}).status, 200);
    expect_problem(publisher_.request("PUT", live + "/licenses/basic", R"({"quantity":2})"), 409, "deal_state");
    // A PATCH that changes nothing writes no event.
    const auto before = publisher_.get("/api/v1/events?limit=1000").json().at("items").as_array().size();
    ASSERT_EQ(publisher_.patch(live, {{"state", "lost"}}).status, 200);
    EXPECT_EQ(publisher_.get("/api/v1/events?limit=1000").json().at("items").as_array().size(), before);
}

TEST(InvitationMail, TheInvitedAdminGetsTheLinkByMail) {
    SmtpSink sink;
    TestServer server([&](app::Config& c) {
        c.settings.smtp.url = sink.url();
        c.settings.smtp.from = {"Seatkeeper", "no-reply@seatkeeper.test"};
    });
    server.create_publisher("contoso");
    Client publisher(server.base());
    ASSERT_EQ(publisher.login("admin@contoso.example", "password-contoso-1").status, 200);
    publish_live_offer(publisher, "contoso", "crm");
    const auto deal = publisher.post("/api/v1/deals", deal_request("crm"));
    ASSERT_EQ(deal.status, 201) << deal.body;
    const auto invite =
        publisher.post("/api/v1/deals/" + deal.str("id") + "/invitations", {{"email", "billing@fabrikam.example"}});
    ASSERT_EQ(invite.status, 201) << invite.body;

    const auto messages = sink.wait_for_messages(1);
    ASSERT_EQ(messages.size(), 1U);
    const auto& m = messages.front();
    EXPECT_EQ(bj::serialize(m.at("rcpt_tos")), R"(["billing@fabrikam.example"])");
    const std::string subject(m.at("headers").at("Subject").as_string());
    EXPECT_NE(subject.find("Publisher contoso invites Fabrikam"), std::string::npos) << subject;
    const std::string body(m.at("body").as_string());
    // The mail carries the very link the publisher was shown, and says it expires.
    EXPECT_NE(body.find(invite.str("invitation_url")), std::string::npos) << body;
    EXPECT_NE(body.find("expires"), std::string::npos) << body;
    EXPECT_TRUE(m.at("defects").as_array().empty()) << bj::serialize(m);
    // The outbox says it was sent; it never shows the body (the link is a credential). The sink keeps the
    // message before it answers 250, and the worker records `sent` after that answer: wait for it.
    HttpResponse outbox;
    eventually([&] {
        outbox = publisher.get("/api/v1/mails");
        return outbox.status != 200 || outbox.json().at("items").at(0).at("state") != "pending";
    });
    ASSERT_EQ(outbox.status, 200) << outbox.body;
    EXPECT_EQ(outbox.json().at("items").at(0).at("state"), "sent");
    EXPECT_EQ(outbox.body.find(token_of(invite.str("invitation_url"))), std::string::npos);

    // The sign-up code goes by mail to the invited address only; with it the invited admin signs up.
    const std::string token = token_of(invite.str("invitation_url"));
    ASSERT_EQ(publisher.post("/api/v1/invitations/" + token + "/signup-code").status, 202);
    const auto both = sink.wait_for_messages(2);
    ASSERT_EQ(both.size(), 2U);
    const auto& code_mail = both.back();
    EXPECT_EQ(bj::serialize(code_mail.at("rcpt_tos")), R"(["billing@fabrikam.example"])");
    std::smatch found;
    const std::string code_body(code_mail.at("body").as_string());
    ASSERT_TRUE(std::regex_search(code_body, found, std::regex(R"(\s(\d{8})\s)"))) << code_body;
    const std::string code = found[1].str();
    EXPECT_EQ(publisher.get("/api/v1/mails").body.find(code), std::string::npos);
    Client customer(server.base());
    const auto signed_up =
        customer.post("/api/v1/invitations/" + token + "/signup",
                      {{"tenant_name", "Fabrikam"}, {"password", "fabrikam-pass-1"}, {"code", code}});
    EXPECT_EQ(signed_up.status, 201) << signed_up.body;
}

}  // namespace
}  // namespace seatkeeper::testing
