// Job lanes (issue 11, finding 12): each job kind runs in a lane of its own, so a review reading a package
// URL that trickles its bytes never holds up an invitation mail, and reviews run side by side up to
// jobs.review_concurrency. The package server trickles until the test releases it, so "the review is still
// running when the mail arrives" is an order the test sets up, not a race it has to win.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "http/harness.hpp"
#include "package/package_writer.hpp"
#include "support/file_server.hpp"
#include "support/smtp_sink.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

// One byte per tick: a package of a few KiB would take minutes, so only release() ends a download.
constexpr auto kTrickleTick = std::chrono::milliseconds(100);

struct JobRow {
    std::string state;
    std::int64_t attempts = 0;
    bool leased = false;
};

class JobLanes : public ::testing::Test {
protected:
    void SetUp() override {
        server_.create_publisher("contoso");
        ASSERT_EQ(admin_.login("admin@contoso.example", "password-contoso-1").status, 200);
    }

    // A license-managed offer with a listing and the plans basic and premium, its CRM Package URL trickling a
    // package that passes review.
    void submit_trickling_offer(const std::string& id) {
        ASSERT_EQ(
            admin_.post("/api/v1/offers", {{"id", id}, {"alias", id + " alias"}, {"type", "dynamics-365-ce-powerapps"}})
                .status,
            201);
        package::SolutionPackage pkg{"contoso" + id, "1.0.0.0", "contoso", {}, {}};
        const std::string offer_path = "/api/v1/offers/" + id;
        const std::string service_id_prefix = "contoso." + id + ".";
        const std::string app_module = "contoso_" + id + "_app";
        const std::string more_info = "https://contoso.example/" + id;
        for (const char* name : {"basic", "premium"}) {
            const std::string plan = name;
            ASSERT_EQ(
                admin_.post(offer_path + "/plans", {{"id", plan}, {"name", "Plan " + plan}, {"description", "All."}})
                    .status,
                201);
            pkg.service_plans.push_back({service_id_prefix + plan, "Plan " + plan, more_info});
            pkg.app_modules.push_back({service_id_prefix + plan, app_module});
        }
        files_.trickle(zip_path(id), package::write_package(pkg), kTrickleTick);
        const auto patched = admin_.patch(
            offer_path,
            {{"licensing", {{"license_management", true}}},
             {"listing", {{"name", "Contoso " + id}, {"summary", "For Dynamics"}, {"description", "Pipelines."}}},
             {"technical_configuration", {{"package_url", files_.url(zip_path(id))}}}});
        ASSERT_EQ(patched.status, 200) << patched.body;
        const auto published = admin_.post(offer_path + "/publish");
        ASSERT_EQ(published.status, 202) << published.body;
    }

    static std::string zip_path(const std::string& id) { return "/" + id + ".zip"; }

    std::string offer_state(const std::string& id) { return admin_.get("/api/v1/offers/" + id).str("state"); }

    // The review job of offer `id`, as the jobs table has it.
    JobRow review_job(const std::string& id) {
        auto row = store::in_transaction(
            server_.app().services().store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<JobRow> {
                const auto r = tx.query_one(
                    "SELECT state, attempts, locked_until FROM jobs WHERE kind = 'review_offer' AND subject = ?",
                    {"offers/" + id});
                if (!r) return Status::NotFound("no review job for " + id);
                return JobRow{r->text(0), r->integer(1), !r->is_null(2)};
            });
        EXPECT_TRUE(row.ok()) << row.status().message();
        return row.ok() ? *row : JobRow{};
    }

    SmtpSink sink_;
    TestServer server_{[this](app::Config& c) {
        c.settings.smtp.url = sink_.url();
        c.settings.smtp.from = {"Seatkeeper", "no-reply@seatkeeper.test"};
        // The download may take as long as the test holds it: only release() ends it, never a timeout.
        c.settings.fetch_limits.timeout = std::chrono::seconds(600);
        c.jobs.review_concurrency = 2;
    }};
    Client admin_{server_.base()};
    // Declared last, so destroyed first: a test that fails before releasing its trickles ends the downloads,
    // and with them the reviews, before the server stops.
    FileServer files_;
};

TEST_F(JobLanes, AnInvitationMailGoesOutWhileAReviewReadsATricklingPackage) {
    submit_trickling_offer("crm");
    // The review has begun reading the package, and cannot finish before the test releases it.
    ASSERT_EQ(files_.wait_for_requests(zip_path("crm"), 1), 1U) << "the review never fetched the package";

    const auto deal = admin_.post(
        "/api/v1/deals",
        {{"customer",
          {{"name", "Fabrikam"}, {"domain", "fabrikam.example"}, {"contact_email", "billing@fabrikam.example"}}},
         {"offer_id", "crm"},
         {"plan_ids", bj::array{"basic"}},
         {"seats", 10},
         {"value", 1000},
         {"close_date", "2026-12-31"}});
    ASSERT_EQ(deal.status, 201) << deal.body;
    const auto invite =
        admin_.post("/api/v1/deals/" + deal.str("id") + "/invitations", {{"email", "billing@fabrikam.example"}});
    ASSERT_EQ(invite.status, 201) << invite.body;

    const auto messages = sink_.wait_for_messages(1);
    ASSERT_EQ(messages.size(), 1U) << "the invitation mail waited behind the review";
    EXPECT_EQ(bj::serialize(messages.front().at("rcpt_tos")), R"(["billing@fabrikam.example"])");
    // The mail is out while the review is still at work: the offer in review, its job leased on its first run.
    EXPECT_EQ(offer_state("crm"), "in_review");
    const JobRow job = review_job("crm");
    EXPECT_EQ(job.state, "pending");
    EXPECT_EQ(job.attempts, 1);
    EXPECT_TRUE(job.leased);

    files_.release(zip_path("crm"));
    const auto reviewed = wait_for_offer_state(admin_, "crm", "preview");
    EXPECT_TRUE(reviewed.at("notifications").as_array().empty()) << bj::serialize(reviewed);
    EXPECT_EQ(files_.requests(zip_path("crm")), 1U) << "one review, one download";
}

TEST_F(JobLanes, TwoReviewsRunAtOnceWithReviewConcurrencyTwo) {
    submit_trickling_offer("crm");
    submit_trickling_offer("erp");
    // Neither download can end before its release, so both being under way means both reviews run at once.
    ASSERT_EQ(files_.wait_for_requests(zip_path("crm"), 1), 1U);
    ASSERT_EQ(files_.wait_for_requests(zip_path("erp"), 1), 1U) << "the second review waited for the first";
    for (const char* id : {"crm", "erp"}) {
        EXPECT_EQ(offer_state(id), "in_review") << id;
        EXPECT_TRUE(review_job(id).leased) << id;
    }

    for (const char* id : {"crm", "erp"}) files_.release(zip_path(id));
    for (const char* id : {"crm", "erp"}) {
        const auto reviewed = wait_for_offer_state(admin_, id, "preview");
        EXPECT_TRUE(reviewed.at("notifications").as_array().empty()) << bj::serialize(reviewed);
    }
}

}  // namespace
}  // namespace seatkeeper::testing
