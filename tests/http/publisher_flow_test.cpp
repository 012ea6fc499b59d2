// PRODUCT.md steps 1–8 through the HTTP API, against a real server on a loopback port.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "http/harness.hpp"
#include "package/package_writer.hpp"
#include "store/store.hpp"
#include "support/file_server.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

std::string package_for(const std::string& publisher, const std::vector<std::string>& service_ids) {
    package::SolutionPackage pkg{"contosocrm", "1.0.0.0", publisher, {}, {}};
    for (const auto& sid : service_ids) {
        pkg.service_plans.push_back({sid, "Plan " + sid, "https://contoso.example/crm"});
        pkg.app_modules.push_back({sid, "contoso_crm_app"});
    }
    return package::write_package(pkg);
}

class PublisherFlow : public ::testing::Test {
protected:
    void SetUp() override {
        server_.create_publisher("contoso");
        ASSERT_EQ(admin_.login("admin@contoso.example", "password-contoso-1").status, 200);
    }

    // Creates a license-managed offer with a complete listing and two plans.
    void create_complete_offer(const std::string& id) {
        ASSERT_EQ(
            admin_.post("/api/v1/offers", {{"id", id}, {"alias", id + " alias"}, {"type", "dynamics-365-ce-powerapps"}})
                .status,
            201);
        const auto patched = admin_.patch(
            "/api/v1/offers/" + id,
            {{"licensing", {{"license_management", true}}},
             {"listing", {{"name", "Contoso CRM"}, {"summary", "CRM for Dynamics"}, {"description", "Pipelines."}}}});
        ASSERT_EQ(patched.status, 200) << patched.body;
        for (const char* plan : {"basic", "premium"}) {
            ASSERT_EQ(admin_
                          .post("/api/v1/offers/" + id + "/plans",
                                {{"id", plan}, {"name", std::string("Plan ") + plan}, {"description", "All of it."}})
                          .status,
                      201);
        }
    }

    TestServer server_;
    Client admin_{server_.base()};
    Client anonymous_{server_.base()};
};

TEST_F(PublisherFlow, CreateOfferPlansReviewPreviewGoLiveAndMarketplace) {
    // Step 2: create.
    auto created = admin_.post("/api/v1/offers",
                               {{"id", "crm"}, {"alias", "Contoso CRM FY27"}, {"type", "dynamics-365-ce-powerapps"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.str("id"), "crm");
    EXPECT_EQ(created.str("state"), "draft");
    EXPECT_EQ(created.header("location"), "/api/v1/offers/crm");

    // Step 3: licensing options; step 4: plans with service IDs; Save draft.
    auto patched =
        admin_.patch("/api/v1/offers/crm",
                     {{"licensing", {{"license_management", true}, {"allow_install_without_license", true}}},
                      {"listing", {{"name", "Contoso CRM"}, {"summary", "CRM"}, {"description", "Pipelines."}}}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json().at("licensing").at("license_management").as_bool(), true);

    auto plan = admin_.post("/api/v1/offers/crm/plans", {{"id", "basic"}, {"name", "Basic"}});
    ASSERT_EQ(plan.status, 201) << plan.body;
    EXPECT_EQ(plan.str("service_id"), "contoso.crm.basic");
    EXPECT_EQ(plan.str("state"), "draft");
    auto draft = admin_.patch("/api/v1/offers/crm/plans/basic", {{"description", "Accounts and contacts."}});
    ASSERT_EQ(draft.status, 200) << draft.body;
    EXPECT_EQ(draft.str("description"), "Accounts and contacts.");
    auto copied = admin_.post("/api/v1/offers/crm/plans/basic/copy", {{"id", "premium"}, {"name", "Premium"}});
    ASSERT_EQ(copied.status, 201) << copied.body;
    EXPECT_EQ(copied.str("description"), "Accounts and contacts.");
    EXPECT_EQ(copied.str("service_id"), "contoso.crm.premium");

    auto csv = admin_.get("/api/v1/offers/crm/plans.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")), "Service ID,Display name,More info URL");
    EXPECT_NE(csv.body.find("contoso.crm.basic,Basic,"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("contoso.crm.premium,Premium,"), std::string::npos) << csv.body;

    // Steps 5–6: the package (by URL from a real HTTP server), base license model user.
    FileServer files;
    files.serve("/crm.zip", package_for("contoso", {"contoso.crm.basic", "contoso.crm.premium"}));
    auto tech = admin_.patch(
        "/api/v1/offers/crm",
        {{"technical_configuration", {{"base_license_model", "user"}, {"package_url", files.url("/crm.zip")}}}});
    ASSERT_EQ(tech.status, 200) << tech.body;

    // Step 7: review and publish → in_review → preview with a preview link.
    auto publish = admin_.post("/api/v1/offers/crm/publish");
    ASSERT_EQ(publish.status, 202) << publish.body;
    EXPECT_EQ(publish.str("state"), "in_review");
    auto preview = wait_for_offer_state(admin_, "crm", "preview");
    EXPECT_TRUE(preview.at("notifications").as_array().empty()) << bj::serialize(preview);
    EXPECT_TRUE(preview.at("licensing").at("locked").as_bool());
    const std::string preview_url(preview.at("preview_url").as_string());
    ASSERT_NE(preview_url.find("/marketplace/product/contoso.crm?preview="), std::string::npos);
    EXPECT_TRUE(preview.at("marketplace_url").is_null());
    EXPECT_EQ(files.requests("/crm.zip"), 1U);

    // Preview offers are visible only through their preview link.
    const std::string token = preview_url.substr(preview_url.find("preview=") + 8);
    EXPECT_EQ(anonymous_.get("/api/v1/marketplace/offers/contoso.crm").status, 404);
    EXPECT_EQ(anonymous_.get("/api/v1/marketplace/offers/contoso.crm?preview=wrong").status, 404);
    auto previewed = anonymous_.get("/api/v1/marketplace/offers/contoso.crm?preview=" + token);
    ASSERT_EQ(previewed.status, 200) << previewed.body;
    EXPECT_TRUE(previewed.json().at("preview").as_bool());
    EXPECT_TRUE(anonymous_.get("/api/v1/marketplace/offers").json().at("items").as_array().empty());

    // The licensing option is now locked.
    auto relock = admin_.patch("/api/v1/offers/crm", {{"licensing", {{"license_management", false}}}});
    EXPECT_EQ(relock.status, 409);
    EXPECT_EQ(relock.str("rule"), "licensing_locked");

    // Step 8: go live → publishing → live; the marketplace link works.
    auto live = admin_.post("/api/v1/offers/crm/go-live");
    ASSERT_EQ(live.status, 202) << live.body;
    EXPECT_EQ(live.str("state"), "publishing");
    auto offer = wait_for_offer_state(admin_, "crm", "live");
    EXPECT_EQ(std::string(offer.at("marketplace_url").as_string()),
              server_.app().config().settings.public_url + "/marketplace/product/contoso.crm");

    auto listed = anonymous_.get("/api/v1/marketplace/offers");
    ASSERT_EQ(listed.json().at("items").as_array().size(), 1U);
    auto product = anonymous_.get("/api/v1/marketplace/offers/contoso.crm");
    ASSERT_EQ(product.status, 200) << product.body;
    const bj::value product_json = product.json();
    const auto& p = product_json.as_object();
    EXPECT_EQ(p.at("name").as_string(), "Contoso CRM");
    EXPECT_EQ(p.at("plans").as_array().size(), 2U);
    EXPECT_EQ(bj::serialize(p.at("actions")), R"(["contact_me","get_it_now"])");

    // Contact me leaves a lead the publisher can list.
    auto lead = anonymous_.post(
        "/api/v1/marketplace/offers/contoso.crm/leads",
        {{"name", "Alex"}, {"email", "alex@fabrikam.example"}, {"company", "Fabrikam"}, {"message", "Hi"}});
    ASSERT_EQ(lead.status, 201) << lead.body;
    auto leads = admin_.get("/api/v1/leads");
    ASSERT_EQ(leads.status, 200);
    ASSERT_EQ(leads.json().at("items").as_array().size(), 1U);
    EXPECT_EQ(leads.json().at("items").at(0).at("email").as_string(), "alex@fabrikam.example");

    // The audit log has every step of this offer.
    auto events = admin_.get("/api/v1/events?subject=offers/crm&limit=1000");
    ASSERT_EQ(events.status, 200);
    std::vector<std::string> types;
    for (const auto& e : events.json().at("items").as_array()) types.emplace_back(e.at("type").as_string());
    for (const char* want : {"offer.created", "offer.updated", "plan.created", "plan.updated", "offer.state_changed",
                             "offer.reviewed", "lead.created"}) {
        EXPECT_NE(std::find(types.begin(), types.end(), want), types.end()) << want;
    }
}

TEST_F(PublisherFlow, AnOfferReadBackAsAPatchChangesNothingButImmutablesStayImmutable) {
    create_complete_offer("crm");
    const auto read = admin_.get("/api/v1/offers/crm");
    const auto round_trip = admin_.request("PATCH", "/api/v1/offers/crm", read.body);
    ASSERT_EQ(round_trip.status, 200) << round_trip.body;
    EXPECT_EQ(round_trip.json().at("listing"), read.json().at("listing"));
    auto renamed = admin_.patch("/api/v1/offers/crm", {{"alias", "another alias"}});
    EXPECT_EQ(renamed.status, 422);
    EXPECT_EQ(renamed.str("field"), "alias");
    EXPECT_EQ(renamed.str("rule"), "immutable");
    EXPECT_EQ(admin_.get("/api/v1/offers/crm").json().at("alias"), "crm alias");
}

TEST_F(PublisherFlow, ReviewWithUploadedPackage) {
    create_complete_offer("crm");
    auto upload = admin_.put_bytes("/api/v1/offers/crm/package",
                                   package_for("contoso", {"contoso.crm.basic", "contoso.crm.premium"}));
    ASSERT_EQ(upload.status, 200) << upload.body;
    EXPECT_TRUE(upload.json().at("technical_configuration").at("package_upload").is_object());
    ASSERT_EQ(admin_.post("/api/v1/offers/crm/publish").status, 202);
    auto offer = wait_for_offer_state(admin_, "crm", "preview");
    EXPECT_TRUE(offer.at("notifications").as_array().empty()) << bj::serialize(offer);
}

TEST_F(PublisherFlow, ReviewSurvivesARestart) {
    create_complete_offer("crm");
    ASSERT_EQ(admin_
                  .put_bytes("/api/v1/offers/crm/package",
                             package_for("contoso", {"contoso.crm.basic", "contoso.crm.premium"}))
                  .status,
              200);
    // A node takes the submission, then dies before any worker runs the review.
    server_.restart(/*start_worker=*/false);
    ASSERT_EQ(admin_.post("/api/v1/offers/crm/publish").status, 202);
    server_.restart(/*start_worker=*/false);
    EXPECT_EQ(admin_.get("/api/v1/offers/crm").str("state"), "in_review");
    // The next node runs it.
    server_.restart(/*start_worker=*/true);
    wait_for_offer_state(admin_, "crm", "preview");
    // And the go-live timer survives a restart as well. Like the submission, it is taken by a node without a
    // worker: a running worker would go live after the test's 300 ms delay if the restart took longer.
    server_.restart(/*start_worker=*/false);
    ASSERT_EQ(admin_.post("/api/v1/offers/crm/go-live").status, 202);
    server_.restart(/*start_worker=*/false);
    EXPECT_EQ(admin_.get("/api/v1/offers/crm").str("state"), "publishing");
    server_.restart(/*start_worker=*/true);
    wait_for_offer_state(admin_, "crm", "live");
}

TEST_F(PublisherFlow, ListingActionsFollowTheLicensingOptions) {
    struct Case {
        bool license_management;
        bool allow_install;
        const char* cta;
        const char* actions;
    };
    const Case cases[] = {
        {true, false, nullptr, R"(["contact_me"])"},       {true, true, nullptr, R"(["contact_me","get_it_now"])"},
        {false, false, "get_it_now", R"(["get_it_now"])"}, {false, false, "free_trial", R"(["free_trial"])"},
        {false, false, "contact_me", R"(["contact_me"])"},
    };
    int n = 0;
    for (const Case& c : cases) {
        const std::string id = "offer" + std::to_string(n++);
        SCOPED_TRACE(id);
        create_complete_offer(id);
        bj::object patch{
            {"licensing",
             {{"license_management", c.license_management}, {"allow_install_without_license", c.allow_install}}}};
        patch["call_to_action"] = c.cta != nullptr ? bj::value(c.cta) : bj::value(nullptr);
        ASSERT_EQ(admin_.patch("/api/v1/offers/" + id, patch).status, 200);
        const auto pkg = package_for("contoso", {"contoso." + id + ".basic", "contoso." + id + ".premium"});
        ASSERT_EQ(admin_.put_bytes("/api/v1/offers/" + id + "/package", pkg).status, 200);
        ASSERT_EQ(admin_.post("/api/v1/offers/" + id + "/publish").status, 202);
        wait_for_offer_state(admin_, id, "preview");
        ASSERT_EQ(admin_.post("/api/v1/offers/" + id + "/go-live").status, 202);
        wait_for_offer_state(admin_, id, "live");
        auto product = anonymous_.get("/api/v1/marketplace/offers/contoso." + id);
        EXPECT_EQ(bj::serialize(product.json().at("actions")), c.actions);
    }
}

// Issue 11, finding 14: a list longer than a page ends with a next_cursor, and following it reaches every row
// once, newest first (leads stopped at 1,000 with next_cursor null).
TEST_F(PublisherFlow, LongListsPageWithACursor) {
    ASSERT_EQ(
        admin_.post("/api/v1/offers", {{"id", "crm"}, {"alias", "crm"}, {"type", "dynamics-365-ce-powerapps"}}).status,
        201);
    constexpr int kLeads = 1005;
    // Several leads share a created_at, so the cursor must order by id within one millisecond too.
    const auto seeded =
        store::in_transaction(server_.app().services().store(), store::TxMode::kWrite, [](store::Transaction& tx) {
            for (int i = 0; i < kLeads; ++i) {
                tx.execute(
                    "INSERT INTO leads (id, publisher_id, offer_id, name, email, "
                    "company, message, created_at) "
                    "VALUES (?, 'contoso', 'crm', 'n', 'n@example.com', '', '', ?)",
                    {"lead-" + std::to_string(10000 + i), std::int64_t{1'700'000'000'000} + i / 3});
            }
            return Status::Ok();
        });
    ASSERT_TRUE(seeded.ok()) << seeded.message();

    const auto walk = [&](const std::string& limit) {
        std::vector<std::string> ids;
        std::string cursor;
        for (int pages = 0; pages < 2000; ++pages) {
            const auto page = admin_.get("/api/v1/leads?limit=" + limit + (cursor.empty() ? "" : "&cursor=" + cursor));
            EXPECT_EQ(page.status, 200) << page.body;
            if (page.status != 200) break;
            for (const auto& l : page.json().at("items").as_array()) ids.emplace_back(l.at("id").as_string());
            const auto& next = page.json().at("next_cursor");
            if (next.is_null()) break;
            cursor = std::string(next.as_string());
        }
        return ids;
    };
    const auto first = admin_.get("/api/v1/leads?limit=1000");
    EXPECT_EQ(first.json().at("items").as_array().size(), 1000U);
    EXPECT_FALSE(first.json().at("next_cursor").is_null());
    EXPECT_EQ(admin_.get("/api/v1/leads").json().at("items").as_array().size(), 100U);  // the default page

    for (const char* limit : {"1000", "7"}) {
        SCOPED_TRACE(limit);
        const auto ids = walk(limit);
        ASSERT_EQ(ids.size(), static_cast<std::size_t>(kLeads));
        EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
        EXPECT_EQ(ids.front(), "lead-11002");  // newest first: the last millisecond holds 11002 … 11004
        EXPECT_EQ(ids.back(), "lead-10002");
    }
    const auto bad = admin_.get("/api/v1/leads?cursor=nonsense");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(bad.str("field"), "cursor");
    EXPECT_EQ(admin_.get("/api/v1/leads?limit=0").str("field"), "limit");

    // A list the service returns whole pages the same way.
    ASSERT_EQ(
        admin_.post("/api/v1/offers", {{"id", "erp"}, {"alias", "erp"}, {"type", "dynamics-365-ce-powerapps"}}).status,
        201);
    const auto one = admin_.get("/api/v1/offers?limit=1");
    ASSERT_EQ(one.json().at("items").as_array().size(), 1U);
    const std::string cursor(one.json().at("next_cursor").as_string());
    const auto two = admin_.get("/api/v1/offers?limit=1&cursor=" + cursor);
    ASSERT_EQ(two.json().at("items").as_array().size(), 1U);
    EXPECT_TRUE(two.json().at("next_cursor").is_null());
    EXPECT_NE(one.json().at("items").at(0).at("id"), two.json().at("items").at(0).at("id"));
    EXPECT_EQ(admin_.get("/api/v1/offers?cursor=99").str("field"), "cursor");
}

}  // namespace
}  // namespace seatkeeper::testing
