// Usage reports, seat activity and reclaim over HTTP (issue 15, API.md "Usage and seat activity"): reports on
// past days from the event history (by day, week and month; JSON and CSV), scoped to the caller's publisher or
// tenant, every bad parameter refused naming it; checks recorded as seat activity (`last_checked_at`, `active`),
// merged across two nodes on one database; reclaim's dry run and real run, with its events.
//
// The history is made today and then dated back: each step's events get the created_at of a past day (as if it
// had happened then), and seat rows their assigned_at — the events are what usage replays. Activity on past days
// goes through the runtime's own recorder (check::SeatActivity::record), as a check on that day would.
#include "domain/usage.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "domain/license_term.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "service/tenants.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

constexpr const char* kService = "contoso.crm.basic";

domain::Day today() { return domain::day_of(now_millis()); }
std::string date(int days_from_today) { return domain::format_day(today() + days_from_today); }

class Usage : public ::testing::Test {
protected:
    void SetUp() override {
        // Activity is written when a test says so (or at shutdown), not by the timer.
        server_ = std::make_unique<TestServer>([](app::Config& c) { c.check.activity.flush_ms = 3'600'000; });
        auto& services = server_->app().services();
        tenant_ = add_crm_customer(services);  // 3 licenses, ada assigned
        ASSERT_TRUE(server_->app().runtime().catch_up().ok());
        publisher_ = client(service::system_principal("contoso"), "account_admin");
        app_ = client(service::system_principal("contoso"), "app");
        tenant_admin_ = client(service::tenant_system_principal(tenant_), "global_admin");
    }

    std::unique_ptr<Client> client(const service::Principal& owner, const std::string& role) {
        auto c = std::make_unique<Client>(server_->base());
        c->use_api_key(server_->api_key(owner, role));
        return c;
    }

    void write_sql(const std::string& sql, const std::vector<store::Value>& params) {
        ASSERT_TRUE(store::in_transaction(server_->app().services().store(), store::TxMode::kWrite,
                                          [&](store::Transaction& tx) {
                                              tx.execute(sql, params);
                                              return Status::Ok();
                                          })
                        .ok());
    }

    // What happened since the last call, dated `days_ago` days back (noon UTC): its events and the seats taken.
    void happened(int days_ago) {
        const std::int64_t at = domain::start_of(today() - days_ago) + std::int64_t{12} * 3'600'000;
        write_sql("UPDATE events SET created_at = ? WHERE id > ?", {at, dated_up_to_});
        write_sql("UPDATE seats SET assigned_at = ? WHERE assigned_at > ?", {at, now_millis() - 3'600'000});
        ASSERT_TRUE(
            store::in_transaction(server_->app().services().store(), store::TxMode::kRead, [&](store::Transaction& tx) {
                dated_up_to_ = tx.query_one("SELECT MAX(id) FROM events")->integer(0);
                return Status::Ok();
            }).ok());
    }

    void assign(const std::vector<std::string>& users) {
        bj::array list;
        for (const auto& u : users) list.emplace_back(u);
        const auto r =
            tenant_admin_->post(std::string("/api/v1/tenant/licenses/") + kService + "/assignments", {{"users", list}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    void unassign(const std::string& user) {
        const auto r = tenant_admin_->del(std::string("/api/v1/tenant/licenses/") + kService + "/assignments/" + user);
        ASSERT_EQ(r.status, 204) << r.body;
    }
    void set_quantity(int quantity) {
        const auto r =
            publisher_->request("PUT", "/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/basic",
                                bj::serialize(bj::object{{"quantity", quantity}}));
        ASSERT_EQ(r.status, 200) << r.body;
    }
    // A check on a past day, as the runtime records it.
    void checked(const std::string& user, int days_ago) {
        server_->app().runtime().activity().record("contoso", tenant_, kService, user, today() - days_ago);
    }
    void check_now(const std::string& user) {
        const auto r =
            app_->get(std::string("/api/v1/check?tenant=") + tenant_ + "&user=" + user + "&service_id=" + kService);
        ASSERT_EQ(r.status, 200) << r.body;
        ASSERT_EQ(r.str("result"), "licensed") << r.body;
    }
    void flush() { ASSERT_TRUE(server_->app().runtime().flush_activity().ok()); }

    // The history every report test reads (days before today):
    //   10  3 licenses granted, ada assigned (add_crm_customer)
    //    7  bo and cy assigned
    //    5  the licenses go up to 5
    //    2  bo unassigned
    // and checks: ada on days 8 and 3 and today, cy on day 3.
    void make_history() {
        happened(10);
        assign({"bo@fabrikam.example", "cy@fabrikam.example"});
        happened(7);
        set_quantity(5);
        happened(5);
        unassign("bo@fabrikam.example");
        happened(2);
        checked("ada@fabrikam.example", 8);
        checked("ada@fabrikam.example", 3);
        checked("cy@fabrikam.example", 3);
        check_now("ada@fabrikam.example");
        flush();
    }
    // The history as a table: provisioned and assigned at the end of a day, and who was checked that day.
    struct DayState {
        std::int64_t provisioned = 0;
        std::int64_t assigned = 0;
    };
    static DayState state(int days_ago) {
        if (days_ago > 7) return {3, 1};
        if (days_ago > 5) return {3, 3};
        if (days_ago > 2) return {5, 3};
        return {5, 2};
    }
    static std::set<std::string> checked_on(int days_ago) {
        if (days_ago == 8 || days_ago == 0) return {"ada@fabrikam.example"};
        if (days_ago == 3) return {"ada@fabrikam.example", "cy@fabrikam.example"};
        return {};
    }

    static void expect_problem(const HttpResponse& r, const std::string& field, const std::string& rule) {
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
        EXPECT_EQ(r.str("field"), field) << r.body;
        EXPECT_EQ(r.str("rule"), rule) << r.body;
    }

    std::unique_ptr<TestServer> server_;
    std::string tenant_;
    std::unique_ptr<Client> publisher_;
    std::unique_ptr<Client> app_;
    std::unique_ptr<Client> tenant_admin_;
    std::int64_t dated_up_to_ = 0;
};

TEST_F(Usage, ADailyReportSaysWhatWasTrueOnEachPastDay) {
    make_history();
    for (Client* caller : {publisher_.get(), tenant_admin_.get()}) {
        const std::string path = caller == publisher_.get() ? "/api/v1/usage" : "/api/v1/tenant/usage";
        const auto r = caller->get(path + "?from=" + date(-12) + "&to=" + date(0) + "&interval=day");
        ASSERT_EQ(r.status, 200) << r.body;
        const auto& items = r.json().at("items").as_array();
        ASSERT_EQ(items.size(), 11U) << "no row before the pool's first event (day 10): " << r.body;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const int days_ago = 10 - static_cast<int>(i);
            const auto& row = items[i].as_object();
            SCOPED_TRACE(path + " " + std::to_string(days_ago) + " days ago");
            EXPECT_EQ(row.at("date").as_string(), date(-days_ago));
            EXPECT_EQ(row.at("tenant_id").as_string(), tenant_);
            EXPECT_EQ(row.at("service_id").as_string(), kService);
            EXPECT_EQ(row.at("plan_id").as_string(), "basic");
            EXPECT_EQ(row.at("provisioned").as_int64(), state(days_ago).provisioned);
            EXPECT_EQ(row.at("assigned").as_int64(), state(days_ago).assigned);
            EXPECT_EQ(row.at("active").as_int64(), static_cast<std::int64_t>(checked_on(days_ago).size()));
        }
    }
}

TEST_F(Usage, WeeksAndMonthsReadTheirLastDayAndCountEachActiveSeatOnce) {
    make_history();
    for (const auto interval : {domain::UsageInterval::kWeek, domain::UsageInterval::kMonth}) {
        const std::string name(domain::to_string(interval));
        const auto r = publisher_->get("/api/v1/usage?from=" + date(-10) + "&to=" + date(0) + "&interval=" + name);
        ASSERT_EQ(r.status, 200) << r.body;
        const auto periods = domain::usage_periods(today() - 10, today(), interval);
        const auto& items = r.json().at("items").as_array();
        ASSERT_EQ(items.size(), periods.size()) << r.body;
        for (std::size_t i = 0; i < periods.size(); ++i) {
            const auto& row = items[i].as_object();
            const int last_ago = today() - std::min(periods[i].last, today());
            std::set<std::string> active;
            for (int d = today() - std::max(periods[i].start, today() - 10); d >= last_ago; --d) {
                for (const auto& u : checked_on(d)) active.insert(u);
            }
            SCOPED_TRACE(name + " " + domain::format_day(periods[i].start));
            EXPECT_EQ(row.at("date").as_string(), domain::format_day(periods[i].start));
            EXPECT_EQ(row.at("provisioned").as_int64(), state(last_ago).provisioned);
            EXPECT_EQ(row.at("assigned").as_int64(), state(last_ago).assigned);
            EXPECT_EQ(row.at("active").as_int64(), static_cast<std::int64_t>(active.size()));
        }
    }
}

TEST_F(Usage, TheCsvHasTheSameRows) {
    make_history();
    const std::string query = "?from=" + date(-4) + "&to=" + date(0);
    const auto json = tenant_admin_->get("/api/v1/tenant/usage" + query);
    const auto csv = tenant_admin_->get("/api/v1/tenant/usage.csv" + query);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.header("content-disposition").find("usage.csv"), std::string::npos);
    std::string expected = "date,tenant_id,service_id,plan_id,provisioned,assigned,active\r\n";
    for (const auto& item : json.json().at("items").as_array()) {
        const auto& row = item.as_object();
        expected += std::string(row.at("date").as_string()) + "," + std::string(row.at("tenant_id").as_string()) + "," +
                    std::string(row.at("service_id").as_string()) + "," + std::string(row.at("plan_id").as_string()) +
                    "," + std::to_string(row.at("provisioned").as_int64()) + "," +
                    std::to_string(row.at("assigned").as_int64()) + "," + std::to_string(row.at("active").as_int64()) +
                    "\r\n";
    }
    EXPECT_EQ(csv.body, expected);
    EXPECT_EQ(json.json().at("items").as_array().size(), 5U);
    const auto publisher_csv = publisher_->get("/api/v1/usage.csv" + query);
    EXPECT_EQ(publisher_csv.body, expected);
}

TEST_F(Usage, DefaultsToTheLast30DaysAndFiltersByTenantAndServiceId) {
    make_history();
    const auto all = publisher_->get("/api/v1/usage");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.json().at("items").as_array().size(), 11U);  // days 10 … 0 of the 30
    EXPECT_EQ(publisher_->get("/api/v1/usage?tenant_id=" + tenant_).json().at("items").as_array().size(), 11U);
    EXPECT_EQ(publisher_->get(std::string("/api/v1/usage?service_id=") + kService).json().at("items").as_array().size(),
              11U);
    EXPECT_TRUE(publisher_->get("/api/v1/usage?tenant_id=00000000-0000-4000-8000-000000000000")
                    .json()
                    .at("items")
                    .as_array()
                    .empty());
    EXPECT_TRUE(publisher_->get("/api/v1/usage?service_id=contoso.crm.premium").json().at("items").as_array().empty());
    EXPECT_TRUE(
        publisher_->get("/api/v1/usage?from=" + date(1) + "&to=" + date(5)).json().at("items").as_array().empty())
        << "nothing is known of days to come";
}

TEST_F(Usage, AnotherPublisherOrTenantSeesNothing) {
    make_history();
    server_->create_publisher("northwind");
    auto northwind = client(service::system_principal("northwind"), "global_admin");
    const auto theirs = northwind->get("/api/v1/usage?from=" + date(-12));
    ASSERT_EQ(theirs.status, 200) << theirs.body;
    EXPECT_TRUE(theirs.json().at("items").as_array().empty()) << theirs.body;
    EXPECT_EQ(northwind->get("/api/v1/usage.csv?from=" + date(-12)).body,
              "date,tenant_id,service_id,plan_id,provisioned,assigned,active\r\n");

    auto tailspin = service::create_tenant(
        server_->app().services(),
        {"Tailspin", {"tailspin.example"}, "admin@tailspin.example", "password-tailspin-1", "Admin"});
    ASSERT_TRUE(tailspin.ok()) << tailspin.status().message();
    auto other = client(service::tenant_system_principal(tailspin->id), "global_admin");
    EXPECT_TRUE(other->get("/api/v1/tenant/usage?from=" + date(-12)).json().at("items").as_array().empty());
    EXPECT_TRUE(other->get("/api/v1/tenant/usage?from=" + date(-12) + "&tenant_id=" + tenant_)
                    .json()
                    .at("items")
                    .as_array()
                    .empty())
        << "a tenant_id names no other tenant's pools";
}

TEST_F(Usage, RefusesEveryBadParameterNamingIt) {
    struct Case {
        std::string query;
        std::string field;
        std::string rule;
    };
    const std::vector<Case> cases{
        {"from=2025-13-01", "from", "date"},
        {"to=yesterday", "to", "date"},
        {"from=" + date(0) + "&to=" + date(-1), "to", "date_order"},
        {"from=" + date(-366) + "&to=" + date(0), "from", "range"},
        {"from=" + date(-365) + "&to=" + date(0) + "&interval=week", "", ""},  // 53 weeks: fine
        {"interval=year", "interval", "enum"},
        {"tenant_id=fabrikam", "tenant_id", "format"},
        {"service_id=" + std::string(201, 'x'), "service_id", "max_length"},
    };
    for (const auto& c : cases) {
        for (const std::string path : {"/api/v1/usage", "/api/v1/usage.csv"}) {
            SCOPED_TRACE(path + "?" + c.query);
            const auto r = publisher_->get(path + "?" + c.query);
            if (c.field.empty()) {
                EXPECT_EQ(r.status, 200) << r.body;
            } else {
                expect_problem(r, c.field, c.rule);
            }
        }
    }
    expect_problem(tenant_admin_->get("/api/v1/tenant/usage?interval=hour"), "interval", "enum");
}

TEST_F(Usage, ACheckShowsAsLastCheckedAtOnceWritten) {
    assign({"bo@fabrikam.example"});
    checked("bo@fabrikam.example", 4);
    check_now("ada@fabrikam.example");
    const std::string path = std::string("/api/v1/tenant/licenses/") + kService + "/assignments";
    const auto before = tenant_admin_->get(path);
    for (const auto& item : before.json().at("items").as_array()) {
        EXPECT_TRUE(item.at("last_checked_at").is_null()) << "not written yet: " << item;
    }
    flush();
    std::map<std::string, bj::value> last;
    const auto written = tenant_admin_->get(path);
    for (const auto& item : written.json().at("items").as_array()) {
        last[std::string(item.at("upn").as_string())] = item.at("last_checked_at");
    }
    EXPECT_EQ(last.at("ada@fabrikam.example"), bj::value(date(0)));
    EXPECT_EQ(last.at("bo@fabrikam.example"), bj::value(date(-4)));
    check_now("bo@fabrikam.example");
    flush();
    const auto after = tenant_admin_->get(path);
    for (const auto& item : after.json().at("items").as_array()) {
        EXPECT_EQ(item.at("last_checked_at"), bj::value(date(0))) << item;
    }
}

TEST_F(Usage, TwoNodesOnOneDatabaseMergeTheirActivity) {
    TestServer second([&](app::Config& c) {
        c.database = server_->app().config().database;
        c.secrets = server_->app().config().secrets;
        c.check.activity.flush_ms = 3'600'000;
    });
    assign({"bo@fabrikam.example"});
    ASSERT_TRUE(second.app().runtime().catch_up().ok());
    Client app_there(second.base());
    auto key = service::create_api_key(server_->app().services(), service::system_principal("contoso"), {"app", "b"});
    ASSERT_TRUE(key.ok());
    app_there.use_api_key(key->key);
    for (const std::string user : {"ada@fabrikam.example", "bo@fabrikam.example"}) {
        const auto r =
            app_there.get(std::string("/api/v1/check?tenant=") + tenant_ + "&user=" + user + "&service_id=" + kService);
        ASSERT_EQ(r.str("result"), "licensed") << r.body;
    }
    check_now("ada@fabrikam.example");  // on this node too: the same seat and day
    ASSERT_TRUE(second.app().runtime().flush_activity().ok());
    flush();
    const auto list = tenant_admin_->get(std::string("/api/v1/tenant/licenses/") + kService + "/assignments");
    for (const auto& item : list.json().at("items").as_array()) {
        EXPECT_EQ(item.at("last_checked_at"), bj::value(date(0))) << item;
    }
    const auto usage = tenant_admin_->get("/api/v1/tenant/usage?from=" + date(0));
    ASSERT_EQ(usage.json().at("items").as_array().size(), 1U) << usage.body;
    EXPECT_EQ(usage.json().at("items").at(0).at("active").as_int64(), 2) << "ada counted once";
}

TEST_F(Usage, ReclaimListsFirstThenTakesBackTheSeatsNobodyChecked) {
    // ada checked today; cy last on day 3; dan never, assigned 7 days ago; eve through a group, never checked.
    assign({"cy@fabrikam.example", "dan@fabrikam.example"});
    const auto group = tenant_admin_->post("/api/v1/tenant/groups",
                                           {{"name", "Sales"}, {"members", bj::array{"eve@fabrikam.example"}}});
    ASSERT_EQ(group.status, 201) << group.body;
    set_quantity(5);
    const auto by_group = tenant_admin_->post(std::string("/api/v1/tenant/licenses/") + kService + "/assignments",
                                              {{"groups", bj::array{bj::value(group.str("id"))}}});
    ASSERT_EQ(by_group.status, 200) << by_group.body;
    happened(7);
    checked("cy@fabrikam.example", 3);
    check_now("ada@fabrikam.example");
    const std::string reclaim = std::string("/api/v1/tenant/licenses/") + kService + "/reclaim";
    const auto upns = [](const HttpResponse& r) {
        std::vector<std::string> out;
        for (const auto& item : r.json().at("items").as_array()) out.emplace_back(item.at("upn").as_string());
        return out;
    };

    const auto dry = tenant_admin_->post(reclaim, {{"inactive_days", 2}, {"dry_run", true}});
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_TRUE(dry.json().at("dry_run").as_bool());
    EXPECT_EQ(dry.json().at("inactive_days").as_int64(), 2);
    EXPECT_EQ(upns(dry), (std::vector<std::string>{"cy@fabrikam.example", "dan@fabrikam.example"}));
    EXPECT_EQ(dry.json().at("items").at(0).at("last_checked_at"), bj::value(date(-3)));
    EXPECT_TRUE(dry.json().at("items").at(1).at("last_checked_at").is_null());
    EXPECT_EQ(upns(tenant_admin_->post(reclaim, {{"inactive_days", 5}, {"dry_run", true}})),
              (std::vector<std::string>{"dan@fabrikam.example"}));
    const std::string list = std::string("/api/v1/tenant/licenses/") + kService + "/assignments";
    EXPECT_EQ(tenant_admin_->get(list).json().at("items").as_array().size(), 4U) << "a dry run changes nothing";

    // dan's first check, a moment before the real run, is in this node's memory only: reclaim writes it first.
    check_now("dan@fabrikam.example");
    const auto real = tenant_admin_->post(reclaim, {{"inactive_days", 2}});
    ASSERT_EQ(real.status, 200) << real.body;
    EXPECT_FALSE(real.json().at("dry_run").as_bool());
    EXPECT_EQ(upns(real), (std::vector<std::string>{"cy@fabrikam.example"}));
    std::set<std::string> holders;
    const auto after = tenant_admin_->get(list);
    for (const auto& item : after.json().at("items").as_array()) {
        holders.emplace(item.at("upn").as_string());
    }
    EXPECT_EQ(holders, (std::set<std::string>{"ada@fabrikam.example", "dan@fabrikam.example", "eve@fabrikam.example"}));
    // One seat.unassigned event, by the tenant's key; the check follows.
    const auto feed = tenant_admin_->get("/api/v1/events?after=" + std::to_string(dated_up_to_) + "&limit=1000");
    int unassigned = 0;
    for (const auto& e : feed.json().at("items").as_array()) {
        if (e.at("type").as_string() != "seat.unassigned") continue;
        ++unassigned;
        EXPECT_EQ(e.at("payload").at("before").at("upn").as_string(), "cy@fabrikam.example") << e;
        EXPECT_EQ(std::string(e.at("actor").as_string()).rfind("key:", 0), 0U) << e;
    }
    EXPECT_EQ(unassigned, 1) << feed.body;
    const auto cy =
        app_->get(std::string("/api/v1/check?tenant=") + tenant_ + "&user=cy@fabrikam.example&service_id=" + kService);
    EXPECT_EQ(cy.str("reason"), "no_seat") << cy.body;
}

TEST_F(Usage, ReclaimRefusesABadBodyAndAnUnknownLicense) {
    const std::string reclaim = std::string("/api/v1/tenant/licenses/") + kService + "/reclaim";
    expect_problem(tenant_admin_->post(reclaim, bj::object{}), "inactive_days", "required");
    expect_problem(tenant_admin_->post(reclaim, {{"inactive_days", 0}}), "inactive_days", "range");
    expect_problem(tenant_admin_->post(reclaim, {{"inactive_days", 3651}}), "inactive_days", "range");
    expect_problem(tenant_admin_->post(reclaim, {{"inactive_days", 30}, {"force", true}}), "force", "unknown_field");
    EXPECT_EQ(
        tenant_admin_->post("/api/v1/tenant/licenses/contoso.crm.premium/reclaim", {{"inactive_days", 30}}).status,
        404);
}

}  // namespace
}  // namespace seatkeeper::testing
