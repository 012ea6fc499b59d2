// License terms, suspension and renewal over HTTP (issue 14, API.md "License terms, suspension, site licenses,
// trials"): the publisher's calls and their refusals, the status each license row shows (deal and tenant
// views), the check's reason and the token's expiry in each state, and assignments limited to the licenses in
// force. Dates are relative to today (the server's clock), so every state is reached without waiting.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "check/jwt.hpp"
#include "domain/license_term.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "service/offers.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

std::string date(int days_from_today) { return domain::format_day(domain::day_of(now_millis()) + days_from_today); }

bj::object term(int start, int end, int grace = 0) {
    return {{"start_date", date(start)}, {"end_date", date(end)}, {"grace_days", grace}};
}

// One server per test (its own database): contoso.crm (basic) and contoso.field-service (pro, install without
// license). Tenant Fabrikam (fabrikam.example) has a won deal for crm granting 3 basic licenses; ada holds one.
class LicenseTerms : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<TestServer>([](app::Config& c) { c.check.refresh_ms = 60000; });
        tenant_ = add_crm_customer(server_->app().services());
        ASSERT_TRUE(server_->app().runtime().catch_up().ok());
        license_ = "/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/basic";

        publisher_ = std::make_unique<Client>(server_->base());
        publisher_->use_api_key(key(service::system_principal("contoso"), "account_admin"));
        app_ = std::make_unique<Client>(server_->base());
        app_->use_api_key(key(service::system_principal("contoso"), "app"));
        tenant_admin_ = std::make_unique<Client>(server_->base());
        tenant_admin_->use_api_key(key(service::tenant_system_principal(tenant_), "global_admin"));
    }

    std::string key(const service::Principal& owner, const std::string& role) { return server_->api_key(owner, role); }

    HttpResponse put_license(const bj::object& body) {
        return publisher_->request("PUT", license_, bj::serialize(body));
    }

    HttpResponse check(const std::string& user) {
        return app_->get("/api/v1/check?tenant=" + tenant_ + "&user=" + user + "&service_id=contoso.crm.basic");
    }

    void expect_check(const std::string& user, const std::string& result, const std::string& reason) {
        const auto r = check(user);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.str("result"), result) << user << ": " << r.body;
        EXPECT_EQ(r.str("reason"), reason) << user << ": " << r.body;
    }

    // The tenant's row for contoso.crm.basic.
    bj::object tenant_row() {
        const auto r = tenant_admin_->get("/api/v1/tenant/licenses");
        EXPECT_EQ(r.status, 200) << r.body;
        for (const auto& item : r.json().at("items").as_array()) {
            if (item.at("service_id").as_string() == "contoso.crm.basic") return item.as_object();
        }
        ADD_FAILURE() << "no tenant row: " << r.body;
        return {};
    }

    static void expect_problem(const HttpResponse& r, long status, const std::string& rule, const std::string& field) {
        EXPECT_EQ(r.status, status) << r.body;
        EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
        EXPECT_EQ(r.str("rule"), rule) << r.body;
        EXPECT_EQ(r.str("field"), field) << r.body;
    }

    // Rows of one column, as text, for what the API does not show (mails to tenants, recorded statuses).
    std::vector<std::string> column(const std::string& sql) {
        std::vector<std::string> out;
        const Status read =
            store::in_transaction(server_->app().services().store(), store::TxMode::kRead, [&](store::Transaction& tx) {
                for (const auto& r : tx.query(sql, {})) out.push_back(r.text(0));
                return Status::Ok();
            });
        EXPECT_TRUE(read.ok()) << read.message();
        return out;
    }
    void write_sql(const std::string& sql, const std::vector<store::Value>& params) {
        ASSERT_TRUE(store::in_transaction(server_->app().services().store(), store::TxMode::kWrite,
                                          [&](store::Transaction& tx) {
                                              tx.execute(sql, params);
                                              return Status::Ok();
                                          })
                        .ok());
    }

    std::unique_ptr<TestServer> server_;
    std::unique_ptr<Client> publisher_;
    std::unique_ptr<Client> app_;
    std::unique_ptr<Client> tenant_admin_;
    std::string tenant_;
    std::string license_;
};

TEST_F(LicenseTerms, EachStateShowsInTheRowsTheCheckAndTheToken) {
    struct State {
        bj::object term;
        std::string status;
        std::string result;
        std::string reason;
        long tenant_quantity;
    };
    const std::vector<State> states{
        {term(-10, 30), "active", "licensed", "assigned", 3},
        {term(-10, 0), "active", "licensed", "assigned", 3},  // ends today: inclusive
        {term(-10, -1, 5), "grace", "licensed", "in_grace", 3},
        {term(-10, -5, 5), "grace", "licensed", "in_grace", 3},  // the grace's last day
        {term(-10, -6, 5), "expired", "denied", "expired", 0},
        {term(1, 30), "pending", "denied", "not_started", 0},
        {term(0, 30), "active", "licensed", "assigned", 3},  // starts today
    };
    for (const auto& s : states) {
        SCOPED_TRACE(bj::serialize(s.term));
        const auto put = put_license({{"quantity", 3}, {"term", s.term}});
        ASSERT_EQ(put.status, 200) << put.body;
        EXPECT_EQ(put.str("status"), s.status);
        EXPECT_EQ(put.json().at("term").as_object(), s.term);
        expect_check("ada@fabrikam.example", s.result, s.reason);
        const bj::object row = tenant_row();
        EXPECT_EQ(row.at("status").as_string(), s.status);
        EXPECT_EQ(row.at("quantity").as_int64(), s.tenant_quantity);
        EXPECT_EQ(row.at("assigned").as_int64(), 1);  // the seat outlives every state
    }
    // A token never outlives the term and its grace: end 2 days ago + 5 days of grace → valid until the start
    // of the 4th day from today.
    ASSERT_EQ(put_license({{"quantity", 3}, {"term", term(-10, -2, 5)}}).status, 200);
    const auto token = app_->post(
        "/api/v1/tokens", {{"tenant", tenant_}, {"user", "ada@fabrikam.example"}, {"service_id", "contoso.crm.basic"}});
    ASSERT_EQ(token.status, 200) << token.body;
    const std::int64_t limit = domain::start_of(domain::day_of(now_millis()) + 4);
    EXPECT_LE(*parse_rfc3339(token.str("expires_at")), limit);
    // Without a term (null), no end.
    const auto endless = put_license({{"quantity", 3}, {"term", nullptr}});
    ASSERT_EQ(endless.status, 200) << endless.body;
    EXPECT_TRUE(endless.json().at("term").is_null());
    EXPECT_EQ(endless.str("status"), "active");
}

TEST_F(LicenseTerms, SuspendReinstateAndRenewKeepTheSeats) {
    ASSERT_EQ(put_license({{"quantity", 3}, {"term", term(-30, -1, 0)}}).status, 200);
    expect_check("ada@fabrikam.example", "denied", "expired");

    const auto renewed = publisher_->post(license_ + "/renew", {{"end_date", date(365)}});
    ASSERT_EQ(renewed.status, 200) << renewed.body;
    EXPECT_EQ(renewed.str("status"), "active");
    EXPECT_EQ(renewed.json().at("term").at("end_date").as_string(), date(365));
    expect_check("ada@fabrikam.example", "licensed", "assigned");

    const auto suspended = publisher_->post(license_ + "/suspend", {{"reason", "unpaid invoice"}});
    ASSERT_EQ(suspended.status, 200) << suspended.body;
    EXPECT_EQ(suspended.str("status"), "suspended");
    EXPECT_EQ(suspended.json().at("suspension").at("reason").as_string(), "unpaid invoice");
    expect_check("ada@fabrikam.example", "denied", "suspended");
    expect_check("bob@fabrikam.example", "denied", "suspended");
    const bj::object suspended_row = tenant_row();
    EXPECT_EQ(suspended_row.at("status").as_string(), "suspended");
    EXPECT_EQ(suspended_row.at("suspension").at("reason").as_string(), "unpaid invoice");
    expect_problem(publisher_->post(license_ + "/suspend", {{"reason", "again"}}), 409, "already_suspended", "");

    const auto reinstated = publisher_->post(license_ + "/reinstate");
    ASSERT_EQ(reinstated.status, 200) << reinstated.body;
    EXPECT_EQ(reinstated.str("status"), "active");
    EXPECT_TRUE(reinstated.json().at("suspension").is_null());
    expect_check("ada@fabrikam.example", "licensed", "assigned");
    EXPECT_TRUE(tenant_row().at("suspension").is_null());
    expect_problem(publisher_->post(license_ + "/reinstate"), 409, "not_suspended", "");

    // Each action is an event of the feed, with the license before and after.
    const auto feed = publisher_->get("/api/v1/events?after=0&limit=1000");
    ASSERT_EQ(feed.status, 200) << feed.body;
    std::vector<std::string> types;
    for (const auto& e : feed.json().at("items").as_array()) {
        const std::string type(e.at("type").as_string());
        if (type.starts_with("license.")) types.push_back(type);
    }
    const std::vector<std::string> tail(types.end() - 3, types.end());
    EXPECT_EQ(tail, (std::vector<std::string>{"license.renewed", "license.suspended", "license.reinstated"}));
}

TEST_F(LicenseTerms, AssignmentsCountOnlyTheLicensesInForce) {
    ASSERT_EQ(put_license({{"quantity", 3}, {"term", term(-30, -1, 0)}}).status, 200);
    const auto refused = tenant_admin_->post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                                             {{"users", bj::array{"bob@fabrikam.example"}}});
    expect_problem(refused, 409, "over_capacity", "users");
    EXPECT_NE(refused.str("detail").find("not in force"), std::string::npos) << refused.body;
    ASSERT_EQ(put_license({{"quantity", 3}, {"term", term(-30, 30, 0)}}).status, 200);
    const auto assigned = tenant_admin_->post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                                              {{"users", bj::array{"bob@fabrikam.example"}}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    expect_check("bob@fabrikam.example", "licensed", "assigned");
}

// The term job: the server was down while the licenses went from active through grace to expired; when the
// job runs (late), it records both changes in order and mails the expiry; a renewal close to the end gets the
// advance notice once; a suspension is mailed at once.
TEST_F(LicenseTerms, TheTermJobRecordsEachMissedChangeAndMailsTheNotices) {
    ASSERT_EQ(put_license({{"quantity", 3}, {"term", term(-30, 30, 5)}}).status, 200);
    EXPECT_EQ(column("SELECT status FROM licenses"), std::vector<std::string>{"active"});
    // 60 days pass while nothing runs: the term is now long over (end 10 days ago, 5 days of grace).
    const domain::Day today = domain::day_of(now_millis());
    write_sql("UPDATE licenses SET term_start = ?, term_end = ?", {std::int64_t{today - 60}, std::int64_t{today - 10}});
    write_sql("UPDATE jobs SET run_at = 0 WHERE kind = 'license_term' AND state = 'pending'", {});
    // Started without its worker threads, so that this test's run_due_jobs is the one that runs the job (a
    // worker thread could claim it first and still be running it when the test looks).
    server_->restart(false);
    server_->app().worker().run_due_jobs();

    EXPECT_EQ(column("SELECT status FROM licenses"), std::vector<std::string>{"expired"});
    const auto feed = publisher_->get("/api/v1/events?after=0&limit=1000");
    ASSERT_EQ(feed.status, 200) << feed.body;
    std::vector<std::string> changes;
    for (const auto& e : feed.json().at("items").as_array()) {
        if (e.at("type").as_string() != "license.status_changed") continue;
        const auto& payload = e.at("payload");
        changes.push_back(std::string(payload.at("before").at("status").as_string()) + "→" +
                          std::string(payload.at("after").at("status").as_string()));
    }
    EXPECT_EQ(changes, (std::vector<std::string>{"active→grace", "grace→expired"}));
    const auto expired_mails = column("SELECT to_address FROM mails WHERE subject LIKE 'Licenses expired%'");
    EXPECT_EQ(expired_mails, std::vector<std::string>{"admin@fabrikam.example"});
    server_->app().worker().run_due_jobs();  // again: nothing new
    EXPECT_EQ(column("SELECT to_address FROM mails WHERE subject LIKE 'Licenses expired%'").size(), 1U);

    // Renewed to end in 10 days: within licenses.notice_days (14), the advance notice goes out once.
    const auto renewed = publisher_->post(license_ + "/renew", {{"end_date", date(10)}});
    ASSERT_EQ(renewed.status, 200) << renewed.body;
    server_->app().worker().run_due_jobs();
    server_->app().worker().run_due_jobs();
    const auto notices = column("SELECT body FROM mails WHERE subject LIKE 'Licenses ending on%'");
    ASSERT_EQ(notices.size(), 1U);
    EXPECT_NE(notices[0].find("in 10 days"), std::string::npos) << notices[0];

    ASSERT_EQ(publisher_->post(license_ + "/suspend", {{"reason", "unpaid invoice"}}).status, 200);
    const auto suspended = column("SELECT body FROM mails WHERE subject LIKE 'Licenses suspended%'");
    ASSERT_EQ(suspended.size(), 1U);
    EXPECT_NE(suspended[0].find("unpaid invoice"), std::string::npos) << suspended[0];
}

TEST_F(LicenseTerms, BadInputNamesTheFieldAndChangesNothing) {
    ASSERT_EQ(put_license({{"quantity", 3}, {"term", term(-10, 30)}}).status, 200);
    expect_problem(put_license({{"quantity", 3}, {"term", term(10, 5)}}), 422, "date_order", "term.end_date");
    expect_problem(put_license({{"quantity", 3}, {"term", {{"start_date", "2026-02-30"}, {"end_date", date(5)}}}}), 422,
                   "date", "term.start_date");
    expect_problem(put_license({{"quantity", 3}, {"term", {{"start_date", date(0)}}}}), 422, "required",
                   "term.end_date");
    expect_problem(put_license({{"quantity", 3}, {"term", term(0, 5, 366)}}), 422, "range", "term.grace_days");
    expect_problem(put_license({{"quantity", 3}, {"term", {{"start_date", date(0)}, {"end_date", date(5)}, {"x", 1}}}}),
                   422, "unknown_field", "term.x");
    expect_problem(put_license({{"quantity", 3}, {"term", "2027-01-01"}}), 422, "type", "term");
    expect_problem(publisher_->post(license_ + "/renew", {{"end_date", date(10)}}), 422, "after_current_end",
                   "end_date");
    expect_problem(publisher_->post(license_ + "/renew", {{"end_date", "soon"}}), 422, "date", "end_date");
    expect_problem(publisher_->post(license_ + "/suspend", bj::object{}), 422, "required", "reason");
    expect_problem(publisher_->post(license_ + "/suspend", {{"reason", std::string(501, 'x')}}), 422, "max_length",
                   "reason");
    // Nothing changed: the term is as it was.
    const auto rows = publisher_->get("/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses");
    ASSERT_EQ(rows.status, 200) << rows.body;
    EXPECT_EQ(rows.json().at("items").at(0).at("term").as_object(), term(-10, 30));
    // A license without a term has no end to renew; a plan without licenses has nothing to suspend.
    ASSERT_EQ(put_license({{"quantity", 3}, {"term", nullptr}}).status, 200);
    expect_problem(publisher_->post(license_ + "/renew", {{"end_date", date(10)}}), 409, "no_term", "end_date");
    const auto none = publisher_->post(
        "/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/premium/suspend", {{"reason", "x"}});
    EXPECT_EQ(none.status, 404) << none.body;
}

// A site license licenses every user of the tenant's verified domains without seats; its term applies as any.
TEST_F(LicenseTerms, ASiteLicenseCoversEveryUserOfTheVerifiedDomains) {
    expect_problem(put_license({{"quantity", 3}, {"site", true}}), 422, "site_license", "quantity");
    // The license's own seats would go (a site license counts none): only with force, as for a lower quantity.
    expect_problem(put_license({{"site", true}}), 409, "below_assigned", "quantity");
    const auto site = put_license({{"site", true}, {"force", true}});
    ASSERT_EQ(site.status, 200) << site.body;
    EXPECT_TRUE(site.json().at("site").as_bool());
    EXPECT_EQ(site.json().at("quantity").as_int64(), 0);
    expect_check("carol@fabrikam.example", "licensed", "site_license");  // no seat
    expect_check("ada@fabrikam.example", "licensed", "site_license");    // her seat went, the site covers her
    expect_check("eve@contoso.example", "denied", "no_seat");            // not a verified domain of the tenant
    bj::object row = tenant_row();
    EXPECT_TRUE(row.at("site").as_bool());
    EXPECT_EQ(row.at("uncovered").as_int64(), 0);
    const auto token =
        app_->post("/api/v1/tokens",
                   {{"tenant", tenant_}, {"user", "carol@fabrikam.example"}, {"service_id", "contoso.crm.basic"}});
    EXPECT_EQ(token.status, 200) << token.body;

    // The term applies: expired, nobody is licensed by it.
    ASSERT_EQ(put_license({{"term", term(-30, -1)}}).status, 200);  // site absent: stays a site license
    expect_check("carol@fabrikam.example", "denied", "expired");
    // Back to seats: a quantity is needed again.
    expect_problem(put_license({{"site", false}}), 422, "required", "quantity");
    const auto seats = put_license({{"quantity", 3}, {"site", false}, {"term", nullptr}});
    ASSERT_EQ(seats.status, 200) << seats.body;
    EXPECT_FALSE(seats.json().at("site").as_bool());
    expect_check("carol@fabrikam.example", "denied", "no_seat");
    expect_check("ada@fabrikam.example", "denied", "no_seat");
}

// A plan offers a trial (also while the offer is live); a tenant admin starts it once; it leaves a lead and a
// deal; the check says trial; paid licenses on another deal end it and keep its seats.
TEST_F(LicenseTerms, ATrialFromStartToConversion) {
    const auto plan = service::create_plan(server_->app().services(), service::system_principal("contoso"), "crm",
                                           {"premium", "Premium", "", ""});
    ASSERT_TRUE(plan.ok()) << plan.status().message();
    write_sql("UPDATE offers SET state = 'live' WHERE id = 'crm'", {});
    write_sql("UPDATE plans SET state = 'published'", {});
    const auto trials =
        tenant_admin_->post("/api/v1/tenant/trials", {{"offer", "contoso.crm"}, {"plan_id", "premium"}});
    expect_problem(trials, 409, "no_trial", "plan_id");

    auto writer = std::make_unique<Client>(server_->base());
    writer->use_api_key(key(service::system_principal("contoso"), "developer"));
    expect_problem(writer->patch("/api/v1/offers/crm/plans/premium", {{"trial_days", 30}}), 422, "required",
                   "trial_seats");
    expect_problem(writer->patch("/api/v1/offers/crm/plans/premium", {{"trial_days", 366}, {"trial_seats", 2}}), 422,
                   "range", "trial_days");
    // Only a change of the trial is allowed while live: an empty patch or the plan's content is not.
    expect_problem(writer->patch("/api/v1/offers/crm/plans/premium", bj::object{}), 409, "offer_live", "");
    expect_problem(writer->patch("/api/v1/offers/crm/plans/premium", {{"name", "Premium+"}, {"trial_days", 10}}), 409,
                   "offer_live", "");
    const auto offered = writer->patch("/api/v1/offers/crm/plans/premium", {{"trial_days", 10}, {"trial_seats", 2}});
    ASSERT_EQ(offered.status, 200) << offered.body;
    EXPECT_EQ(offered.json().at("trial_days").as_int64(), 10);
    const auto listing = Client(server_->base()).get("/api/v1/marketplace/offers/contoso.crm");
    ASSERT_EQ(listing.status, 200) << listing.body;
    EXPECT_NE(bj::serialize(listing.json().at("actions")).find("free_trial"), std::string::npos) << listing.body;

    // A license admin may not start it; the global admin does, once.
    auto license_admin = std::make_unique<Client>(server_->base());
    license_admin->use_api_key(key(service::tenant_system_principal(tenant_), "license_admin"));
    EXPECT_EQ(license_admin->post("/api/v1/tenant/trials", {{"offer", "contoso.crm"}, {"plan_id", "premium"}}).status,
              403);
    const auto started =
        tenant_admin_->post("/api/v1/tenant/trials", {{"offer", "contoso.crm"}, {"plan_id", "premium"}});
    ASSERT_EQ(started.status, 201) << started.body;
    EXPECT_TRUE(started.json().at("trial").as_bool());
    EXPECT_EQ(started.str("status"), "active");
    EXPECT_EQ(started.json().at("quantity").as_int64(), 2);
    EXPECT_EQ(started.json().at("term").at("end_date").as_string(), date(9));
    // Its end is within licenses.notice_days: the term job mails the tenant's admin that the trial ends.
    server_->app().worker().run_due_jobs();
    EXPECT_TRUE(eventually([&] {
        return column("SELECT to_address FROM mails WHERE subject LIKE 'Free trial ending on%'") ==
               std::vector<std::string>{"admin@fabrikam.example"};
    })) << "no trial notice";
    expect_problem(tenant_admin_->post("/api/v1/tenant/trials", {{"offer", "contoso.crm"}, {"plan_id", "premium"}}),
                   409, "trial_used", "plan_id");
    expect_problem(tenant_admin_->post("/api/v1/tenant/trials", {{"offer", "contoso.crm"}, {"plan_id", "basic"}}), 409,
                   "no_trial", "plan_id");
    expect_problem(tenant_admin_->post("/api/v1/tenant/trials", {{"offer", "contoso"}, {"plan_id", "premium"}}), 422,
                   "product", "offer");
    expect_problem(tenant_admin_->post("/api/v1/tenant/trials", {{"offer", "contoso.crm"}}), 422, "required",
                   "plan_id");

    const auto assigned = tenant_admin_->post("/api/v1/tenant/licenses/contoso.crm.premium/assignments",
                                              {{"users", bj::array{"bob@fabrikam.example", "carol@fabrikam.example"}}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    const auto premium = [&](const std::string& user) {
        return app_->get("/api/v1/check?tenant=" + tenant_ + "&user=" + user + "&service_id=contoso.crm.premium");
    };
    EXPECT_EQ(premium("bob@fabrikam.example").str("reason"), "trial");

    // The publisher sees the lead and the trial's deal.
    const auto leads = publisher_->get("/api/v1/leads");
    ASSERT_EQ(leads.status, 200) << leads.body;
    EXPECT_NE(leads.body.find("free trial of plan Premium"), std::string::npos) << leads.body;
    const auto deals = publisher_->get("/api/v1/deals");
    ASSERT_EQ(deals.status, 200) << deals.body;
    std::string trial_deal;
    for (const auto& d : deals.json().at("items").as_array()) {
        if (d.at("source").as_string() == "trial") trial_deal = std::string(d.at("id").as_string());
    }
    ASSERT_FALSE(trial_deal.empty()) << deals.body;

    // One paid license on the customer's other deal ends the trial; both seats stay, the older one covered.
    write_sql("UPDATE deals SET plan_ids = ? WHERE id = ?",
              {std::string(R"(["basic","premium"])"), deal_id_of(tenant_, "contoso", "crm")});
    const auto paid =
        publisher_->request("PUT", "/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/premium",
                            bj::serialize(bj::object{{"quantity", 1}}));
    ASSERT_EQ(paid.status, 200) << paid.body;
    const auto trial_rows = publisher_->get("/api/v1/deals/" + trial_deal + "/licenses");
    ASSERT_EQ(trial_rows.status, 200) << trial_rows.body;
    EXPECT_EQ(trial_rows.json().at("items").at(0).at("status").as_string(), "expired");
    EXPECT_EQ(premium("bob@fabrikam.example").str("reason"), "assigned");
    EXPECT_EQ(premium("carol@fabrikam.example").str("reason"), "expired");
    const auto rows = tenant_admin_->get("/api/v1/tenant/licenses");
    ASSERT_EQ(rows.status, 200) << rows.body;
    for (const auto& item : rows.json().at("items").as_array()) {
        if (item.at("service_id").as_string() != "contoso.crm.premium") continue;
        EXPECT_FALSE(item.at("trial").as_bool());
        EXPECT_EQ(item.at("quantity").as_int64(), 1);
        EXPECT_EQ(item.at("assigned").as_int64(), 2);
        EXPECT_EQ(item.at("uncovered").as_int64(), 1);
    }
    // A trial that is over stays as it ended when more paid licenses come.
    write_sql(
        "UPDATE licenses SET term_start = ?, term_end = ? WHERE deal_id = ?",
        {std::int64_t{domain::day_of(now_millis()) - 40}, std::int64_t{domain::day_of(now_millis()) - 10}, trial_deal});
    ASSERT_EQ(publisher_
                  ->request("PUT", "/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/premium",
                            bj::serialize(bj::object{{"quantity", 2}}))
                  .status,
              200);
    EXPECT_EQ(publisher_->get("/api/v1/deals/" + trial_deal + "/licenses")
                  .json()
                  .at("items")
                  .at(0)
                  .at("term")
                  .at("end_date")
                  .as_string(),
              date(-10));
    // A trial's own row converts in place: paid, no end.
    const auto converted = publisher_->request("PUT", "/api/v1/deals/" + trial_deal + "/licenses/premium",
                                               bj::serialize(bj::object{{"quantity", 5}}));
    ASSERT_EQ(converted.status, 200) << converted.body;
    EXPECT_FALSE(converted.json().at("trial").as_bool());
    EXPECT_TRUE(converted.json().at("term").is_null());
    EXPECT_EQ(premium("carol@fabrikam.example").str("reason"), "assigned");
}

}  // namespace
}  // namespace seatkeeper::testing
