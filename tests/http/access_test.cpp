// Who may do what (API.md "Authentication", PRODUCT.md step 1): credentials, publisher roles, API keys,
// publisher scoping, CSRF on cookie-authenticated writes, sessions, sign-in throttling; and the system routes
// every client relies on: health, metrics, request ids and the change feed with its cursor and long-poll.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/zip_builder.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

constexpr const char* kOfferType = "dynamics-365-ce-powerapps";

void expect_problem(const HttpResponse& r, long status, const std::string& rule) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
    EXPECT_EQ(r.str("rule"), rule) << r.body;
    EXPECT_FALSE(r.str("detail").empty()) << r.body;
    EXPECT_EQ(r.json().at("status").as_int64(), status) << r.body;
}

std::size_t item_count(const HttpResponse& r) { return r.json().at("items").as_array().size(); }

std::int64_t cursor_of(const HttpResponse& r) { return std::stoll(r.str("next_cursor")); }

// One server for the suite (every sign-in and new user costs an Argon2 hash). Publisher contoso has its global
// admin and one user of each other staff role signed in, and offer "shared" with plan "basic"; publisher
// fabrikam has its global admin signed in and nothing else. Tests that change "shared" only touch its listing.
class Access : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = std::make_unique<TestServer>();
        server_->create_publisher("contoso");
        server_->create_publisher("fabrikam");
        admin_ = std::make_unique<Client>(server_->base());
        admin_login_ = admin_->login("admin@contoso.example", "password-contoso-1");
        ASSERT_EQ(admin_login_.status, 200) << admin_login_.body;
        fabrikam_ = std::make_unique<Client>(server_->base());
        ASSERT_EQ(fabrikam_->login("admin@fabrikam.example", "password-fabrikam-1").status, 200);
        account_admin_ = staff("account_admin");
        developer_ = staff("developer");
        viewer_ = staff("viewer");
        anonymous_ = std::make_unique<Client>(server_->base());

        ASSERT_EQ(admin_->post("/api/v1/offers", {{"id", "shared"}, {"alias", "Shared"}, {"type", kOfferType}}).status,
                  201);
        ASSERT_EQ(admin_->post("/api/v1/offers/shared/plans", {{"id", "basic"}, {"name", "Basic"}}).status, 201);
    }
    static void TearDownTestSuite() {
        for (auto* client : {&admin_, &fabrikam_, &account_admin_, &developer_, &viewer_, &anonymous_}) client->reset();
        server_.reset();
    }

    void SetUp() override { ASSERT_NE(viewer_, nullptr); }

    // A contoso user with `role`, created by the global admin through the API and signed in.
    static std::unique_ptr<Client> staff(const std::string& role) {
        const std::string email = role + "@contoso.example";
        const std::string password = "password-" + role + "-1";
        const auto created =
            admin_->post("/api/v1/users", {{"email", email}, {"name", role}, {"password", password}, {"role", role}});
        EXPECT_EQ(created.status, 201) << created.body;
        EXPECT_EQ(created.str("role"), role);
        auto client = std::make_unique<Client>(server_->base());
        EXPECT_EQ(client->login(email, password).status, 200);
        return client;
    }

    // A new API key of contoso with `role`; its secret as POST returned it.
    static std::string new_api_key(const std::string& role) {
        const auto created = admin_->post("/api/v1/api-keys", {{"role", role}, {"name", role + " key"}});
        EXPECT_EQ(created.status, 201) << created.body;
        return created.str("key");
    }

    static Client with_key(const std::string& key) {
        Client client(server_->base());
        client.use_api_key(key);
        return client;
    }

    static inline std::unique_ptr<TestServer> server_;
    static inline HttpResponse admin_login_;
    static inline std::unique_ptr<Client> admin_;
    static inline std::unique_ptr<Client> fabrikam_;
    static inline std::unique_ptr<Client> account_admin_;
    static inline std::unique_ptr<Client> developer_;
    static inline std::unique_ptr<Client> viewer_;
    static inline std::unique_ptr<Client> anonymous_;
};

TEST_F(Access, NoCredentialsIs401) {
    expect_problem(anonymous_->get("/api/v1/offers"), 401, "unauthenticated");
    expect_problem(anonymous_->get("/api/v1/offers/shared"), 401, "unauthenticated");
    expect_problem(anonymous_->post("/api/v1/offers", {{"id", "anon"}, {"alias", "Anon"}, {"type", kOfferType}}), 401,
                   "unauthenticated");
    expect_problem(anonymous_->get("/api/v1/events"), 401, "unauthenticated");
    expect_problem(anonymous_->get("/api/v1/leads"), 401, "unauthenticated");
    // A session cookie that was never issued is no better.
    expect_problem(anonymous_->request("GET", "/api/v1/offers", "", {{"Cookie", "sk_session=forged.secret"}}), 401,
                   "unauthenticated");
}

TEST_F(Access, UnknownOrMalformedApiKeyIs401) {
    const std::string real = new_api_key("developer");
    const std::string wrong_secret = real.substr(0, real.rfind('.') + 1) + "not-the-secret";
    for (const std::string& authorization :
         {std::string("Bearer sk.key_doesnotexist.secret"), "Bearer " + wrong_secret, std::string("Bearer garbage"),
          std::string("Bearer "), std::string("Basic YWRtaW46cGFzc3dvcmQ="), std::string("sk.key_x.y")}) {
        SCOPED_TRACE(authorization);
        expect_problem(anonymous_->request("GET", "/api/v1/offers", "", {{"Authorization", authorization}}), 401,
                       "unauthenticated");
    }
}

TEST_F(Access, ViewerReadsOffersButCannotChangeThem) {
    EXPECT_EQ(viewer_->get("/api/v1/offers").status, 200);
    EXPECT_EQ(viewer_->get("/api/v1/offers/shared").status, 200);
    EXPECT_EQ(viewer_->get("/api/v1/offers/shared/plans").status, 200);
    EXPECT_EQ(viewer_->get("/api/v1/leads").status, 200);
    const std::string before = admin_->get("/api/v1/offers/shared").body;
    const std::string plans_before = admin_->get("/api/v1/offers/shared/plans").body;

    expect_problem(viewer_->post("/api/v1/offers", {{"id", "byviewer"}, {"alias", "By viewer"}, {"type", kOfferType}}),
                   403, "forbidden");
    expect_problem(viewer_->patch("/api/v1/offers/shared", {{"listing", {{"name", "Viewer was here"}}}}), 403,
                   "forbidden");
    expect_problem(viewer_->post("/api/v1/offers/shared/plans", {{"id", "gold"}, {"name", "Gold"}}), 403, "forbidden");
    expect_problem(viewer_->patch("/api/v1/offers/shared/plans/basic", {{"name", "Renamed"}}), 403, "forbidden");
    expect_problem(viewer_->post("/api/v1/offers/shared/plans/basic/copy", {{"id", "gold"}, {"name", "Gold"}}), 403,
                   "forbidden");
    expect_problem(viewer_->put_bytes("/api/v1/offers/shared/package", good_package("contoso", {})), 403, "forbidden");
    expect_problem(viewer_->post("/api/v1/offers/shared/publish"), 403, "forbidden");
    expect_problem(viewer_->post("/api/v1/offers/shared/go-live"), 403, "forbidden");

    EXPECT_EQ(admin_->get("/api/v1/offers/shared").body, before);
    EXPECT_EQ(admin_->get("/api/v1/offers/shared/plans").body, plans_before);
    EXPECT_EQ(admin_->get("/api/v1/offers/byviewer").status, 404);
}

TEST_F(Access, DeveloperAndAccountAdminWriteOffers) {
    for (Client* writer : {developer_.get(), account_admin_.get()}) {
        const std::string id = writer == developer_.get() ? "bydeveloper" : "byaccountadmin";
        SCOPED_TRACE(id);
        const auto created = writer->post("/api/v1/offers", {{"id", id}, {"alias", id}, {"type", kOfferType}});
        ASSERT_EQ(created.status, 201) << created.body;
        const auto patched = writer->patch("/api/v1/offers/" + id, {{"licensing", {{"license_management", true}}},
                                                                    {"listing", {{"name", "Written"}}}});
        EXPECT_EQ(patched.status, 200) << patched.body;
        EXPECT_EQ(writer->post("/api/v1/offers/" + id + "/plans", {{"id", "basic"}, {"name", "Basic"}}).status, 201);
        EXPECT_EQ(writer->patch("/api/v1/offers/" + id + "/plans/basic", {{"description", "All."}}).status, 200);
        const auto published = writer->post("/api/v1/offers/" + id + "/publish");
        EXPECT_EQ(published.status, 202) << published.body;
        // Let the review finish, so that its events land before the next test reads the feed.
        wait_for_offer_state(*writer, id, "needs_attention");
    }
}

TEST_F(Access, OnlyTheGlobalAdminManagesUsersAndApiKeys) {
    const auto keys = admin_->get("/api/v1/api-keys");
    ASSERT_EQ(keys.status, 200);
    const std::string key_id = [&] {
        const auto created = admin_->post("/api/v1/api-keys", {{"role", "viewer"}});
        EXPECT_EQ(created.status, 201) << created.body;
        return created.str("id");
    }();
    const std::string users_before = admin_->get("/api/v1/users").body;
    const std::string keys_before = admin_->get("/api/v1/api-keys").body;

    for (Client* other : {account_admin_.get(), developer_.get(), viewer_.get()}) {
        expect_problem(
            other->post("/api/v1/users",
                        {{"email", "new@contoso.example"}, {"password", "password-new-1"}, {"role", "global_admin"}}),
            403, "forbidden");
        expect_problem(other->post("/api/v1/api-keys", {{"role", "app"}}), 403, "forbidden");
        expect_problem(other->get("/api/v1/api-keys"), 403, "forbidden");
        expect_problem(other->del("/api/v1/api-keys/" + key_id), 403, "forbidden");
    }
    EXPECT_EQ(admin_->get("/api/v1/users").body, users_before);
    EXPECT_EQ(admin_->get("/api/v1/api-keys").body, keys_before);
}

TEST_F(Access, AppKeyIsForTheRuntimeOnly) {
    Client app = with_key(new_api_key("app"));
    expect_problem(app.get("/api/v1/offers"), 403, "forbidden");
    expect_problem(app.get("/api/v1/offers/shared"), 403, "forbidden");
    expect_problem(app.post("/api/v1/offers", {{"id", "byapp"}, {"alias", "By app"}, {"type", kOfferType}}), 403,
                   "forbidden");
    expect_problem(app.get("/api/v1/events"), 403, "forbidden");
    expect_problem(app.get("/api/v1/leads"), 403, "forbidden");
}

TEST_F(Access, ApiKeyIsShownOnceAndStopsWorkingWhenRevoked) {
    const auto created = admin_->post("/api/v1/api-keys", {{"role", "developer"}, {"name", "ci"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string key = created.str("key");
    const std::string id = created.str("id");
    EXPECT_TRUE(key.starts_with("sk.")) << key;
    EXPECT_EQ(created.str("role"), "developer");

    const auto listed = admin_->get("/api/v1/api-keys");
    ASSERT_EQ(listed.status, 200);
    bool found = false;
    for (const auto& k : listed.json().at("items").as_array()) {
        EXPECT_FALSE(k.as_object().contains("key")) << bj::serialize(k);
        found = found || k.at("id").as_string() == id;
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(listed.body.find(key.substr(key.rfind('.') + 1)), std::string::npos);

    // A key needs no CSRF token: it is not sent by browsers on their own.
    Client ci = with_key(key);
    EXPECT_EQ(ci.get("/api/v1/offers").status, 200);
    EXPECT_EQ(ci.post("/api/v1/offers", {{"id", "byci"}, {"alias", "By CI"}, {"type", kOfferType}}).status, 201);

    EXPECT_EQ(admin_->del("/api/v1/api-keys/" + id).status, 204);
    expect_problem(ci.get("/api/v1/offers"), 401, "unauthenticated");
    const auto after = admin_->get("/api/v1/api-keys");
    for (const auto& k : after.json().at("items").as_array()) {
        if (k.at("id").as_string() == id) {
            EXPECT_TRUE(k.at("revoked_at").is_string()) << bj::serialize(k);
        }
    }
}

TEST_F(Access, PublishersSeeOnlyTheirOwn) {
    // Contoso gets an offer in preview, a lead on it and a key, so that there is something to leak.
    ASSERT_EQ(admin_->post("/api/v1/offers", {{"id", "private"}, {"alias", "Private"}, {"type", kOfferType}}).status,
              201);
    ASSERT_EQ(admin_
                  ->patch("/api/v1/offers/private",
                          {{"licensing", {{"license_management", true}}},
                           {"listing", {{"name", "Private"}, {"summary", "Private"}, {"description", "Private."}}}})
                  .status,
              200);
    ASSERT_EQ(admin_->post("/api/v1/offers/private/plans", {{"id", "basic"}, {"name", "Basic"}, {"description", "B."}})
                  .status,
              201);
    ASSERT_EQ(
        admin_->put_bytes("/api/v1/offers/private/package", good_package("contoso", {"contoso.private.basic"})).status,
        200);
    ASSERT_EQ(admin_->post("/api/v1/offers/private/publish").status, 202);
    const auto preview = wait_for_offer_state(*admin_, "private", "preview");
    const std::string preview_url(preview.at("preview_url").as_string());
    const std::string token = preview_url.substr(preview_url.find("preview=") + 8);
    ASSERT_EQ(anonymous_
                  ->post("/api/v1/marketplace/offers/contoso.private/leads?preview=" + token,
                         {{"name", "Alex"}, {"email", "alex@fabrikam.example"}})
                  .status,
              201);
    ASSERT_EQ(item_count(admin_->get("/api/v1/leads")), 1U);
    const std::string key_id = admin_->post("/api/v1/api-keys", {{"role", "viewer"}}).str("id");
    const std::string before = admin_->get("/api/v1/offers/private").body;

    // Objects of another publisher do not exist; lists hold none of them.
    for (const char* path : {"/api/v1/offers/private", "/api/v1/offers/private/plans",
                             "/api/v1/offers/private/plans/basic", "/api/v1/offers/private/plans.csv"}) {
        SCOPED_TRACE(path);
        expect_problem(fabrikam_->get(path), 404, "not_found");
    }
    expect_problem(fabrikam_->patch("/api/v1/offers/private", {{"listing", {{"name", "Taken over"}}}}), 404,
                   "not_found");
    expect_problem(fabrikam_->post("/api/v1/offers/private/plans", {{"id", "gold"}, {"name", "Gold"}}), 404,
                   "not_found");
    expect_problem(fabrikam_->patch("/api/v1/offers/private/plans/basic", {{"name", "Taken over"}}), 404, "not_found");
    expect_problem(fabrikam_->post("/api/v1/offers/private/plans/basic/copy", {{"id", "gold"}, {"name", "Gold"}}), 404,
                   "not_found");
    expect_problem(fabrikam_->put_bytes("/api/v1/offers/private/package", good_package("fabrikam", {})), 404,
                   "not_found");
    expect_problem(fabrikam_->post("/api/v1/offers/private/publish"), 404, "not_found");
    expect_problem(fabrikam_->post("/api/v1/offers/private/go-live"), 404, "not_found");
    expect_problem(fabrikam_->del("/api/v1/api-keys/" + key_id), 404, "not_found");

    EXPECT_EQ(item_count(fabrikam_->get("/api/v1/offers")), 0U);
    EXPECT_EQ(item_count(fabrikam_->get("/api/v1/leads")), 0U);
    EXPECT_EQ(item_count(fabrikam_->get("/api/v1/leads?offer_id=private")), 0U);
    EXPECT_EQ(item_count(fabrikam_->get("/api/v1/events?subject=offers/private")), 0U);
    for (const char* path : {"/api/v1/events?limit=1000", "/api/v1/users", "/api/v1/api-keys"}) {
        SCOPED_TRACE(path);
        const auto listed = fabrikam_->get(path);
        ASSERT_EQ(listed.status, 200) << listed.body;
        for (const auto& item : listed.json().at("items").as_array()) {
            EXPECT_EQ(item.at("publisher_id").as_string(), "fabrikam") << bj::serialize(item);
        }
    }

    // Offer IDs are unique per publisher only: fabrikam's own "private" is a different offer.
    EXPECT_EQ(fabrikam_->post("/api/v1/offers", {{"id", "private"}, {"alias", "Private"}, {"type", kOfferType}}).status,
              201);
    EXPECT_EQ(admin_->get("/api/v1/offers/private").body, before);
    EXPECT_EQ(item_count(admin_->get("/api/v1/leads")), 1U);
}

TEST_F(Access, CookieWritesNeedTheCsrfToken) {
    Client browser(server_->base());
    const auto login = browser.login("admin@contoso.example", "password-contoso-1");
    ASSERT_EQ(login.status, 200);
    const std::string token = login.str("csrf_token");
    ASSERT_FALSE(token.empty());
    browser.drop_csrf();
    const std::string offers_before = admin_->get("/api/v1/offers").body;

    expect_problem(browser.post("/api/v1/offers", {{"id", "csrf"}, {"alias", "CSRF"}, {"type", kOfferType}}), 403,
                   "forbidden");
    expect_problem(browser.patch("/api/v1/offers/shared", {{"listing", {{"name", "CSRF was here"}}}}), 403,
                   "forbidden");
    expect_problem(browser.request("POST", "/api/v1/offers",
                                   bj::serialize(bj::object{{"id", "csrf"}, {"alias", "CSRF"}, {"type", kOfferType}}),
                                   {{"X-CSRF-Token", "not-the-token"}}),
                   403, "forbidden");
    // Another session's token does not fit this session.
    expect_problem(browser.request("POST", "/api/v1/offers",
                                   bj::serialize(bj::object{{"id", "csrf"}, {"alias", "CSRF"}, {"type", kOfferType}}),
                                   {{"X-CSRF-Token", admin_login_.str("csrf_token")}}),
                   403, "forbidden");
    EXPECT_EQ(admin_->get("/api/v1/offers").body, offers_before);

    // Reading needs no token; writing with it works.
    EXPECT_EQ(browser.get("/api/v1/offers").status, 200);
    const auto created = browser.request(
        "POST", "/api/v1/offers", bj::serialize(bj::object{{"id", "csrf"}, {"alias", "CSRF"}, {"type", kOfferType}}),
        {{"X-CSRF-Token", token}});
    EXPECT_EQ(created.status, 201) << created.body;
}

TEST_F(Access, LoginSetsAnHttpOnlySameSiteCookie) {
    const std::string cookie = admin_login_.header("set-cookie");
    EXPECT_TRUE(cookie.starts_with("sk_session=")) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
    EXPECT_FALSE(admin_login_.str("csrf_token").empty());
    EXPECT_EQ(admin_login_.json().at("user").at("role").as_string(), "global_admin");
    EXPECT_EQ(admin_login_.json().at("user").at("publisher_id").as_string(), "contoso");
}

TEST_F(Access, LogoutEndsTheSession) {
    Client browser(server_->base());
    ASSERT_EQ(browser.login("viewer@contoso.example", "password-viewer-1").status, 200);
    EXPECT_EQ(browser.get("/api/v1/auth/me").status, 200);
    const auto out = browser.post("/api/v1/auth/logout");
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos) << out.header("set-cookie");
    // The client still sends the old cookie; it no longer opens anything.
    expect_problem(browser.get("/api/v1/auth/me"), 401, "unauthenticated");
    expect_problem(browser.get("/api/v1/offers"), 401, "unauthenticated");
    // Other sessions of the same user are untouched.
    EXPECT_EQ(viewer_->get("/api/v1/offers").status, 200);
}

TEST_F(Access, LogoutWithAnEndedSessionStillClearsTheCookie) {
    Client browser(server_->base());
    ASSERT_EQ(browser.login("viewer@contoso.example", "password-viewer-1").status, 200);
    ASSERT_EQ(browser.post("/api/v1/auth/logout").status, 204);
    // The browser signs out again with the dead cookie (another tab, an expired session): still 204.
    const auto again = browser.post("/api/v1/auth/logout");
    EXPECT_EQ(again.status, 204) << again.body;
    EXPECT_NE(again.header("set-cookie").find("Max-Age=0"), std::string::npos) << again.header("set-cookie");
}

TEST_F(Access, LogoutOfALiveSessionNeedsItsCsrfToken) {
    Client browser(server_->base());
    ASSERT_EQ(browser.login("viewer@contoso.example", "password-viewer-1").status, 200);
    browser.drop_csrf();
    expect_problem(browser.post("/api/v1/auth/logout"), 403, "forbidden");
    EXPECT_EQ(browser.get("/api/v1/auth/me").status, 200);  // still signed in
}

TEST_F(Access, WrongPasswordAndUnknownEmailLookAlike) {
    const auto wrong_password =
        anonymous_->post("/api/v1/auth/login", {{"email", "admin@contoso.example"}, {"password", "not-my-password"}});
    const auto unknown_email =
        anonymous_->post("/api/v1/auth/login", {{"email", "nobody@contoso.example"}, {"password", "not-my-password"}});
    expect_problem(wrong_password, 401, "unauthenticated");
    expect_problem(unknown_email, 401, "unauthenticated");
    EXPECT_EQ(wrong_password.str("detail"), unknown_email.str("detail"));
    EXPECT_EQ(wrong_password.header("set-cookie"), "");
}

TEST_F(Access, SignInAttemptsAreThrottled) {
    TestServer throttled([](app::Config& config) {
        config.api.logins_per_minute = 6;
        config.api.login_burst = 3;
    });
    throttled.create_publisher("contoso");
    Client client(throttled.base());
    EXPECT_EQ(client.login("admin@contoso.example", "password-contoso-1").status, 200);
    // Every attempt counts, whatever its outcome.
    expect_problem(client.post("/api/v1/auth/login", {{"email", "admin@contoso.example"}}), 422, "required");
    expect_problem(client.post("/api/v1/auth/login", {{"email", "admin@contoso.example"}}), 422, "required");
    const auto refused =
        client.post("/api/v1/auth/login", {{"email", "admin@contoso.example"}, {"password", "password-contoso-1"}});
    expect_problem(refused, 429, "rate_limited");
    EXPECT_FALSE(refused.header("retry-after").empty());
    EXPECT_EQ(refused.header("set-cookie"), "");
    // Only sign-in is throttled: the session from the first attempt still works.
    EXPECT_EQ(client.get("/api/v1/offers").status, 200);
}

// Issue 11, finding 14: anonymous Contact me is throttled per address; every attempt counts.
TEST_F(Access, ContactMeIsThrottledPerAddress) {
    TestServer throttled([](app::Config& config) {
        config.api.public_writes_per_minute = 0.01;  // no refill to speak of during the test
        config.api.public_write_burst = 3;
    });
    Client visitor(throttled.base());
    const bj::object lead{{"name", "Alex"}, {"email", "alex@fabrikam.example"}};
    for (int i = 0; i < 3; ++i) {
        expect_problem(visitor.post("/api/v1/marketplace/offers/contoso.crm/leads", lead), 404, "not_found");
    }
    const auto refused = visitor.post("/api/v1/marketplace/offers/contoso.crm/leads", lead);
    expect_problem(refused, 429, "rate_limited");
    EXPECT_FALSE(refused.header("retry-after").empty());
    // Reading the marketplace is not such a write.
    EXPECT_EQ(visitor.get("/api/v1/marketplace/offers").status, 200);
}

// Issue 11, finding 6: behind a trusted reverse proxy each client has its own rate-limit bucket; from any other
// peer X-Forwarded-For is ignored, so a client cannot pick a fresh bucket by sending one.
TEST_F(Access, ClientsBehindATrustedProxyAreLimitedOneByOne) {
    const auto server_trusting = [](const std::string& proxies) {
        return std::make_unique<TestServer>([proxies](app::Config& config) {
            config.api.requests_per_second = 0.01;  // no refill to speak of during the test
            config.api.request_burst = 2;
            config.api.trusted_proxies = *http::TrustedProxies::parse("trusted_proxies", proxies);
        });
    };
    const auto get_as = [](Client& c, const std::string& forwarded_for) {
        return c.request("GET", "/healthz", "", {{"X-Forwarded-For", forwarded_for}});
    };
    {
        const auto proxied = server_trusting("127.0.0.1/32, ::1/128");
        Client proxy(proxied->base());
        for (const char* client : {"203.0.113.1", "203.0.113.2"}) {
            EXPECT_EQ(get_as(proxy, client).status, 200) << client;
            EXPECT_EQ(get_as(proxy, client).status, 200) << client;
            expect_problem(get_as(proxy, client), 429, "rate_limited");
        }
    }
    const auto direct = server_trusting("");
    Client client(direct->base());
    EXPECT_EQ(get_as(client, "203.0.113.1").status, 200);
    EXPECT_EQ(get_as(client, "203.0.113.2").status, 200);
    expect_problem(get_as(client, "203.0.113.3"), 429, "rate_limited");
}

TEST_F(Access, ALongPollIsOneRequestForTheRateLimit) {
    TestServer throttled([](app::Config& config) {
        config.api.requests_per_second = 0.01;  // no refill to speak of during the test
        config.api.request_burst = 3;
    });
    throttled.create_publisher("contoso");
    Client client(throttled.base());
    ASSERT_EQ(client.login("admin@contoso.example", "password-contoso-1").status, 200);  // 1st token
    // The session asks the API again every 250 ms while the poll waits; those repeats spend nothing.
    const auto polled = client.get("/api/v1/events?wait=1&after=999999");  // 2nd token
    EXPECT_EQ(polled.status, 200) << polled.body;
    EXPECT_EQ(client.get("/api/v1/offers").status, 200);  // 3rd token
    expect_problem(client.get("/api/v1/offers"), 429, "rate_limited");
}

TEST_F(Access, HealthAndReadiness) {
    const auto health = anonymous_->get("/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.str("status"), "ok");
    const auto ready = anonymous_->get("/readyz");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(ready.str("status"), "ready");
}

TEST_F(Access, MetricsCountRequestsByRoute) {
    ASSERT_EQ(admin_->get("/api/v1/offers").status, 200);
    ASSERT_EQ(admin_->get("/api/v1/offers/shared").status, 200);
    const auto metrics = anonymous_->get("/metrics");
    ASSERT_EQ(metrics.status, 200);
    EXPECT_TRUE(metrics.header("content-type").starts_with("text/plain")) << metrics.header("content-type");
    const std::string& m = metrics.body;
    EXPECT_NE(m.find("seatkeeper_http_requests_total{method=\"GET\",route=\"/api/v1/offers\",status=\"200\"}"),
              std::string::npos)
        << m;
    // Routes are labelled by pattern, so that label values stay few.
    EXPECT_NE(m.find("route=\"/api/v1/offers/{offer_id}\""), std::string::npos) << m;
    EXPECT_EQ(m.find("route=\"/api/v1/offers/shared\""), std::string::npos) << m;
    EXPECT_NE(m.find("seatkeeper_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/offers\",le=\""),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("le=\"+Inf\"}"), std::string::npos) << m;
}

// Labels never come from client input: junk methods and paths can't grow /metrics (a review grew it to 18 MB
// with 4,200 made-up methods).
TEST_F(Access, MetricsLabelJunkMethodsAsOtherAndUnknownPathsAsUnmatched) {
    for (int i = 0; i < 50; ++i) {
        const auto r = anonymous_->request("JUNK" + std::to_string(i), "/api/v1/offers/junk-path-" + std::to_string(i));
        EXPECT_GE(r.status, 400) << r.body;
        EXPECT_LT(r.status, 500) << r.body;
    }
    ASSERT_EQ(anonymous_->get("/api/v1/no-such-route-" + std::string(40, 'x')).status, 404);
    const std::string m = anonymous_->get("/metrics").body;
    EXPECT_EQ(m.find("JUNK"), std::string::npos) << m;
    EXPECT_EQ(m.find("junk-path"), std::string::npos) << m;
    EXPECT_EQ(m.find("no-such-route"), std::string::npos) << m;
    EXPECT_NE(m.find("method=\"OTHER\""), std::string::npos) << m;
    EXPECT_NE(m.find("method=\"GET\",route=\"unmatched\",status=\"404\""), std::string::npos) << m;
}

TEST_F(Access, EveryAnswerHasARequestIdAndAGivenOneIsEchoed) {
    const std::vector<HttpResponse> answers{
        admin_->get("/api/v1/offers"),
        anonymous_->get("/api/v1/offers"),
        viewer_->post("/api/v1/offers", {{"id", "x"}, {"alias", "x"}, {"type", kOfferType}}),
        admin_->get("/api/v1/offers/nothing"),
        admin_->get("/api/v1/no-such-route"),
        admin_->del("/api/v1/offers"),
        admin_->request("POST", "/api/v1/offers", "{not json"),
        admin_->post("/api/v1/offers", {{"id", "Bad Id"}, {"alias", "x"}, {"type", kOfferType}}),
        anonymous_->get("/healthz"),
        anonymous_->get("/metrics"),
    };
    std::set<std::string> ids;
    for (const auto& r : answers) {
        const std::string id = r.header("x-request-id");
        EXPECT_FALSE(id.empty()) << r.status << " " << r.body;
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), answers.size());

    const auto echoed = admin_->request("GET", "/api/v1/offers", "", {{"X-Request-Id", "trace-4f2a_01"}});
    EXPECT_EQ(echoed.header("x-request-id"), "trace-4f2a_01");
    const auto echoed_error = anonymous_->request("GET", "/api/v1/offers", "", {{"X-Request-Id", "trace-4f2a_02"}});
    EXPECT_EQ(echoed_error.status, 401);
    EXPECT_EQ(echoed_error.header("x-request-id"), "trace-4f2a_02");
    // Ids that could forge log lines or grow without bound are replaced.
    for (const std::string& unsafe : {std::string("two words"), std::string(65, 'a'), std::string("a\"b")}) {
        const auto replaced = admin_->request("GET", "/api/v1/offers", "", {{"X-Request-Id", unsafe}});
        EXPECT_FALSE(replaced.header("x-request-id").empty());
        EXPECT_NE(replaced.header("x-request-id"), unsafe);
    }
}

TEST_F(Access, EventsFeedCursorReturnsOnlyNewerEvents) {
    const auto start = admin_->get("/api/v1/events?limit=1000");
    ASSERT_EQ(start.status, 200) << start.body;
    ASSERT_LT(item_count(start), 1000U);
    const std::int64_t first = cursor_of(start);
    ASSERT_GT(first, 0);

    ASSERT_EQ(admin_->patch("/api/v1/offers/shared", {{"listing", {{"summary", "First change"}}}}).status, 200);
    ASSERT_EQ(admin_->patch("/api/v1/offers/shared", {{"listing", {{"summary", "Second change"}}}}).status, 200);

    const auto newer = admin_->get("/api/v1/events?after=" + std::to_string(first));
    ASSERT_EQ(newer.status, 200) << newer.body;
    const auto& items = newer.json().at("items").as_array();
    ASSERT_EQ(items.size(), 2U) << newer.body;
    for (const auto& e : items) {
        EXPECT_GT(std::stoll(std::string(e.at("id").as_string())), first);
        EXPECT_EQ(e.at("type").as_string(), "offer.updated");
        EXPECT_EQ(e.at("subject").as_string(), "offers/shared");
    }
    EXPECT_EQ(items.at(1).at("payload").at("after").at("listing").at("summary").as_string(), "Second change");
    const std::int64_t second = cursor_of(newer);
    EXPECT_EQ(second, std::stoll(std::string(items.at(1).at("id").as_string())));

    // Paging one at a time walks the same events.
    const auto one = admin_->get("/api/v1/events?limit=1&after=" + std::to_string(first));
    ASSERT_EQ(item_count(one), 1U);
    EXPECT_EQ(one.json().at("items").at(0).at("id"), items.at(0).at("id"));
    EXPECT_EQ(cursor_of(one), std::stoll(std::string(items.at(0).at("id").as_string())));

    // Nothing newer: no items, and the cursor stays where it was.
    const auto caught_up = admin_->get("/api/v1/events?after=" + std::to_string(second));
    EXPECT_EQ(item_count(caught_up), 0U);
    EXPECT_EQ(cursor_of(caught_up), second);
}

TEST_F(Access, LongPollAnswersAsSoonAsSomethingHappens) {
    const std::int64_t latest = cursor_of(admin_->get("/api/v1/events?limit=1000"));

    HttpResponse polled;
    std::chrono::steady_clock::duration took{};
    std::thread poller([&] {
        const auto started = std::chrono::steady_clock::now();
        polled = viewer_->get("/api/v1/events?wait=5&after=" + std::to_string(latest));
        took = std::chrono::steady_clock::now() - started;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto changed = admin_->patch("/api/v1/offers/shared", {{"listing", {{"description", "Long-polled"}}}});
    poller.join();
    ASSERT_EQ(changed.status, 200) << changed.body;

    ASSERT_EQ(polled.status, 200) << polled.body;
    ASSERT_EQ(item_count(polled), 1U) << polled.body;
    const auto& event = polled.json().at("items").at(0);
    EXPECT_EQ(event.at("type").as_string(), "offer.updated");
    EXPECT_EQ(event.at("payload").at("after").at("listing").at("description").as_string(), "Long-polled");
    EXPECT_GT(cursor_of(polled), latest);
    EXPECT_LT(took, std::chrono::milliseconds(4500));
}

TEST_F(Access, LongPollWithNothingNewAnswersEmptyWhenTheWaitEnds) {
    const std::int64_t latest = cursor_of(admin_->get("/api/v1/events?limit=1000"));
    const auto polled = viewer_->get("/api/v1/events?wait=1&after=" + std::to_string(latest));
    ASSERT_EQ(polled.status, 200) << polled.body;
    EXPECT_EQ(item_count(polled), 0U);
    EXPECT_EQ(cursor_of(polled), latest);
}

// A long-poll on one node ends when a change is made through another: by the node learning of it (the poll here,
// LISTEN/NOTIFY on PostgreSQL), or, when the node is not told (its poll a minute, no listener), by the long-poll's
// own fallback ask.
TEST(LongPoll, AChangeMadeThroughAnotherNodeEndsTheWait) {
    const std::vector<std::function<void(app::Config&)>> configs{[](app::Config&) {},
                                                                 [](app::Config& c) {
                                                                     c.check.refresh_ms = 60000;
                                                                     c.check.listen = false;
                                                                 }};
    for (const auto& config : configs) {
        TestServer server(config);
        server.create_publisher("contoso");
        Client admin(server.base());
        admin.use_api_key(server.api_key(service::system_principal("contoso"), "global_admin"));
        const std::int64_t latest = cursor_of(admin.get("/api/v1/events?limit=1000"));
        auto other = server.another_node([](app::Config&) {}, false);

        HttpResponse polled;
        std::chrono::steady_clock::duration took{};
        std::thread poller([&] {
            const auto started = std::chrono::steady_clock::now();
            polled = admin.get("/api/v1/events?wait=20&after=" + std::to_string(latest));
            took = std::chrono::steady_clock::now() - started;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        Client elsewhere("http://127.0.0.1:" + std::to_string(other->port()));
        elsewhere.use_api_key(server.api_key(service::system_principal("contoso"), "global_admin"));
        const auto created =
            elsewhere.post("/api/v1/offers", {{"id", "polled"}, {"alias", "Polled"}, {"type", kOfferType}});
        poller.join();
        ASSERT_EQ(created.status, 201) << created.body;
        ASSERT_EQ(polled.status, 200) << polled.body;
        ASSERT_GE(item_count(polled), 1U) << polled.body;
        EXPECT_LT(took, std::chrono::seconds(15));  // well before the wait ends: the change ended it
    }
}

}  // namespace
}  // namespace seatkeeper::testing
