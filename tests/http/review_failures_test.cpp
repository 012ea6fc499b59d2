// Review and publish (PRODUCT.md step 7, PACKAGE.md) against real zip packages the tests build: every problem
// review can find becomes a notification on the offer (what, where, how to fix), the offer goes to
// needs_attention with its plans back in draft, and fixing the problem and publishing again reaches preview.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <thread>

#include "http/harness.hpp"
#include "package/package_writer.hpp"
#include "support/file_server.hpp"
#include "support/zip_builder.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

constexpr const char* kPackageField = "technical_configuration.package_url";
constexpr std::size_t kMaxPackageBytes = 1U << 20;

// Small limits, so that hostile packages stay small enough to build quickly.
void small_limits(app::Config& config) {
    config.settings.max_package_bytes = kMaxPackageBytes;
    config.settings.zip_limits.max_entries = 50;
    config.settings.zip_limits.max_entry_bytes = 1U << 20;
    config.settings.zip_limits.max_total_bytes = 4U << 20;
    config.settings.zip_limits.max_ratio = 20.0;
}

std::string random_bytes(std::size_t n) {
    std::mt19937 gen(42);  // NOLINT(cert-msc51-cpp): reproducible noise is what the test wants
    std::uniform_int_distribution<int> byte(0, 255);
    std::string out(n, '\0');
    for (char& c : out) c = static_cast<char>(byte(gen));
    return out;
}

// A loopback port nobody listens on: bound once to learn a free number, then closed.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    auto* any = reinterpret_cast<sockaddr*>(&addr);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    if (::bind(fd, any, sizeof addr) != 0 || ::getsockname(fd, any, &len) != 0) {
        ::close(fd);
        ADD_FAILURE() << "cannot bind a loopback socket";
        return 0;
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::string text(const bj::value& v, std::string_view key) {
    const auto* field = v.as_object().if_contains(key);
    return field != nullptr && field->is_string() ? std::string(field->as_string()) : std::string();
}

std::vector<std::string> codes_of(const bj::object& offer) {
    std::vector<std::string> codes;
    for (const auto& n : offer.at("notifications").as_array()) codes.push_back(text(n, "code"));
    return codes;
}

// One server for the suite (signing in costs an Argon2 hash); each test works on an offer of its own.
class ReviewFailures : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        files_ = std::make_unique<FileServer>();
        server_ = std::make_unique<TestServer>(small_limits);
        server_->create_publisher("contoso");
        shared_admin_ = std::make_unique<Client>(server_->base());
        ASSERT_EQ(shared_admin_->login("admin@contoso.example", "password-contoso-1").status, 200);
    }
    static void TearDownTestSuite() {
        shared_admin_.reset();
        server_.reset();
        files_.reset();
    }

    void SetUp() override {
        ASSERT_NE(shared_admin_, nullptr);
        admin_ = shared_admin_.get();
        offer_ = "crm" + std::to_string(++offers_created_);
    }

    [[nodiscard]] std::string sid(const std::string& plan) const { return "contoso." + offer_ + "." + plan; }
    [[nodiscard]] std::string offer_path() const { return "/api/v1/offers/" + offer_; }
    [[nodiscard]] std::string zip_path() const { return "/" + offer_ + ".zip"; }

    // The package of PACKAGE.md for `plans`, each mapped to an app module unless listed in `unmapped`.
    [[nodiscard]] std::string package_with(const std::vector<std::string>& plans,
                                           const std::vector<std::string>& unmapped = {}) const {
        package::SolutionPackage pkg{"contosocrm", "1.0.0.0", "contoso", {}, {}};
        for (const auto& plan : plans) {
            pkg.service_plans.push_back({sid(plan), "Plan " + plan, "https://contoso.example/crm"});
            if (std::find(unmapped.begin(), unmapped.end(), plan) == unmapped.end()) {
                pkg.app_modules.push_back({sid(plan), "contoso_crm_app"});
            }
        }
        return package::write_package(pkg);
    }

    // A well-formed package for basic and premium with `solution` as solution.xml, plus `extra` entries.
    [[nodiscard]] std::string package_plus(std::vector<ZipEntry> extra,
                                           const std::string& solution = solution_xml("contoso")) const {
        std::vector<ZipEntry> entries{
            {"solution.xml", solution},
            {"ServicePlans/ServicePlans.xml", service_plans_xml({sid("basic"), sid("premium")})},
            {"ServicePlans/ServicePlansAppModules.xml",
             app_modules_xml({{sid("basic"), "contoso_app"}, {sid("premium"), "contoso_app"}})},
        };
        for (auto& e : extra) entries.push_back(std::move(e));
        return build_zip(entries);
    }

    void create_offer(bool with_listing = true) {
        const auto created = admin_->post(
            "/api/v1/offers", {{"id", offer_}, {"alias", offer_ + " alias"}, {"type", "dynamics-365-ce-powerapps"}});
        ASSERT_EQ(created.status, 201) << created.body;
        bj::object patch{{"licensing", {{"license_management", true}}}};
        if (with_listing) {
            patch["listing"] = {
                {"name", "Contoso CRM"}, {"summary", "CRM for Dynamics"}, {"description", "Pipelines."}};
        }
        const auto patched = admin_->patch(offer_path(), patch);
        ASSERT_EQ(patched.status, 200) << patched.body;
    }

    void create_plan(const std::string& plan, const std::string& description) {
        bj::object body{{"id", plan}, {"name", "Plan " + plan}};
        if (!description.empty()) body["description"] = description;
        const auto created = admin_->post(offer_path() + "/plans", body);
        ASSERT_EQ(created.status, 201) << created.body;
    }

    // A license-managed offer with a complete listing and the plans basic and premium, ready but for its package.
    void create_complete_offer() {
        create_offer();
        create_plan("basic", "Accounts and contacts.");
        create_plan("premium", "Everything.");
    }

    void set_package_url(const std::string& url) {
        const auto patched = admin_->patch(offer_path(), {{"technical_configuration", {{"package_url", url}}}});
        ASSERT_EQ(patched.status, 200) << patched.body;
    }

    // Serves `zip` from the file server and gives its URL as the CRM Package URL.
    void serve_package(const std::string& zip) {
        files_->serve(zip_path(), zip);
        set_package_url(files_->url(zip_path()));
    }

    void upload_package(const std::string& zip) {
        const auto uploaded = admin_->put_bytes(offer_path() + "/package", zip);
        ASSERT_EQ(uploaded.status, 200) << uploaded.body;
    }

    // Review and publish, then the offer once review has decided.
    bj::object publish_and_review() {
        const auto published = admin_->post(offer_path() + "/publish");
        EXPECT_EQ(published.status, 202) << published.body;
        EXPECT_EQ(published.str("state"), "in_review");
        bj::object last;
        if (!eventually([&] {
                last = admin_->get(offer_path()).json().as_object();
                return last.at("state").as_string() != "in_review";
            })) {
            ADD_FAILURE() << "review of " << offer_ << " never finished";
        }
        return last;
    }

    // A failed review: needs_attention with exactly the notification codes `codes` (in any order), every one
    // saying what is wrong and how to fix it and naming the offer field to change; the plans back in draft.
    bj::object expect_failed_review(std::vector<std::string> codes) {
        bj::object reviewed = publish_and_review();
        EXPECT_EQ(reviewed.at("state").as_string(), "needs_attention") << bj::serialize(reviewed);
        auto got = codes_of(reviewed);
        std::sort(got.begin(), got.end());
        std::sort(codes.begin(), codes.end());
        EXPECT_EQ(got, codes) << bj::serialize(reviewed.at("notifications"));
        for (const auto& n : reviewed.at("notifications").as_array()) {
            SCOPED_TRACE(bj::serialize(n));
            EXPECT_FALSE(text(n, "message").empty());
            EXPECT_FALSE(text(n, "fix").empty());
            EXPECT_FALSE(text(n, "field").empty());
        }
        EXPECT_TRUE(reviewed.at("preview_url").is_null());
        EXPECT_FALSE(reviewed.at("licensing").at("locked").as_bool());
        const auto plans = admin_->get(offer_path() + "/plans");
        EXPECT_EQ(plans.status, 200);
        for (const auto& p : plans.json().at("items").as_array()) {
            EXPECT_EQ(text(p, "state"), "draft") << bj::serialize(p);
        }
        return reviewed;
    }

    // The notification with `code` (the first), or a test failure and an empty one.
    static bj::object notification(const bj::object& offer, std::string_view code) {
        for (const auto& n : offer.at("notifications").as_array()) {
            if (text(n, "code") == code) return n.as_object();
        }
        ADD_FAILURE() << "no notification " << code << " in " << bj::serialize(offer.at("notifications"));
        return {{"code", ""}, {"message", ""}, {"location", ""}, {"fix", ""}, {"field", ""}};
    }

    void expect_preview() {
        const bj::object reviewed = publish_and_review();
        EXPECT_EQ(reviewed.at("state").as_string(), "preview") << bj::serialize(reviewed);
        EXPECT_TRUE(reviewed.at("notifications").as_array().empty()) << bj::serialize(reviewed);
        EXPECT_TRUE(reviewed.at("preview_url").is_string());
    }

    static inline std::unique_ptr<TestServer> server_;
    static inline std::unique_ptr<Client> shared_admin_;
    static inline std::unique_ptr<FileServer> files_;
    static inline int offers_created_ = 0;
    Client* admin_ = nullptr;
    std::string offer_;
};

TEST_F(ReviewFailures, GoodPackageReachesPreview) {
    create_complete_offer();
    serve_package(package_with({"basic", "premium"}));
    expect_preview();
    const auto plans = admin_->get(offer_path() + "/plans");
    for (const auto& p : plans.json().at("items").as_array()) {
        EXPECT_EQ(text(p, "state"), "submitted") << bj::serialize(p);
    }
}

TEST_F(ReviewFailures, ServiceIdMissingFromThePackage) {
    create_complete_offer();
    serve_package(package_with({"basic"}));
    const auto offer = expect_failed_review({"service_id_missing"});
    const auto n = notification(offer, "service_id_missing");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_NE(text(n, "location").find("ServicePlans/ServicePlans.xml"), std::string::npos) << text(n, "location");
    EXPECT_NE(text(n, "message").find(sid("premium")), std::string::npos) << text(n, "message");
    EXPECT_NE(text(n, "fix").find(sid("premium")), std::string::npos) << text(n, "fix");
}

TEST_F(ReviewFailures, FixingTheMissingServiceIdAndPublishingAgainReachesPreview) {
    create_complete_offer();
    serve_package(package_with({"basic"}));
    expect_failed_review({"service_id_missing"});

    // The publisher rebuilds the package at the same URL and selects Review and publish again.
    files_->serve(zip_path(), package_with({"basic", "premium"}));
    expect_preview();
    EXPECT_EQ(files_->requests(zip_path()), 2U);
}

TEST_F(ReviewFailures, FixingTheListingAndPublishingAgainReachesPreview) {
    create_offer(/*with_listing=*/false);
    create_plan("basic", "Accounts and contacts.");
    create_plan("premium", "Everything.");
    upload_package(package_with({"basic", "premium"}));
    expect_failed_review({"listing_incomplete", "listing_incomplete", "listing_incomplete"});

    const auto fixed = admin_->patch(
        offer_path(), {{"listing", {{"name", "Contoso CRM"}, {"summary", "CRM"}, {"description", "All."}}}});
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    EXPECT_EQ(fixed.str("state"), "needs_attention");
    expect_preview();
}

TEST_F(ReviewFailures, UnknownServiceIdInThePackage) {
    create_complete_offer();
    serve_package(package_with({"basic", "premium", "gold"}));
    const auto offer = expect_failed_review({"service_id_unknown"});
    const auto n = notification(offer, "service_id_unknown");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_NE(text(n, "location").find("ServicePlans/ServicePlans.xml"), std::string::npos) << text(n, "location");
    EXPECT_NE(text(n, "message").find(sid("gold")), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, PlanMappedToNoAppModule) {
    create_complete_offer();
    serve_package(package_with({"basic", "premium"}, /*unmapped=*/{"premium"}));
    const auto offer = expect_failed_review({"service_id_unmapped"});
    const auto n = notification(offer, "service_id_unmapped");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_NE(text(n, "location").find("ServicePlans/ServicePlansAppModules.xml"), std::string::npos)
        << text(n, "location");
    EXPECT_NE(text(n, "message").find(sid("premium")), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, PathTraversalEntry) {
    create_complete_offer();
    serve_package(package_plus({{"../evil.txt", "owned"}}));
    const auto offer = expect_failed_review({"unsafe_entry_path"});
    const auto n = notification(offer, "unsafe_entry_path");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_EQ(text(n, "location"), "../evil.txt");
    EXPECT_NE(text(n, "message").find(".."), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, AbsolutePathEntry) {
    create_complete_offer();
    upload_package(package_plus({{"/etc/cron.d/evil", "* * * * * root true"}}));
    const auto offer = expect_failed_review({"unsafe_entry_path"});
    EXPECT_EQ(text(notification(offer, "unsafe_entry_path"), "location"), "/etc/cron.d/evil");
}

TEST_F(ReviewFailures, SymlinkEntry) {
    create_complete_offer();
    ZipEntry link{"WebResources/passwd", "/etc/passwd"};
    link.symlink = true;
    serve_package(package_plus({link}));
    const auto offer = expect_failed_review({"unsafe_entry_link"});
    const auto n = notification(offer, "unsafe_entry_link");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_EQ(text(n, "location"), "WebResources/passwd");
    EXPECT_NE(text(n, "message").find("symbolic link"), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, ZipBombEntry) {
    create_complete_offer();
    // 768 KiB of zeros: under the 1 MiB entry limit, but deflated about a thousandfold (the limit is 20).
    const std::string zip = package_plus({{"WebResources/zeros.bin", std::string(768U << 10, '\0')}});
    ASSERT_LT(zip.size(), 16U << 10);
    serve_package(zip);
    const auto offer = expect_failed_review({"suspicious_compression_ratio"});
    const auto n = notification(offer, "suspicious_compression_ratio");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_EQ(text(n, "location"), "WebResources/zeros.bin");
    EXPECT_NE(text(n, "message").find("20 times"), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, ZipBombInAFileReviewReads) {
    create_complete_offer();
    // solution.xml padded with 1.5 MiB of spaces: over the entry limit and the ratio limit, so never inflated.
    serve_package(package_plus({}, solution_xml("contoso") + std::string(3U << 19, ' ')));
    const auto offer = expect_failed_review({"entry_too_large", "suspicious_compression_ratio"});
    EXPECT_EQ(text(notification(offer, "entry_too_large"), "location"), "solution.xml");
    EXPECT_EQ(text(notification(offer, "suspicious_compression_ratio"), "location"), "solution.xml");
}

TEST_F(ReviewFailures, PasswordProtectedEntry) {
    create_complete_offer();
    ZipEntry secret{"WebResources/secret.js", "alert(1)"};
    secret.encrypted = true;
    upload_package(package_plus({secret}));
    const auto offer = expect_failed_review({"encrypted_entry"});
    EXPECT_EQ(text(notification(offer, "encrypted_entry"), "location"), "WebResources/secret.js");
}

TEST_F(ReviewFailures, TooManyEntries) {
    create_complete_offer();
    std::vector<ZipEntry> filler;
    filler.reserve(60);
    for (int i = 0; i < 60; ++i) filler.push_back({"WebResources/file" + std::to_string(i) + ".js", "//"});
    upload_package(package_plus(filler));
    const auto offer = expect_failed_review({"too_many_entries"});
    EXPECT_NE(text(notification(offer, "too_many_entries"), "message").find("at most 50"), std::string::npos);
}

TEST_F(ReviewFailures, SolutionXmlMissing) {
    create_complete_offer();
    // Re-zipping the exported folder puts everything one directory down.
    upload_package(build_zip({{"contosocrm/solution.xml", solution_xml("contoso")},
                              {"ServicePlans/ServicePlans.xml", service_plans_xml({sid("basic"), sid("premium")})},
                              {"ServicePlans/ServicePlansAppModules.xml",
                               app_modules_xml({{sid("basic"), "contoso_app"}, {sid("premium"), "contoso_app"}})}}));
    const auto offer = expect_failed_review({"solution_xml_missing"});
    EXPECT_EQ(text(notification(offer, "solution_xml_missing"), "location"), "solution.xml");
}

TEST_F(ReviewFailures, ServicePlansXmlNotWellFormed) {
    create_complete_offer();
    upload_package(build_zip({{"solution.xml", solution_xml("contoso")},
                              {"ServicePlans/ServicePlans.xml", "<ServicePlans>\n  <ServicePlan>\n</ServicePlans>"},
                              {"ServicePlans/ServicePlansAppModules.xml",
                               app_modules_xml({{sid("basic"), "contoso_app"}, {sid("premium"), "contoso_app"}})}}));
    // Unreadable plans: besides the XML error, neither plan's Service ID is found.
    const auto offer = expect_failed_review({"service_plans_malformed", "service_id_missing", "service_id_missing"});
    const auto n = notification(offer, "service_plans_malformed");
    EXPECT_EQ(text(n, "location"), "ServicePlans/ServicePlans.xml");
    EXPECT_NE(text(n, "message").find("line 3"), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, NotAZip) {
    create_complete_offer();
    serve_package("<html><body>Sign in to download</body></html>");
    const auto offer = expect_failed_review({"not_a_zip"});
    const auto n = notification(offer, "not_a_zip");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_NE(text(n, "message").find("not a zip"), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, UnreachableUrl) {
    create_complete_offer();
    set_package_url("http://127.0.0.1:" + std::to_string(closed_port()) + "/crm.zip");
    const auto offer = expect_failed_review({"package_unreachable"});
    const auto n = notification(offer, "package_unreachable");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_NE(text(n, "location").find("CRM Package URL"), std::string::npos) << text(n, "location");
    EXPECT_NE(text(n, "message").find("did not accept a connection"), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, UrlAnswering404) {
    create_complete_offer();
    set_package_url(files_->url("/nowhere.zip"));
    const auto offer = expect_failed_review({"package_unreachable"});
    EXPECT_NE(text(notification(offer, "package_unreachable"), "message").find("404"), std::string::npos);
}

TEST_F(ReviewFailures, PackageTooLargeAtTheUrl) {
    create_complete_offer();
    serve_package(random_bytes(kMaxPackageBytes + (256U << 10)));
    const auto offer = expect_failed_review({"package_unreachable"});
    const auto n = notification(offer, "package_unreachable");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_NE(text(n, "message").find("larger than 1 MiB"), std::string::npos) << text(n, "message");
}

TEST_F(ReviewFailures, PackageTooLargeAtTheUrlWithoutContentLength) {
    create_complete_offer();
    files_->serve_unsized(zip_path(), random_bytes(kMaxPackageBytes + (256U << 10)));
    set_package_url(files_->url(zip_path()));
    const auto offer = expect_failed_review({"package_unreachable"});
    EXPECT_NE(text(notification(offer, "package_unreachable"), "message").find("larger than 1 MiB"), std::string::npos);
}

TEST_F(ReviewFailures, PackageTooLargeToUpload) {
    create_complete_offer();
    const auto before = admin_->get(offer_path());
    const auto uploaded = admin_->put_bytes(offer_path() + "/package", random_bytes(kMaxPackageBytes + 1));
    EXPECT_EQ(uploaded.status, 413) << uploaded.body;
    EXPECT_EQ(uploaded.header("content-type"), "application/problem+json");
    EXPECT_EQ(uploaded.json().at("status").as_int64(), 413);
    EXPECT_EQ(admin_->get(offer_path()).body, before.body);
}

TEST_F(ReviewFailures, LoopbackUrlRefusedWhenPrivateAddressesAreNotAllowed) {
    TestServer strict([](app::Config& config) {
        small_limits(config);
        config.settings.fetch_limits.allow_private_addresses = false;
    });
    strict.create_publisher("contoso");
    Client admin(strict.base());
    ASSERT_EQ(admin.login("admin@contoso.example", "password-contoso-1").status, 200);
    admin_ = &admin;

    create_complete_offer();
    serve_package(package_with({"basic", "premium"}));
    const auto offer = expect_failed_review({"package_unreachable"});
    const auto n = notification(offer, "package_unreachable");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_NE(text(n, "message").find("private or local network address"), std::string::npos) << text(n, "message");
    EXPECT_EQ(files_->requests(zip_path()), 0U);  // refused before any request was sent
}

TEST_F(ReviewFailures, ListingIncomplete) {
    create_offer(/*with_listing=*/false);
    create_plan("basic", "Accounts and contacts.");
    create_plan("premium", "Everything.");
    serve_package(package_with({"basic", "premium"}));
    const auto offer = expect_failed_review({"listing_incomplete", "listing_incomplete", "listing_incomplete"});
    std::vector<std::string> fields;
    for (const auto& n : offer.at("notifications").as_array()) {
        fields.push_back(text(n, "field"));
        EXPECT_EQ(text(n, "location"), "Offer listing");
    }
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"listing.description", "listing.name", "listing.summary"}));
}

TEST_F(ReviewFailures, NoPlans) {
    create_offer();
    upload_package(good_package("contoso", {}));  // ServicePlans files listing nothing
    const auto offer = expect_failed_review({"plans_missing"});
    const auto n = notification(offer, "plans_missing");
    EXPECT_EQ(text(n, "field"), "plans");
    EXPECT_EQ(text(n, "location"), "Plan overview");
}

TEST_F(ReviewFailures, PlanWithoutDescription) {
    create_offer();
    create_plan("basic", "Accounts and contacts.");
    create_plan("premium", "");
    upload_package(package_with({"basic", "premium"}));
    const auto offer = expect_failed_review({"plan_incomplete"});
    const auto n = notification(offer, "plan_incomplete");
    EXPECT_EQ(text(n, "field"), "plans.premium.description");
    EXPECT_NE(text(n, "location").find("premium"), std::string::npos) << text(n, "location");
}

TEST_F(ReviewFailures, NoPackageAtAll) {
    create_complete_offer();
    const auto offer = expect_failed_review({"package_missing"});
    const auto n = notification(offer, "package_missing");
    EXPECT_EQ(text(n, "field"), kPackageField);
    EXPECT_EQ(text(n, "location"), "Technical configuration");
}

}  // namespace
}  // namespace seatkeeper::testing
