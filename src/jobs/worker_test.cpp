// The worker against a real database of the test backend (SEATKEEPER_TEST_BACKEND): run_due_jobs runs every
// kind a lane knows on the caller's thread, the started lanes run them on their own, and a kind no lane knows
// stays pending, untouched, for a node that knows it.
#include "jobs/worker.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "service/mail.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::jobs {
namespace {

struct JobRow {
    std::string state;
    std::int64_t attempts = 0;
};

class WorkerTest : public ::testing::Test {
protected:
    // One job of each kind, all due now; the review and go-live jobs are for an offer that does not exist, which
    // their handlers treat as stale (done, nothing changed).
    void enqueue_one_of_each() {
        const auto written = store::in_transaction(
            database_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<std::string> {
                const boost::json::object offer{{"offer_id", "crm"}, {"attempt", 1}};
                service::enqueue_job(tx, service::kJobReview, "contoso", "offers/review", offer, now_millis());
                service::enqueue_job(tx, service::kJobGoLive, "contoso", "offers/go-live", offer, now_millis());
                service::enqueue_job(tx, "webhook", "contoso", "hooks/1", {}, now_millis());
                return service::enqueue_mail(tx, {"ada@fabrikam.example", "Hello", "Body\n", {}, {}});
            });
        ASSERT_TRUE(written.ok()) << written.status().message();
        mail_subject_ = "mails/" + *written;
    }

    JobRow job(const std::string& subject) {
        auto row = store::in_transaction(
            database_.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<JobRow> {
                const auto r = tx.query_one("SELECT state, attempts FROM jobs WHERE subject = ?", {subject});
                if (!r) return Status::NotFound(subject);
                return JobRow{r->text(0), r->integer(1)};
            });
        EXPECT_TRUE(row.ok()) << row.status().message();
        return row.ok() ? *row : JobRow{};
    }

    bool known_kinds_done() {
        return job("offers/review").state == "done" && job("offers/go-live").state == "done" &&
               job(mail_subject_).state == "done";
    }

    void expect_unknown_kind_untouched() {
        const JobRow unknown = job("hooks/1");
        EXPECT_EQ(unknown.state, "pending");
        EXPECT_EQ(unknown.attempts, 0) << "no lane claims a kind it does not know";
    }

    testing::TempDatabase database_;
    service::Services services_{database_.store(), service::Settings{}};
    std::string mail_subject_;
};

TEST_F(WorkerTest, RunDueJobsRunsEveryKnownKindOnTheCallersThread) {
    enqueue_one_of_each();
    Worker worker(services_);
    EXPECT_EQ(worker.run_due_jobs(), 3);
    EXPECT_TRUE(known_kinds_done());
    expect_unknown_kind_untouched();
    EXPECT_EQ(worker.run_due_jobs(), 0);
}

TEST_F(WorkerTest, StartedLanesRunEveryKnownKind) {
    Worker worker(services_,
                  {.review_concurrency = 2, .go_live_concurrency = 1, .mail_concurrency = 2, .poll_interval_ms = 20});
    worker.start();
    enqueue_one_of_each();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!known_kinds_done() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    worker.stop();
    EXPECT_TRUE(known_kinds_done());
    expect_unknown_kind_untouched();
}

}  // namespace
}  // namespace seatkeeper::jobs
