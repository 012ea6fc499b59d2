// Seat activity (issue 15): what the index records (a licensed answer from a seat, once per seat and day), what
// SeatActivity writes (one row per seat and day, merged across nodes) and what its retention keeps. A real
// database of the test's backend, as SeatIndexTest.
#include "check/seat_activity.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "check/seat_index.hpp"
#include "domain/license_term.hpp"
#include "service/accounts.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::check {
namespace {

using testing::CustomerFixture;
using testing::TempDatabase;

// The day the test's clock says; moved by the tests.
std::atomic<Millis> test_now{0};
Millis test_clock() { return test_now.load(); }

class SeatActivityTest : public ::testing::Test {
protected:
    void SetUp() override {
        test_now = now_millis();
        services_ = std::make_unique<service::Services>(db_.store(), service::Settings{});
        testing::add_offer(*services_, "contoso", "crm", {"basic"}, true, false);
        tenant_ = customers_.add_tenant("Fabrikam");
        customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
        customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
        customers_.assign(tenant_, "contoso.crm.basic", "bo@fabrikam.example");
    }

    [[nodiscard]] static domain::Day today() { return domain::day_of(test_clock()); }

    // (upn, day) of every row, in order.
    std::vector<std::tuple<std::string, std::int64_t>> rows() {
        std::vector<std::tuple<std::string, std::int64_t>> out;
        EXPECT_TRUE(store::in_transaction(db_.store(), store::TxMode::kRead, [&](store::Transaction& tx) {
                        for (const auto& r :
                             tx.query("SELECT upn, day, tenant_id, service_id, publisher_id FROM seat_activity "
                                      "ORDER BY upn, day")) {
                            EXPECT_EQ(r.text(2), tenant_);
                            EXPECT_EQ(r.text(3), "contoso.crm.basic");
                            EXPECT_EQ(r.text(4), "contoso");
                            out.emplace_back(r.text(0), r.integer(1));
                        }
                        return Status::Ok();
                    }).ok());
        return out;
    }

    Answer ask(const SeatIndex& index, const std::string& user) const {
        return index.check("contoso", tenant_, user, "contoso.crm.basic");
    }

    TempDatabase db_;
    std::unique_ptr<service::Services> services_;
    CustomerFixture customers_{db_.store()};
    std::string tenant_;
};

// What reclaim counts beside the database: the latest unwritten day per UPN of one tenant's service ID, and
// nothing once a flush wrote it.
TEST_F(SeatActivityTest, UnwrittenGivesTheLatestDayPerSeatUntilAFlushWritesIt) {
    SeatActivity activity(db_.store(), {}, test_clock);
    const domain::Day day = today();
    activity.record("contoso", tenant_, "contoso.crm.basic", "ada@fabrikam.example", day - 2);
    activity.record("contoso", tenant_, "contoso.crm.basic", "ada@fabrikam.example", day);
    activity.record("contoso", tenant_, "contoso.crm.basic", "bo@fabrikam.example", day - 1);
    activity.record("contoso", tenant_, "contoso.crm.other", "cy@fabrikam.example", day);
    activity.record("contoso", "another-tenant", "contoso.crm.basic", "dan@fabrikam.example", day);
    EXPECT_EQ(activity.unwritten(tenant_, "contoso.crm.basic"),
              (std::map<std::string, domain::Day>{{"ada@fabrikam.example", day}, {"bo@fabrikam.example", day - 1}}));
    EXPECT_EQ(activity.pending(), 5U);  // reading takes nothing
    ASSERT_TRUE(activity.flush().ok());
    EXPECT_TRUE(activity.unwritten(tenant_, "contoso.crm.basic").empty());
}

TEST_F(SeatActivityTest, ASeatsFirstLicensedAnswerOfTheDayIsRecordedOnce) {
    SeatActivity activity(db_.store(), {}, test_clock);
    SeatIndex index(db_.store(), test_clock, &activity);
    ASSERT_TRUE(index.load().ok());
    for (int i = 0; i < 3; ++i) EXPECT_EQ(to_string(ask(index, "ada@fabrikam.example").result), "licensed");
    EXPECT_EQ(activity.pending(), 1U);
    ASSERT_TRUE(activity.flush().ok());
    EXPECT_EQ(activity.pending(), 0U);
    EXPECT_EQ(rows(), (std::vector<std::tuple<std::string, std::int64_t>>{{"ada@fabrikam.example", today()}}));

    (void)ask(index, "ada@fabrikam.example");
    EXPECT_EQ(activity.pending(), 0U) << "already recorded today";
    test_now = test_now.load() + 86'400'000;  // the next day
    (void)ask(index, "ada@fabrikam.example");
    EXPECT_EQ(activity.pending(), 1U);
    ASSERT_TRUE(activity.flush().ok());
    EXPECT_EQ(rows().size(), 2U);
}

TEST_F(SeatActivityTest, OnlyAnswersFromASeatAreActivity) {
    SeatActivity activity(db_.store(), {}, test_clock);
    SeatIndex index(db_.store(), test_clock, &activity);
    ASSERT_TRUE(index.load().ok());
    EXPECT_EQ(to_string(ask(index, "cy@fabrikam.example").reason), "no_seat");
    EXPECT_EQ(to_string(index.check("northwind", tenant_, "ada@fabrikam.example", "contoso.crm.basic").reason),
              "unknown_service_id");
    // The licenses expired ten days ago; the seats stay, denied.
    ASSERT_TRUE(store::in_transaction(db_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
                    tx.execute("UPDATE licenses SET term_start = ?, term_end = ? WHERE tenant_id = ?",
                               {std::int64_t{today() - 60}, std::int64_t{today() - 10}, tenant_});
                    return Status::Ok();
                }).ok());
    ASSERT_TRUE(index.load().ok());
    EXPECT_EQ(to_string(ask(index, "ada@fabrikam.example").reason), "expired");
    EXPECT_EQ(activity.pending(), 0U);
    ASSERT_TRUE(activity.flush().ok());
    EXPECT_TRUE(rows().empty());
}

TEST_F(SeatActivityTest, TheDatabaseMergesWhatSeveralNodesRecord) {
    const auto other_store = db_.open_another();
    SeatActivity here(db_.store(), {}, test_clock);
    SeatActivity there(*other_store, {}, test_clock);
    SeatIndex a(db_.store(), test_clock, &here);
    SeatIndex b(*other_store, test_clock, &there);
    ASSERT_TRUE(a.load().ok());
    ASSERT_TRUE(b.load().ok());
    (void)ask(a, "ada@fabrikam.example");
    (void)ask(b, "ada@fabrikam.example");
    (void)ask(b, "bo@fabrikam.example");
    ASSERT_TRUE(here.flush().ok());
    ASSERT_TRUE(there.flush().ok());
    EXPECT_EQ(rows(), (std::vector<std::tuple<std::string, std::int64_t>>{{"ada@fabrikam.example", today()},
                                                                          {"bo@fabrikam.example", today()}}));
}

TEST_F(SeatActivityTest, ChecksOnManyThreadsRecordEachSeatOnce) {
    customers_.set_licenses(tenant_, "contoso", "crm", "basic", 300);
    for (int i = 0; i < 200; ++i)
        customers_.assign(tenant_, "contoso.crm.basic", "u" + std::to_string(i) + "@fabrikam.example");
    SeatActivity activity(db_.store(), {}, test_clock);
    SeatIndex index(db_.store(), test_clock, &activity);
    ASSERT_TRUE(index.load().ok());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int round = 0; round < 3; ++round) {
                for (int i = 0; i < 200; ++i) (void)ask(index, "u" + std::to_string(i) + "@fabrikam.example");
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(activity.pending(), 200U);
    ASSERT_TRUE(activity.flush().ok());
    EXPECT_EQ(rows().size(), 200U);
}

TEST_F(SeatActivityTest, RetentionDeletesOldRowsButEachSeatsLast) {
    SeatActivity writer(db_.store(), {}, test_clock);
    const domain::Day now = today();
    for (const auto& [upn, days_ago] : std::vector<std::pair<std::string, int>>{{"ada@fabrikam.example", 40},
                                                                                {"ada@fabrikam.example", 35},
                                                                                {"ada@fabrikam.example", 3},
                                                                                {"bo@fabrikam.example", 50},
                                                                                {"bo@fabrikam.example", 45}}) {
        writer.record("contoso", tenant_, "contoso.crm.basic", upn, now - days_ago);
    }
    ASSERT_TRUE(writer.flush().ok());
    SeatActivity pruning(db_.store(), {.flush_ms = 1000, .retention_days = 30}, test_clock);
    ASSERT_TRUE(pruning.flush().ok()) << "nothing recorded: it prunes all the same, once a day";
    EXPECT_EQ(rows(), (std::vector<std::tuple<std::string, std::int64_t>>{{"ada@fabrikam.example", now - 3},
                                                                          {"bo@fabrikam.example", now - 45}}));
}

TEST_F(SeatActivityTest, StopWritesWhatIsPending) {
    {
        SeatActivity activity(db_.store(), {.flush_ms = 3'600'000, .retention_days = 0}, test_clock);
        activity.start();
        activity.record("contoso", tenant_, "contoso.crm.basic", "ada@fabrikam.example", today());
        activity.stop();
    }
    EXPECT_EQ(rows().size(), 1U);
}

}  // namespace
}  // namespace seatkeeper::check
