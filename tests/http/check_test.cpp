// The runtime License API over HTTP (API.md "Runtime", issue 4 "Runtime"): the check, single and batch, with
// every answer and reason; who may call it; bad input; when a change becomes visible to the check (this node:
// on acknowledgement; another node: within check.refresh_ms); license tokens and the JWKS. Customers, licenses
// and seats are written straight into the store with their events (tests/support/customer_fixture.hpp).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "check/jwt.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

void expect_problem(const HttpResponse& r, long status, const std::string& rule, const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
    EXPECT_EQ(r.str("rule"), rule) << r.body;
    if (!field.empty()) {
        EXPECT_EQ(r.str("field"), field) << r.body;
    }
}

std::string key_for(TestServer& server, const std::string& publisher, const std::string& role) {
    auto created =
        service::create_api_key(server.app().services(), service::system_principal(publisher), {role, role + " key"});
    if (!created.ok()) throw std::runtime_error("create_api_key: " + created.status().message());
    return created->key;
}

std::string check_path(const std::string& tenant, const std::string& user, const std::string& service_id) {
    return "/api/v1/check?tenant=" + tenant + "&user=" + user + "&service_id=" + service_id;
}

// One server for the suite, its poller off (check.refresh_ms = 60 s) and not listening for commits (check.listen;
// on PostgreSQL every commit would otherwise make it catch up) so that only acknowledged changes and explicit
// catch-ups move the index. Catalogue: contoso.crm (basic, premium), contoso.field-service (pro,
// install without license), northwind.timesheets (team). Tenant fabrikam: 3 premium licenses, ada holds one;
// field-service installed. Tenant tailspin: nothing.
class Check : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = std::make_unique<TestServer>([](app::Config& c) {
            c.check.refresh_ms = 60000;
            c.check.listen = false;
        });
        service::Services& services = server_->app().services();
        add_offer(services, "contoso", "crm", {"basic", "premium"}, true, false);
        add_offer(services, "contoso", "field-service", {"pro"}, true, true);
        add_offer(services, "northwind", "timesheets", {"team"}, true, false);
        customers_ = std::make_unique<CustomerFixture>(services.store());
        fabrikam_ = customers_->add_tenant("Fabrikam");
        tailspin_ = customers_->add_tenant("Tailspin");
        customers_->set_licenses(fabrikam_, "contoso", "crm", "premium", 3);
        customers_->assign(fabrikam_, "contoso.crm.premium", "ada@fabrikam.example");
        customers_->install(fabrikam_, "contoso", "field-service");
        ASSERT_TRUE(server_->app().runtime().catch_up().ok());

        app_ = std::make_unique<Client>(server_->base());
        app_->use_api_key(key_for(*server_, "contoso", "app"));
        northwind_app_ = std::make_unique<Client>(server_->base());
        northwind_app_->use_api_key(key_for(*server_, "northwind", "app"));
        developer_ = std::make_unique<Client>(server_->base());
        developer_->use_api_key(key_for(*server_, "contoso", "developer"));
    }
    static void TearDownTestSuite() {
        app_.reset();
        northwind_app_.reset();
        developer_.reset();
        customers_.reset();
        server_.reset();
    }

    static HttpResponse check(Client& client, const std::string& tenant, const std::string& user,
                              const std::string& service_id) {
        return client.get(check_path(tenant, user, service_id));
    }

    static void expect_answer(const HttpResponse& r, const std::string& result, const std::string& reason,
                              const std::string& plan = "") {
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.str("result"), result) << r.body;
        EXPECT_EQ(r.str("reason"), reason) << r.body;
        EXPECT_EQ(r.json().as_object().contains("plan_id"), !plan.empty()) << r.body;
        if (!plan.empty()) {
            EXPECT_EQ(r.str("plan_id"), plan) << r.body;
        }
    }

    static std::unique_ptr<TestServer> server_;
    static std::unique_ptr<CustomerFixture> customers_;
    static std::unique_ptr<Client> app_;
    static std::unique_ptr<Client> northwind_app_;
    static std::unique_ptr<Client> developer_;
    static std::string fabrikam_;
    static std::string tailspin_;
};

std::unique_ptr<TestServer> Check::server_;
std::unique_ptr<CustomerFixture> Check::customers_;
std::unique_ptr<Client> Check::app_;
std::unique_ptr<Client> Check::northwind_app_;
std::unique_ptr<Client> Check::developer_;
std::string Check::fabrikam_;
std::string Check::tailspin_;

TEST_F(Check, LicensedWhenTheUserHoldsASeat) {
    const auto r = check(*app_, fabrikam_, "ada@fabrikam.example", "contoso.crm.premium");
    expect_answer(r, "licensed", "assigned", "premium");
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST_F(Check, BaseWhenTheOfferRunsWithoutALicenseAndTheTenantInstalledIt) {
    expect_answer(check(*app_, fabrikam_, "bob@fabrikam.example", "contoso.field-service.pro"), "base", "base_only");
}

TEST_F(Check, DeniedWithEveryReason) {
    expect_answer(check(*app_, fabrikam_, "bob@fabrikam.example", "contoso.crm.premium"), "denied", "no_seat");
    expect_answer(check(*app_, fabrikam_, "ada@fabrikam.example", "contoso.crm.basic"), "denied", "no_license");
    expect_answer(check(*app_, tailspin_, "ada@tailspin.example", "contoso.crm.premium"), "denied", "no_license");
    // The offer runs without a license, but this tenant has neither installed it nor licensed any of its plans.
    expect_answer(check(*app_, tailspin_, "ada@tailspin.example", "contoso.field-service.pro"), "denied",
                  "not_installed");
    expect_answer(check(*app_, fabrikam_, "ada@fabrikam.example", "contoso.crm.gold"), "denied", "unknown_service_id");
}

TEST_F(Check, TenantAndUserAreCaseInsensitive) {
    std::string upper = fabrikam_;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    expect_answer(check(*app_, upper, "Ada@Fabrikam.EXAMPLE", "contoso.crm.premium"), "licensed", "assigned",
                  "premium");
    // Percent-encoded, as URL libraries send it.
    expect_answer(app_->get(check_path(fabrikam_, "ada%40fabrikam.example", "contoso.crm.premium")), "licensed",
                  "assigned", "premium");
}

TEST_F(Check, AnotherPublishersServiceIdsLookUnknown) {
    expect_answer(check(*northwind_app_, fabrikam_, "ada@fabrikam.example", "contoso.crm.premium"), "denied",
                  "unknown_service_id");
    expect_answer(check(*app_, fabrikam_, "ada@fabrikam.example", "northwind.timesheets.team"), "denied",
                  "unknown_service_id");
}

TEST_F(Check, OnlyAppKeysMayCallTheRuntimeApi) {
    const bj::object one{
        {"tenant", fabrikam_}, {"user", "ada@fabrikam.example"}, {"service_id", "contoso.crm.premium"}};
    expect_problem(check(*developer_, fabrikam_, "ada@fabrikam.example", "contoso.crm.premium"), 403, "forbidden");
    expect_problem(developer_->post("/api/v1/check", {{"checks", bj::array{one}}}), 403, "forbidden");
    expect_problem(developer_->post("/api/v1/tokens", one), 403, "forbidden");

    Client admin(server_->base());
    admin.use_api_key(key_for(*server_, "contoso", "global_admin"));
    expect_problem(check(admin, fabrikam_, "ada@fabrikam.example", "contoso.crm.premium"), 403, "forbidden");
    Client viewer(server_->base());
    viewer.use_api_key(key_for(*server_, "contoso", "viewer"));
    expect_problem(viewer.post("/api/v1/tokens", one), 403, "forbidden");

    Client anonymous(server_->base());
    expect_problem(check(anonymous, fabrikam_, "ada@fabrikam.example", "contoso.crm.premium"), 401, "unauthenticated");
    // …and an app key may do nothing but the runtime API.
    expect_problem(app_->get("/api/v1/offers"), 403, "forbidden");
}

TEST_F(Check, BatchAnswersEachCheckInOrder) {
    bj::array checks{
        bj::object{{"tenant", fabrikam_}, {"user", "ada@fabrikam.example"}, {"service_id", "contoso.crm.premium"}},
        bj::object{{"tenant", fabrikam_}, {"user", "bob@fabrikam.example"}, {"service_id", "contoso.crm.premium"}},
        bj::object{
            {"tenant", fabrikam_}, {"user", "BOB@fabrikam.example"}, {"service_id", "contoso.field-service.pro"}},
        bj::object{{"tenant", tailspin_}, {"user", "ada@tailspin.example"}, {"service_id", "contoso.crm.premium"}},
        bj::object{
            {"tenant", fabrikam_}, {"user", "ada@fabrikam.example"}, {"service_id", "northwind.timesheets.team"}},
    };
    const auto r = app_->post("/api/v1/check", {{"checks", checks}});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto& results = r.json().at("results").as_array();
    ASSERT_EQ(results.size(), 5U);
    const std::vector<std::pair<std::string, std::string>> want{{"licensed", "assigned"},
                                                                {"denied", "no_seat"},
                                                                {"base", "base_only"},
                                                                {"denied", "no_license"},
                                                                {"denied", "unknown_service_id"}};
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto& item = results[i].as_object();
        EXPECT_EQ(item.at("result").as_string(), want[i].first) << i;
        EXPECT_EQ(item.at("reason").as_string(), want[i].second) << i;
        EXPECT_EQ(item.at("service_id"), checks[i].as_object().at("service_id")) << i;
    }
    EXPECT_EQ(results[0].as_object().at("plan_id").as_string(), "premium");
    EXPECT_FALSE(results[1].as_object().contains("plan_id"));
    EXPECT_EQ(results[2].as_object().at("user").as_string(), "bob@fabrikam.example");
}

TEST_F(Check, BatchHoldsAtMostOneHundredChecks) {
    const bj::object one{
        {"tenant", fabrikam_}, {"user", "ada@fabrikam.example"}, {"service_id", "contoso.crm.premium"}};
    bj::array hundred;
    for (int i = 0; i < 100; ++i) hundred.push_back(one);
    const auto ok = app_->post("/api/v1/check", {{"checks", hundred}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json().at("results").as_array().size(), 100U);
    hundred.push_back(one);
    expect_problem(app_->post("/api/v1/check", {{"checks", hundred}}), 422, "max_items", "checks");
    expect_problem(app_->post("/api/v1/check", {{"checks", bj::array{}}}), 422, "min_items", "checks");
}

TEST_F(Check, BadInputIsAProblemNamingTheField) {
    const std::string user = "ada@fabrikam.example";
    const std::string sid = "contoso.crm.premium";
    expect_problem(app_->get("/api/v1/check?user=" + user + "&service_id=" + sid), 422, "required", "tenant");
    expect_problem(app_->get(check_path(fabrikam_, "", sid)), 422, "required", "user");
    expect_problem(app_->get("/api/v1/check?tenant=" + fabrikam_ + "&user=" + user), 422, "required", "service_id");
    expect_problem(check(*app_, "fabrikam", user, sid), 422, "guid", "tenant");
    expect_problem(check(*app_, fabrikam_, "ada", sid), 422, "email", "user");
    expect_problem(check(*app_, fabrikam_, user, std::string(201, 's')), 422, "max_length", "service_id");

    const bj::object good{{"tenant", fabrikam_}, {"user", user}, {"service_id", sid}};
    bj::object bad_user = good;
    bad_user["user"] = "not an e-mail";
    expect_problem(app_->post("/api/v1/check", {{"checks", bj::array{good, bad_user}}}), 422, "email",
                   "checks[1].user");
    bj::object extra = good;
    extra["group"] = "x";
    expect_problem(app_->post("/api/v1/check", {{"checks", bj::array{extra}}}), 422, "unknown_field",
                   "checks[0].group");
    expect_problem(app_->post("/api/v1/check", {{"checks", bj::array{"x"}}}), 422, "type", "checks[0]");
    expect_problem(app_->post("/api/v1/check", bj::object{}), 422, "required", "checks");
    expect_problem(app_->request("POST", "/api/v1/check", "{not json"), 400, "malformed");

    bj::object long_nonce = good;
    long_nonce["nonce"] = std::string(129, 'n');
    expect_problem(app_->post("/api/v1/tokens", long_nonce), 422, "max_length", "nonce");
    expect_problem(app_->post("/api/v1/tokens", bj::object{{"tenant", fabrikam_}, {"user", user}}), 422, "required",
                   "service_id");
}

// Read-your-writes: a change this server acknowledges (a non-GET 2xx) is in its index before the answer
// leaves; a refused request catches nothing up.
TEST_F(Check, AnAcknowledgedChangeIsVisibleToTheNextCheck) {
    customers_->assign(fabrikam_, "contoso.crm.premium", "carol@fabrikam.example");
    expect_answer(check(*app_, fabrikam_, "carol@fabrikam.example", "contoso.crm.premium"), "denied", "no_seat");

    const auto refused = developer_->post("/api/v1/offers", {{"id", "Bad Id"}, {"alias", "x"}, {"type", "x"}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    expect_answer(check(*app_, fabrikam_, "carol@fabrikam.example", "contoso.crm.premium"), "denied", "no_seat");

    const auto created = developer_->post(
        "/api/v1/offers", {{"id", "rw"}, {"alias", "Read your writes"}, {"type", "dynamics-365-ce-powerapps"}});
    ASSERT_EQ(created.status, 201) << created.body;
    expect_answer(check(*app_, fabrikam_, "carol@fabrikam.example", "contoso.crm.premium"), "licensed", "assigned",
                  "premium");

    customers_->unassign(fabrikam_, "contoso.crm.premium", "carol@fabrikam.example");
    ASSERT_TRUE(server_->app().runtime().catch_up().ok());
    expect_answer(check(*app_, fabrikam_, "carol@fabrikam.example", "contoso.crm.premium"), "denied", "no_seat");
}

TEST_F(Check, RuntimeCallsIgnoreIdempotencyKeys) {
    const bj::object one{
        {"tenant", fabrikam_}, {"user", "ada@fabrikam.example"}, {"service_id", "contoso.crm.premium"}};
    const std::string body = bj::serialize(bj::object{{"checks", bj::array{one}}});
    const auto first = app_->request("POST", "/api/v1/check", body, {{"Idempotency-Key", "same"}});
    const auto second = app_->request("POST", "/api/v1/check", body, {{"Idempotency-Key", "same"}});
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(second.header("idempotent-replayed"), "");
    const auto t1 = app_->request("POST", "/api/v1/tokens", bj::serialize(one), {{"Idempotency-Key", "t"}});
    const auto t2 = app_->request("POST", "/api/v1/tokens", bj::serialize(one), {{"Idempotency-Key", "t"}});
    EXPECT_NE(t1.str("token"), t2.str("token"));  // each token has its own jti
}

TEST_F(Check, TokensAreSignedWithAKeyFromTheJwks) {
    const auto r = app_->post("/api/v1/tokens", {{"tenant", fabrikam_},
                                                 {"user", "ADA@fabrikam.example"},
                                                 {"service_id", "contoso.crm.premium"},
                                                 {"nonce", "abc"}});
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string token = r.str("token");
    ASSERT_FALSE(token.empty());
    const auto expires_at = parse_rfc3339(r.str("expires_at"));
    ASSERT_TRUE(expires_at);

    const auto jwks = Client(server_->base()).get("/.well-known/jwks.json");
    ASSERT_EQ(jwks.status, 200);
    EXPECT_EQ(jwks.header("cache-control"), "public, max-age=60");
    const auto& keys = jwks.json().at("keys").as_array();
    ASSERT_FALSE(keys.empty());
    std::optional<check::VerifiedJwt> verified;
    for (const auto& k : keys) {
        const auto x = check::base64url_decode(std::string(k.at("x").as_string()));
        ASSERT_TRUE(x && x->size() == check::kEd25519PublicKeyBytes);
        check::PublicKey pk{};
        std::copy(x->begin(), x->end(), pk.begin());
        if (auto v = check::verify_jwt(token, pk)) verified = std::move(v);
    }
    ASSERT_TRUE(verified) << "no key of the JWKS verifies the token";
    const auto& claims = verified->claims;
    EXPECT_EQ(claims.at("iss").as_string(), server_->app().config().settings.public_url);
    EXPECT_EQ(claims.at("aud").as_string(), "contoso.crm.premium");
    EXPECT_EQ(claims.at("sub").as_string(), "ada@fabrikam.example");
    EXPECT_EQ(claims.at("tid").as_string(), fabrikam_);
    EXPECT_EQ(claims.at("plan").as_string(), "premium");
    EXPECT_EQ(claims.at("result").as_string(), "licensed");
    EXPECT_EQ(claims.at("nonce").as_string(), "abc");
    EXPECT_EQ(claims.at("exp").as_int64() - claims.at("iat").as_int64(), 300);
    EXPECT_EQ(claims.at("exp").as_int64() * 1000, *expires_at);
    EXPECT_GE(claims.at("jti").as_string().size(), 22U);  // 128 random bits in base64url
}

// A signed statement about another publisher's plan (even "denied") is refused, like an unknown service ID;
// tokens name their publisher.
TEST_F(Check, TokensAreIssuedOnlyForTheCallersOwnServiceIds) {
    const bj::object foreign{
        {"tenant", fabrikam_}, {"user", "ada@fabrikam.example"}, {"service_id", "northwind.timesheets.team"}};
    expect_problem(app_->post("/api/v1/tokens", foreign), 422, "unknown", "service_id");
    const bj::object unknown{
        {"tenant", fabrikam_}, {"user", "ada@fabrikam.example"}, {"service_id", "contoso.crm.gold"}};
    expect_problem(app_->post("/api/v1/tokens", unknown), 422, "unknown", "service_id");
    // Its own publisher's key gets one; the claims say whose it is.
    const auto own = northwind_app_->post("/api/v1/tokens", foreign);
    ASSERT_EQ(own.status, 200) << own.body;
    const std::string token = own.str("token");
    const auto dot = token.find('.');
    const auto claims = check::base64url_decode(token.substr(dot + 1, token.find('.', dot + 1) - dot - 1));
    ASSERT_TRUE(claims);
    EXPECT_EQ(bj::parse(*claims).at("pub").as_string(), "northwind");
}

// API keys are cached in memory for the hot path; a revocation still takes effect: at once through this
// server, within a refresh when another node writes it.
TEST(CheckCredentials, RevokedKeysStopWorking) {
    TestServer server([](app::Config& c) { c.check.refresh_ms = 50; });
    add_offer(server.app().services(), "contoso", "crm", {"basic"}, true, false);
    const std::string tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    const std::string path = check_path(tenant, "ada@fabrikam.example", "contoso.crm.basic");
    Client admin(server.base());
    admin.use_api_key(key_for(server, "contoso", "global_admin"));

    Client app(server.base());
    const auto here =
        service::create_api_key(server.app().services(), service::system_principal("contoso"), {"app", "revoked here"});
    ASSERT_TRUE(here.ok());
    app.use_api_key(here->key);
    ASSERT_EQ(app.get(path).status, 200);
    ASSERT_EQ(admin.del("/api/v1/api-keys/" + here->id).status, 204);
    EXPECT_EQ(app.get(path).status, 401);

    const auto elsewhere = service::create_api_key(server.app().services(), service::system_principal("contoso"),
                                                   {"app", "revoked elsewhere"});
    ASSERT_TRUE(elsewhere.ok());
    app.use_api_key(elsewhere->key);
    ASSERT_EQ(app.get(path).status, 200);
    auto other = store::open_store(server.app().config().database);
    ASSERT_TRUE(other.ok());
    service::Services other_node(**other, service::Settings{});
    ASSERT_TRUE(service::revoke_api_key(other_node, service::system_principal("contoso"), elsewhere->id).ok());
    long status = 0;
    for (int i = 0; i < 200 && status != 401; ++i) {
        status = app.get(path).status;
        if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    EXPECT_EQ(status, 401);
}

// Another node (here: a second Store on the same database while this server runs, its poller on) assigns a
// seat; this server's answer changes within a refresh.
TEST(CheckAcrossNodes, AChangeMadeElsewhereBecomesVisibleWithinARefresh) {
    TestServer server([](app::Config& c) { c.check.refresh_ms = 50; });
    add_offer(server.app().services(), "contoso", "crm", {"basic"}, true, false);
    Client app(server.base());
    app.use_api_key(key_for(server, "contoso", "app"));

    auto other = store::open_store(server.app().config().database);
    ASSERT_TRUE(other.ok());
    CustomerFixture elsewhere(**other);
    const std::string tenant = elsewhere.add_tenant("Fabrikam");
    elsewhere.set_licenses(tenant, "contoso", "crm", "basic", 1);
    elsewhere.assign(tenant, "contoso.crm.basic", "ada@fabrikam.example");

    const auto started = std::chrono::steady_clock::now();
    std::string result;
    while (std::chrono::steady_clock::now() - started < std::chrono::seconds(10)) {
        result = app.get(check_path(tenant, "ada@fabrikam.example", "contoso.crm.basic")).str("result");
        if (result == "licensed") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(result, "licensed");
    const auto waited =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    EXPECT_LT(waited.count(), 5000) << "refresh is every 50 ms";
}

// Runtime routes are limited per API key, not per address: one app server asks for all its users (a review saw
// 429s at the per-address 200/s). Failed authentications still spend the address's tokens.
TEST(CheckRateLimit, RuntimeRoutesCountPerApiKeyNotPerAddress) {
    TestServer server([](app::Config& c) {
        c.api.requests_per_second = 0.01;  // no refill to speak of during the test
        c.api.request_burst = 5;
        c.api.runtime_requests_per_second = 0.01;
        c.api.runtime_request_burst = 40;
    });
    service::Services& services = server.app().services();
    add_offer(services, "contoso", "crm", {"basic"}, true, false);
    ASSERT_TRUE(server.app().runtime().catch_up().ok());
    Client first(server.base());
    first.use_api_key(key_for(server, "contoso", "app"));
    Client second(server.base());
    second.use_api_key(key_for(server, "contoso", "app"));
    const std::string path =
        check_path("00000000-0000-0000-0000-000000000001", "ada@fabrikam.example", "contoso.crm.basic");
    // Far more than the address's burst of 5, all from 127.0.0.1.
    for (int i = 0; i < 40; ++i) ASSERT_EQ(first.get(path).status, 200) << "check " << i;
    const auto over = first.get(path);
    expect_problem(over, 429, "rate_limited");
    EXPECT_FALSE(over.header("retry-after").empty());
    // Another key has its own budget.
    EXPECT_EQ(second.get(path).status, 200);
    const bj::value token_body = {{"tenant", "00000000-0000-0000-0000-000000000001"},
                                  {"user", "ada@fabrikam.example"},
                                  {"service_id", "contoso.crm.basic"}};
    EXPECT_EQ(second.post("/api/v1/tokens", token_body).status, 200);
    // Wrong keys spend the address's tokens: 5, then 429 instead of 401.
    Client guesser(server.base());
    guesser.use_api_key("sk_not_a_key");
    for (int i = 0; i < 5; ++i) EXPECT_EQ(guesser.get(path).status, 401) << "attempt " << i;
    expect_problem(guesser.get(path), 429, "rate_limited");
}

}  // namespace
}  // namespace seatkeeper::testing
