#include "check/seat_index.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "domain/license_term.hpp"
#include "service/accounts.hpp"
#include "service/events.hpp"
#include "service/offers.hpp"
#include "service/seats.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::check {
namespace {

using testing::CustomerFixture;
using testing::TempDatabase;

// A fresh database per test with two publishers' catalogues:
//   contoso.crm            license-managed, plans basic and premium
//   contoso.field-service  license-managed with install without license, plan pro
//   contoso.helpdesk       not license-managed (free), plan standard
//   northwind.timesheets   license-managed, plan team
class SeatIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        services_ = std::make_unique<service::Services>(db_.store(), service::Settings{});
        testing::add_offer(*services_, "contoso", "crm", {"basic", "premium"}, true, false);
        testing::add_offer(*services_, "contoso", "field-service", {"pro"}, true, true);
        testing::add_offer(*services_, "contoso", "helpdesk", {"standard"}, false, false);
        testing::add_offer(*services_, "northwind", "timesheets", {"team"}, true, false);
        tenant_ = customers_.add_tenant("Fabrikam");
    }

    Answer ask(const SeatIndex& index, const std::string& user, const std::string& service_id,
               const std::string& publisher = "contoso") const {
        return index.check(publisher, tenant_, user, service_id);
    }

    static void expect(const Answer& a, Verdict result, Reason reason, const std::string& plan = "") {
        EXPECT_EQ(to_string(a.result), to_string(result));
        EXPECT_EQ(to_string(a.reason), to_string(reason));
        EXPECT_EQ(std::string(a.plan_id.view()), plan);
    }

    void catch_up(SeatIndex& index) {
        const auto read = index.catch_up();
        ASSERT_TRUE(read.ok()) << read.status().message() << read.status().log_detail();
    }

    // A seat row with no event of its own: the index can only learn of it by reloading everything.
    void seat_without_event(const std::string& service_id, const std::string& upn) {
        write_raw(
            "INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq) "
            "VALUES (?, ?, ?, NULL, 'system', 0, 1000)",
            {tenant_, service_id, upn});
    }
    // An event row as a buggy or newer writer could leave it, past the typed contract.
    void raw_event(const std::string& type, const std::string& payload) {
        write_raw(
            "INSERT INTO events (created_at, actor, publisher_id, tenant_id, type, subject, payload) "
            "VALUES (0, 'system', 'contoso', ?, ?, 'x', ?)",
            {tenant_, type, payload});
    }
    // Seats taken and given back with their events as the use cases write them, many in one transaction.
    void seat_events(const std::vector<std::pair<bool, std::string>>& changes, const std::string& service_id,
                     const std::string& plan_id) {
        ASSERT_TRUE(store::in_transaction(db_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
                        for (const auto& [assigned, upn] : changes) {
                            if (assigned) {
                                tx.execute(
                                    "INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, "
                                    "assigned_at, seq) VALUES (?, ?, ?, NULL, 'system', 0, 1)",
                                    {tenant_, service_id, upn});
                            } else {
                                tx.execute("DELETE FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?",
                                           {tenant_, service_id, upn});
                            }
                            const std::string seat = R"({"tenant_id":")" + tenant_ + R"(","service_id":")" +
                                                     service_id + R"(","upn":")" + upn + R"(","plan_id":")" + plan_id +
                                                     R"(","group_id":null})";
                            tx.execute(
                                "INSERT INTO events (created_at, actor, publisher_id, tenant_id, type, subject, "
                                "payload) VALUES (0, 'system', 'contoso', ?, ?, 'x', ?)",
                                {tenant_, std::string(assigned ? "seat.assigned" : "seat.unassigned"),
                                 assigned ? R"({"before":null,"after":)" + seat + "}"
                                          : R"({"before":)" + seat + R"(,"after":null})"});
                        }
                        return Status::Ok();
                    }).ok());
    }
    // Seat rows with no events, many in one transaction.
    void seats_without_events(const std::string& service_id, int from, int to) {
        ASSERT_TRUE(store::in_transaction(db_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
                        for (int i = from; i < to; ++i) {
                            tx.execute(
                                "INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, "
                                "seq) VALUES (?, ?, ?, NULL, 'system', 0, ?)",
                                {tenant_, service_id, user(i), std::int64_t{i}});
                        }
                        return Status::Ok();
                    }).ok());
    }
    static std::string user(int i) { return "user" + std::to_string(i) + "@fabrikam.example"; }

    void write_raw(const std::string& sql, const std::vector<store::Value>& params) {
        ASSERT_TRUE(store::in_transaction(db_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
                        tx.execute(sql, params);
                        return Status::Ok();
                    }).ok());
    }

    TempDatabase db_;
    std::unique_ptr<service::Services> services_;
    CustomerFixture customers_{db_.store()};
    std::string tenant_;
};

TEST_F(SeatIndexTest, LoadsSeatsPoolsAndInstallationsAtStart) {
    customers_.set_licenses(tenant_, "contoso", "crm", "premium", 2);
    customers_.assign(tenant_, "contoso.crm.premium", "ada@fabrikam.example");
    customers_.install(tenant_, "contoso", "field-service");

    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.premium"), Verdict::kLicensed, Reason::kAssigned, "premium");
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.premium"), Verdict::kDenied, Reason::kNoSeat);
    expect(ask(index, "bob@fabrikam.example", "contoso.field-service.pro"), Verdict::kBase, Reason::kBaseOnly);
    const IndexStats stats = index.stats();
    EXPECT_EQ(stats.seats, 1U);
    EXPECT_EQ(stats.services, 4U);  // crm.basic, crm.premium, field-service.pro, timesheets.team
    EXPECT_GT(stats.cursor, 0);
}

// Every row of the decision table, with facts made the way the issue-4 use cases make them.
TEST_F(SeatIndexTest, AnswersEveryRowOfTheTable) {
    customers_.set_licenses(tenant_, "contoso", "crm", "premium", 3);
    customers_.assign(tenant_, "contoso.crm.premium", "ada@fabrikam.example");
    customers_.set_licenses(tenant_, "contoso", "field-service", "pro", 1);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());

    expect(ask(index, "ada@fabrikam.example", "contoso.crm.premium"), Verdict::kLicensed, Reason::kAssigned, "premium");
    // Base: install without license, and the tenant has an active pool for a plan of the offer (no install).
    expect(ask(index, "bob@fabrikam.example", "contoso.field-service.pro"), Verdict::kBase, Reason::kBaseOnly);
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.premium"), Verdict::kDenied, Reason::kNoSeat);
    // A pool for premium says nothing about basic: no license of that service ID for the tenant.
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoLicense);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.gold"), Verdict::kDenied, Reason::kUnknownServiceId);
    // Free offers have no service IDs to license.
    expect(ask(index, "ada@fabrikam.example", "contoso.helpdesk.standard"), Verdict::kDenied,
           Reason::kUnknownServiceId);
    // Another publisher's service IDs look unknown, whoever holds a seat.
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.premium", "northwind"), Verdict::kDenied,
           Reason::kUnknownServiceId);
    // A tenant the index has never heard of.
    expect(
        index.check("contoso", "00000000-0000-4000-8000-000000000000", "ada@fabrikam.example", "contoso.crm.premium"),
        Verdict::kDenied, Reason::kNoLicense);
}

TEST_F(SeatIndexTest, CatchUpAppliesAssignmentsAndUnassignmentsInOrder) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    const std::int64_t loaded_at = index.cursor();

    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    customers_.assign(tenant_, "contoso.crm.basic", "bob@fabrikam.example");
    customers_.unassign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);

    const auto read = index.catch_up();
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, 3U);
    EXPECT_EQ(index.cursor(), loaded_at + 3);
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);

    const auto again = index.catch_up();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0U);
}

TEST_F(SeatIndexTest, CatchUpFollowsLicenseChanges) {
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoLicense);

    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);

    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 0);  // the trash icon
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoLicense);
}

TEST_F(SeatIndexTest, CatchUpFollowsInstallations) {
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    expect(ask(index, "ada@fabrikam.example", "contoso.field-service.pro"), Verdict::kDenied, Reason::kNotInstalled);
    customers_.install(tenant_, "contoso", "field-service");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.field-service.pro"), Verdict::kBase, Reason::kBaseOnly);
    // Installing crm (no install without license) changes nothing for crm.
    customers_.install(tenant_, "contoso", "crm");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoLicense);
}

// A seat held through a group answers `group` (issue 14), after a catch-up and after a load.
TEST_F(SeatIndexTest, ASeatHeldThroughAGroupSaysSo) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    write_raw(
        "INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq) "
        "VALUES (?, 'contoso.crm.basic', 'bob@fabrikam.example', 'grp_sales', 'system', 0, 99)",
        {tenant_});
    raw_event("seat.assigned", R"({"before":null,"after":{"tenant_id":")" + tenant_ +
                                   R"(","service_id":"contoso.crm.basic","upn":"bob@fabrikam.example",)"
                                   R"("plan_id":"basic","group_id":"grp_sales"}})");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kGroup, "basic");
    SeatIndex fresh(db_.store());
    ASSERT_TRUE(fresh.load().ok());
    expect(ask(fresh, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(fresh, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kGroup, "basic");
}

// ---- License terms (issue 14): the check follows the day without waiting for a catch-up.

Millis g_now = 0;  // the clock of the indexes below
Millis test_clock() { return g_now; }
domain::Day day(std::string_view text) { return domain::parse_day(text).value(); }
void set_today(std::string_view text) { g_now = domain::start_of(day(text)) + 12 * 3'600'000; }

TEST_F(SeatIndexTest, TheCheckFollowsATermDayByDay) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    write_raw("UPDATE licenses SET term_start = ?, term_end = ?, grace_days = 3 WHERE tenant_id = ?",
              {std::int64_t{day("2026-01-01")}, std::int64_t{day("2026-12-31")}, tenant_});
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);  // license.changed
    set_today("2025-12-31");
    SeatIndex index(db_.store(), test_clock);
    ASSERT_TRUE(index.load().ok());
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNotStarted);
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNotStarted);
    set_today("2026-01-01");  // no catch-up: the index knows the dates
    const Answer first_day = ask(index, "ada@fabrikam.example", "contoso.crm.basic");
    expect(first_day, Verdict::kLicensed, Reason::kAssigned, "basic");
    EXPECT_EQ(first_day.valid_until, domain::start_of(day("2027-01-04")));  // the day after the grace's last
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);
    set_today("2026-12-31");
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    set_today("2027-01-01");
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kInGrace, "basic");
    set_today("2027-01-03");
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kInGrace, "basic");
    set_today("2027-01-04");
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kExpired);
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kExpired);

    // Suspended: denied whatever the day; reinstated: back, with the seat it kept.
    set_today("2026-06-01");
    write_raw("UPDATE licenses SET suspended_at = 1, suspension_reason = 'unpaid' WHERE tenant_id = ?", {tenant_});
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kSuspended);
    write_raw("UPDATE licenses SET suspended_at = NULL, suspension_reason = NULL WHERE tenant_id = ?", {tenant_});
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
}

// A site license licenses the users of the tenant's verified domains as the domains come and go (their events),
// without seats; a trial's seats say trial.
TEST_F(SeatIndexTest, ASiteLicenseFollowsTheVerifiedDomainsAndATrialSaysSo) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 1);
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    write_raw("UPDATE licenses SET site = 1 WHERE tenant_id = ?", {tenant_});
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 1);  // license.changed
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(index, "carol@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);

    write_raw("INSERT INTO tenant_domains (domain, tenant_id, created_at) VALUES ('fabrikam.example', ?, 0)",
              {tenant_});
    raw_event("tenant.domain_verified", R"({"before":null,"after":{"domain":"fabrikam.example","state":"verified"}})");
    catch_up(index);
    expect(ask(index, "carol@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kSiteLicense,
           "basic");
    expect(ask(index, "eve@contoso.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);
    expect(ask(index, "carol@fabrikam.example.evil", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);

    write_raw("DELETE FROM tenant_domains WHERE tenant_id = ?", {tenant_});
    raw_event("tenant.domain_removed", R"({"before":{"domain":"fabrikam.example","state":"verified"},"after":null})");
    catch_up(index);
    expect(ask(index, "carol@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);

    write_raw("UPDATE licenses SET site = 0, trial = 1 WHERE tenant_id = ?", {tenant_});
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 1);
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kTrial, "basic");
}

// Two deals feed one pool: 2 licenses without an end and 2 that end. When the second lapse, the 2 oldest seats
// stay licensed and the newest are denied; a seat given back makes room for the next oldest.
TEST_F(SeatIndexTest, WhenSomeLicensesLapseTheOldestSeatsStayCovered) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);
    write_raw(
        "INSERT INTO deals (id, publisher_id, offer_id, customer_name, customer_domain, contact_email, plan_ids, "
        "seats, value_cents, currency, close_date, state, tenant_id, created_by, created_at, updated_at) VALUES "
        "('deal_renewal', 'contoso', 'crm', 'Fabrikam', 'fabrikam.example', 'b@fabrikam.example', '[\"basic\"]', 2, "
        "0, 'EUR', '2030-01-01', 'won', ?, 'system', 0, 0)",
        {tenant_});
    write_raw(
        "INSERT INTO licenses (deal_id, plan_id, publisher_id, offer_id, tenant_id, service_id, quantity, active, "
        "created_at, updated_at, term_start, term_end, grace_days) VALUES ('deal_renewal', 'basic', 'contoso', "
        "'crm', ?, 'contoso.crm.basic', 2, 1, 0, 0, ?, ?, 0)",
        {tenant_, std::int64_t{day("2026-01-01")}, std::int64_t{day("2026-06-30")}});
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);  // the pool: 4 licenses
    set_today("2026-03-01");
    SeatIndex index(db_.store(), test_clock);
    ASSERT_TRUE(index.load().ok());
    for (const char* user : {"ada", "bob", "cy", "dee"}) {
        customers_.assign(tenant_, "contoso.crm.basic", std::string(user) + "@fabrikam.example");
    }
    catch_up(index);
    for (const char* user : {"ada", "bob", "cy", "dee"}) {
        expect(ask(index, std::string(user) + "@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed,
               Reason::kAssigned, "basic");
    }
    set_today("2026-07-01");  // the renewal deal's licenses have ended
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(index, "bob@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    EXPECT_EQ(ask(index, "ada@fabrikam.example", "contoso.crm.basic").valid_until, 0);  // covered by the endless
    expect(ask(index, "cy@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kExpired);
    expect(ask(index, "dee@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kExpired);
    expect(ask(index, "eve@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);

    customers_.unassign(tenant_, "contoso.crm.basic", "bob@fabrikam.example");
    catch_up(index);
    expect(ask(index, "cy@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(index, "dee@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kExpired);
    // The same from a fresh load.
    SeatIndex fresh(db_.store(), test_clock);
    ASSERT_TRUE(fresh.load().ok());
    expect(ask(fresh, "cy@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(fresh, "dee@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kExpired);
}

TEST_F(SeatIndexTest, CatchUpFollowsTheCatalogue) {
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    testing::add_offer(*services_, "contoso", "inventory", {"core"}, false, false);
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.inventory.core"), Verdict::kDenied, Reason::kUnknownServiceId);

    // License management switched on (allowed while the offer was never published): its plans become service IDs.
    service::OfferPatch patch;
    patch.license_management = true;
    patch.allow_install_without_license = true;
    patch.call_to_action_given = true;
    const auto updated = service::update_offer(*services_, service::system_principal("contoso"), "inventory", patch);
    ASSERT_TRUE(updated.ok()) << updated.status().message();
    customers_.install(tenant_, "contoso", "inventory");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.inventory.core"), Verdict::kBase, Reason::kBaseOnly);
    // A new plan is a new service ID at once.
    ASSERT_TRUE(service::create_plan(*services_, service::system_principal("contoso"), "inventory",
                                     {"analytics", "Analytics", "", ""})
                    .ok());
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.inventory.analytics"), Verdict::kBase, Reason::kBaseOnly);
}

// Another node (or the command line) writes through its own Store: the next catch_up sees it.
TEST_F(SeatIndexTest, SeesChangesWrittenThroughAnotherStore) {
    customers_.set_licenses(tenant_, "contoso", "crm", "premium", 1);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    const auto other = db_.open_another();
    CustomerFixture elsewhere(*other);
    elsewhere.assign(tenant_, "contoso.crm.premium", "ada@fabrikam.example");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.premium"), Verdict::kLicensed, Reason::kAssigned, "premium");
}

// More events than one query reads (500) arrive in one catch-up, in order.
TEST_F(SeatIndexTest, CatchesUpAcrossManyEvents) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 1000);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    for (int i = 0; i < 600; ++i)
        customers_.assign(tenant_, "contoso.crm.basic", "u" + std::to_string(i) + "@f.example");
    for (int i = 0; i < 600; i += 2)
        customers_.unassign(tenant_, "contoso.crm.basic", "u" + std::to_string(i) + "@f.example");
    const auto read = index.catch_up();
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, 900U);
    EXPECT_EQ(index.stats().seats, 300U);
    expect(ask(index, "u0@f.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);
    expect(ask(index, "u599@f.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
}

// The seat events the use cases write (service/seats.cpp, not the fixture) are read back through the typed
// contract and applied one by one.
TEST_F(SeatIndexTest, AppliesTheSeatEventsTheServiceWrites) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    const auto write = [&](const std::function<Status(store::Transaction&, const data::PoolRow&)>& change) {
        ASSERT_TRUE(store::in_transaction(db_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
                        const auto pool = data::seats::find_pool(tx, tenant_, "contoso.crm.basic");
                        if (!pool) return Status::NotFound("no pool");
                        return change(tx, *pool);
                    }).ok());
    };
    write([](store::Transaction& tx, const data::PoolRow& pool) {
        return service::take_seats(tx, "system", pool, {{"ada@fabrikam.example", ""}}).status();
    });
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    EXPECT_EQ(index.stats().seats, 1U);

    write([](store::Transaction& tx, const data::PoolRow& pool) {
        service::release_seat(tx, "system", pool, "ada@fabrikam.example");
        return Status::Ok();
    });
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);
    EXPECT_EQ(index.stats().seats, 0U);
}

// An event the index cannot read piecemeal makes it reload everything rather than drift.
TEST_F(SeatIndexTest, ReloadsEverythingOnAnUnreadableSeatEvent) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    seat_without_event("contoso.crm.basic", "ada@fabrikam.example");
    raw_event("seat.assigned", R"({"before":null,"after":"not a seat"})");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
}

TEST_F(SeatIndexTest, ReloadsEverythingOnASeatEventWithoutItsSeat) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    seat_without_event("contoso.crm.basic", "ada@fabrikam.example");
    raw_event("seat.assigned", R"({"before":null,"after":null})");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
}

// A type this build does not know (written by a newer node during an upgrade) might change anything.
TEST_F(SeatIndexTest, ReloadsEverythingOnAnEventTypeItDoesNotKnow) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    seat_without_event("contoso.crm.basic", "ada@fabrikam.example");
    raw_event("seat.transferred", R"({"before":null,"after":null})");
    std::vector<std::optional<domain::EventType>> observed;
    const auto read = index.catch_up([&](std::optional<domain::EventType> type) { observed.push_back(type); });
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(observed, std::vector<std::optional<domain::EventType>>{std::nullopt});
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
}

// Events the check does not depend on change nothing and reload nothing.
TEST_F(SeatIndexTest, LeavesOtherEventsAlone) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 2);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    seat_without_event("contoso.crm.basic", "ada@fabrikam.example");
    raw_event("group.created", R"({"before":null,"after":{"id":"grp_1","name":"Sales","members":[]}})");
    std::vector<std::optional<domain::EventType>> observed;
    const auto read = index.catch_up([&](std::optional<domain::EventType> type) { observed.push_back(type); });
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(observed, std::vector<std::optional<domain::EventType>>{domain::EventType::kGroupCreated});
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);
}

// The seat table and the tenants' grow from their first few slots to tens of thousands while loading and catching
// up, the seats' bytes fill more than one arena chunk (1 MiB), and every seat stays findable, every other user not.
TEST_F(SeatIndexTest, GrowsAcrossManySeatsAndTenants) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 100000);
    customers_.set_licenses(tenant_, "contoso", "crm", "premium", 100000);
    seats_without_events("contoso.crm.basic", 0, 3000);
    seats_without_events("contoso.crm.basic", 10000, 50000);
    std::vector<std::string> tenants;
    for (int t = 0; t < 150; ++t) tenants.push_back(customers_.add_tenant("Tenant " + std::to_string(t)));
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    EXPECT_EQ(index.stats().seats, 43000U);

    std::vector<std::pair<bool, std::string>> changes;
    for (int i = 0; i < 5000; ++i) changes.emplace_back(true, user(i));
    seat_events(changes, "contoso.crm.premium", "premium");
    for (const std::string& tenant : tenants) customers_.set_licenses(tenant, "contoso", "crm", "basic", 1);
    customers_.assign(tenants.back(), "contoso.crm.basic", "ada@tenant.example");
    catch_up(index);
    EXPECT_EQ(index.stats().seats, 48001U);
    EXPECT_EQ(index.stats().tenants, 151U);
    for (int i = 10000; i < 50000; ++i) {
        ASSERT_EQ(ask(index, user(i), "contoso.crm.basic").result, Verdict::kLicensed) << user(i);
    }
    for (int i = 0; i < 6000; ++i) {
        expect(ask(index, user(i), "contoso.crm.basic"), i < 3000 ? Verdict::kLicensed : Verdict::kDenied,
               i < 3000 ? Reason::kAssigned : Reason::kNoSeat, i < 3000 ? "basic" : "");
        expect(ask(index, user(i), "contoso.crm.premium"), i < 5000 ? Verdict::kLicensed : Verdict::kDenied,
               i < 5000 ? Reason::kAssigned : Reason::kNoSeat, i < 5000 ? "premium" : "");
    }
    expect(index.check("contoso", tenants.back(), "ada@tenant.example", "contoso.crm.basic"), Verdict::kLicensed,
           Reason::kAssigned, "basic");
    expect(index.check("contoso", tenants.front(), "ada@tenant.example", "contoso.crm.basic"), Verdict::kDenied,
           Reason::kNoSeat);
    // A full reload reads the same.
    ASSERT_TRUE(index.load().ok());
    EXPECT_EQ(index.stats().seats, 48001U);
    EXPECT_EQ(ask(index, user(49999), "contoso.crm.basic").result, Verdict::kLicensed);
    expect(ask(index, user(4999), "contoso.crm.premium"), Verdict::kLicensed, Reason::kAssigned, "premium");
}

// A seat taken back and given again, in separate catch-ups and within one; and so many times over that the
// removed seats' bytes are compacted away, with every answer staying right.
TEST_F(SeatIndexTest, UnassignThenReassign) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    catch_up(index);
    customers_.unassign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    customers_.unassign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    customers_.unassign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    catch_up(index);
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    EXPECT_EQ(index.stats().seats, 1U);

    // 8000 assignments and removals of 200 users (over 64 KiB of removed entries, so compacted at least once),
    // 100 kept at the end.
    for (int round = 0; round < 20; ++round) {
        std::vector<std::pair<bool, std::string>> changes;
        for (int i = 0; i < 200; ++i) changes.emplace_back(true, user(i));
        for (int i = 0; i < 200; ++i) {
            if (round < 19 || i % 2 == 0) changes.emplace_back(false, user(i));
        }
        seat_events(changes, "contoso.crm.basic", "basic");
        catch_up(index);
    }
    EXPECT_EQ(index.stats().seats, 101U);
    for (int i = 0; i < 200; ++i) {
        expect(ask(index, user(i), "contoso.crm.basic"), i % 2 == 1 ? Verdict::kLicensed : Verdict::kDenied,
               i % 2 == 1 ? Reason::kAssigned : Reason::kNoSeat, i % 2 == 1 ? "basic" : "");
    }
    expect(ask(index, "ada@fabrikam.example", "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
}

// Readers never wait for the writer and never see a torn table: checks on several threads while catch_up adds
// and removes seats (growing the tables), changes pools and reloads everything (ThreadSanitizer runs this).
TEST_F(SeatIndexTest, ChecksRunWhileCatchUpChangesTheIndex) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 100000);
    customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
    SeatIndex index(db_.store());
    ASSERT_TRUE(index.load().ok());

    std::atomic<bool> done{false};
    std::atomic<int> wrong{0};
    std::atomic<std::uint64_t> checks{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 3; ++r) {
        readers.emplace_back([&, r] {
            for (int i = 0; !done.load(); ++i) {
                // Ada's seat is never touched: always licensed. Other users come and go.
                const Answer ada = ask(index, "ada@fabrikam.example", "contoso.crm.basic");
                if (ada.result != Verdict::kLicensed || ada.plan_id.view() != "basic") ++wrong;
                const Answer other = ask(index, user((i * 7 + r) % 3000), "contoso.crm.basic");
                if (other.result == Verdict::kBase) ++wrong;
                ++checks;
            }
        });
    }
    for (int round = 0; round < 6; ++round) {
        std::vector<std::pair<bool, std::string>> changes;
        for (int i = 0; i < 500; ++i) changes.emplace_back(true, user(round * 500 + i));
        for (int i = 0; i < 500; i += 3) changes.emplace_back(false, user(round * 500 + i));
        seat_events(changes, "contoso.crm.basic", "basic");
        customers_.set_licenses(tenant_, "contoso", "crm", "premium", round);
        catch_up(index);
        if (round == 3) {
            raw_event("seat.transferred", "{}");  // a full reload, swapped in under the readers
            catch_up(index);
        }
    }
    done = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_GT(checks.load(), 0U);
    EXPECT_EQ(index.stats().seats, 1U + 6 * (500 - 167));
    expect(ask(index, user(1), "contoso.crm.basic"), Verdict::kLicensed, Reason::kAssigned, "basic");
    expect(ask(index, user(0), "contoso.crm.basic"), Verdict::kDenied, Reason::kNoSeat);
}

}  // namespace
}  // namespace seatkeeper::check
