// Each step of the request pipeline alone (http/pipeline.hpp), with a `next` that records whether it was called
// and answers what the test says. The steps' own dependencies are real: rate limiters, metrics, a migrated
// database of the test's backend with real accounts, sessions and API keys, the check's Runtime.
#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <latch>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "check/runtime.hpp"
#include "common/master_keys.hpp"
#include "http/api.hpp"
#include "service/accounts.hpp"
#include "service/context.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::http {
namespace {

using testing::CustomerFixture;
using testing::TempDatabase;

// The rest of the chain: counts its calls, does `work` first (a use case), then answers `answer`.
struct Rest {
    Response answer;
    std::function<void()> work = {};
    int calls = 0;

    Response operator()() {
        ++calls;
        if (work) work();
        return answer;
    }
};

Response answer(int status, std::string body = "{}") {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Route route(std::string method, std::string pattern, Access access = Access::kPublic) {
    return Route{std::move(method), std::move(pattern), access,
                 [](Context&) -> Result<Response> { return answer(200); }};
}

// An exchange as Identify leaves it, on `route` (null: nothing matched).
Exchange exchange(const Route* on, std::string method, std::string target,
                  std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = {}) {
    Exchange x;
    x.request.method = std::move(method);
    x.request.target = std::move(target);
    std::tie(x.request.path, x.request.query) = split_target(x.request.target);
    x.request.headers = std::move(headers);
    x.request.body = std::move(body);
    x.request.remote_address = "203.0.113.7";
    x.request.request_id = "req-1";
    x.match.route = on;
    return x;
}

std::string header(const Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
        if (n == name) return v;
    }
    return "";
}

// A rate limiter that allows `burst` requests and, for the length of a test, no more.
RateLimiter allowing(double burst) { return {1e-9, burst}; }

// ---- run_pipeline -----------------------------------------------------------------------------------------------

TEST(Pipeline, RunsTheStepsInOrderUntilOneAnswers) {
    std::vector<std::string> seen;
    const std::vector<Step> steps{[&](Exchange&, Next next) {
                                      seen.emplace_back("first");
                                      Response r = next();
                                      r.set_header("X-First", "on the way back");
                                      return r;
                                  },
                                  [&](Exchange&, Next) {
                                      seen.emplace_back("second answers");
                                      return answer(418);
                                  },
                                  [&](Exchange&, Next) {
                                      seen.emplace_back("never");
                                      return answer(200);
                                  }};
    Exchange x = exchange(nullptr, "GET", "/");
    const Response r = run_pipeline(steps, x);
    EXPECT_EQ(r.status, 418);
    EXPECT_EQ(header(r, "X-First"), "on the way back");
    EXPECT_EQ(seen, (std::vector<std::string>{"first", "second answers"}));
}

TEST(Pipeline, ALastStepThatCallsNextIsAnInternalError) {
    const std::vector<Step> steps{[](Exchange&, Next next) { return next(); }};
    Exchange x = exchange(nullptr, "GET", "/");
    EXPECT_EQ(run_pipeline(steps, x).status, 500);
}

// ---- Identify -----------------------------------------------------------------------------------------------

class IdentifyTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.add(route("GET", "/api/v1/offers"));
        router_.add(route("GET", "/marketplace/{path...}"));
    }

    Response identify(Exchange& x, Rest& rest) const { return Identify{router_, proxies_}(x, Next(rest)); }

    Router router_;
    TrustedProxies proxies_ = TrustedProxies::parse("proxies", "10.0.0.1").value();
};

TEST_F(IdentifyTest, FindsTheRouteAndMarksTheAnswer) {
    Exchange x;
    x.request.method = "GET";
    x.request.target = "/api/v1/offers?limit=5";
    x.request.remote_address = "198.51.100.1";
    Rest rest{answer(200)};
    const Response r = identify(x, rest);
    EXPECT_EQ(rest.calls, 1);
    ASSERT_NE(x.route(), nullptr);
    EXPECT_EQ(x.route_name(), "/api/v1/offers");
    EXPECT_EQ(x.request.path, "/api/v1/offers");
    EXPECT_EQ(x.request.query, "limit=5");
    EXPECT_EQ(header(r, "X-Request-Id"), x.request.request_id);
    EXPECT_EQ(header(r, "Cache-Control"), "no-store");
}

TEST_F(IdentifyTest, OnlyApiAnswersAreMarkedNoStore) {
    Exchange x;
    x.request.method = "GET";
    x.request.target = "/marketplace/offers";
    Rest rest{answer(200)};
    const Response r = identify(x, rest);
    EXPECT_EQ(x.route_name(), "/marketplace/{path...}");
    EXPECT_EQ(header(r, "Cache-Control"), "");
    EXPECT_FALSE(header(r, "X-Request-Id").empty());
}

TEST_F(IdentifyTest, KeepsAShortPlainRequestIdAndReplacesAnyOther) {
    struct Case {
        std::string given;
        bool kept;
    };
    for (const Case& c : std::vector<Case>{{"abc-123_X", true},
                                           {std::string(64, 'a'), true},
                                           {std::string(65, 'a'), false},
                                           {"", false},
                                           {"has space", false},
                                           {"new\nline", false}}) {
        Exchange x;
        x.request.method = "GET";
        x.request.target = "/api/v1/offers";
        x.request.headers = {{"x-request-id", c.given}};
        Rest rest{answer(200)};
        identify(x, rest);
        EXPECT_EQ(x.request.request_id == c.given, c.kept) << c.given;
        EXPECT_FALSE(x.request.request_id.empty());
    }
}

TEST_F(IdentifyTest, TheClientIsTheAddressBehindATrustedProxy) {
    Exchange x;
    x.request.method = "GET";
    x.request.target = "/nowhere";
    x.request.remote_address = "10.0.0.1";
    x.request.headers = {{"x-forwarded-for", "192.0.2.44"}};
    Rest rest{answer(404)};
    identify(x, rest);
    EXPECT_EQ(x.request.remote_address, "192.0.2.44");
    EXPECT_EQ(x.route(), nullptr);
    EXPECT_EQ(x.route_name(), "unmatched");
}

// ---- Observe ------------------------------------------------------------------------------------------------

TEST(Observe, CountsEachAnswerUnderItsRouteButLongPollRepeatsNot) {
    Metrics metrics;
    const Route offers = route("GET", "/api/v1/offers");
    Exchange x = exchange(&offers, "GET", "/api/v1/offers");
    Rest rest{answer(200)};
    Observe{metrics}(x, Next(rest));
    x.request.poll_repeat = true;
    Observe{metrics}(x, Next(rest));
    EXPECT_EQ(rest.calls, 2);
    const std::string rendered = metrics.render();
    EXPECT_NE(rendered.find(R"(route="/api/v1/offers",status="200"} 1)"), std::string::npos) << rendered;
}

// ---- LimitPerAddress ----------------------------------------------------------------------------------------

TEST(LimitPerAddress, AnAddressOverItsBurstIsAnswered429) {
    RateLimiter limiter = allowing(1);
    const Route offers = route("GET", "/api/v1/offers");
    Exchange x = exchange(&offers, "GET", "/api/v1/offers");
    Rest rest{answer(200)};
    EXPECT_EQ(LimitPerAddress{limiter}(x, Next(rest)).status, 200);
    const Response refused = LimitPerAddress{limiter}(x, Next(rest));
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(header(refused, "Retry-After"), "1");
    EXPECT_EQ(rest.calls, 1);
    x.request.remote_address = "203.0.113.8";
    EXPECT_EQ(LimitPerAddress{limiter}(x, Next(rest)).status, 200) << "another address has its own tokens";
}

TEST(LimitPerAddress, RuntimeRoutesAndLongPollRepeatsSpendNoToken) {
    RateLimiter limiter = allowing(1);
    Route check = route("GET", "/api/v1/check", Access::kPublisher);
    check.runtime = true;
    const Route events = route("GET", "/api/v1/events");
    Rest rest{answer(200)};
    for (int i = 0; i < 3; ++i) {
        Exchange runtime = exchange(&check, "GET", "/api/v1/check");
        EXPECT_EQ(LimitPerAddress{limiter}(runtime, Next(rest)).status, 200);
        Exchange repeat = exchange(&events, "GET", "/api/v1/events?wait=10");
        repeat.request.poll_repeat = true;
        EXPECT_EQ(LimitPerAddress{limiter}(repeat, Next(rest)).status, 200);
    }
    Exchange first = exchange(&events, "GET", "/api/v1/events");
    EXPECT_EQ(LimitPerAddress{limiter}(first, Next(rest)).status, 200) << "the address's one token is still there";
}

// ---- RequireRoute -------------------------------------------------------------------------------------------

TEST(RequireRoute, NoRouteIs404AndAnotherMethodIs405WithAllow) {
    Rest rest{answer(200)};
    Exchange nothing = exchange(nullptr, "GET", "/api/v1/nothing");
    const Response not_found = RequireRoute{}(nothing, Next(rest));
    EXPECT_EQ(not_found.status, 404);
    EXPECT_EQ(not_found.content_type, "application/problem+json");

    Exchange other = exchange(nullptr, "DELETE", "/api/v1/offers");
    other.match.allowed_methods = {"GET", "POST"};
    const Response not_allowed = RequireRoute{}(other, Next(rest));
    EXPECT_EQ(not_allowed.status, 405);
    EXPECT_EQ(header(not_allowed, "Allow"), "GET, POST");
    EXPECT_EQ(rest.calls, 0);

    const Route offers = route("GET", "/api/v1/offers");
    Exchange found = exchange(&offers, "GET", "/api/v1/offers");
    EXPECT_EQ(RequireRoute{}(found, Next(rest)).status, 200);
    EXPECT_EQ(rest.calls, 1);
}

// ---- LimitSignIns -------------------------------------------------------------------------------------------

TEST(LimitSignIns, SignInsAndAnonymousWritesHaveTheirOwnLimitsAndOtherRoutesNone) {
    RateLimiter sign_ins = allowing(1);
    RateLimiter public_writes = allowing(1);
    Route login = route("POST", "/api/v1/auth/login");
    login.signs_in = true;
    Route leads = route("POST", "/api/v1/marketplace/offers/{product}/leads");
    leads.public_write = true;
    const Route offers = route("POST", "/api/v1/offers", Access::kPublisher);
    Rest rest{answer(200)};
    const auto status_of = [&](const Route& r) {
        Exchange x = exchange(&r, r.method, r.pattern);
        return LimitSignIns{sign_ins, public_writes}(x, Next(rest)).status;
    };
    EXPECT_EQ(status_of(login), 200);
    EXPECT_EQ(status_of(login), 429);
    EXPECT_EQ(status_of(leads), 200) << "a limit of its own";
    EXPECT_EQ(status_of(leads), 429);
    EXPECT_EQ(status_of(offers), 200);
    EXPECT_EQ(status_of(offers), 200);
    EXPECT_EQ(rest.calls, 4);
}

// ---- Steps on a database: Authenticate, CatchUp, Transact -----------------------------------------------------

class DatabaseSteps : public ::testing::Test {
protected:
    void SetUp() override {
        const Status created = service::create_publisher(
            services_, {"contoso", "Contoso", "admin@contoso.example", "password-contoso-1", "Admin"});
        ASSERT_TRUE(created.ok()) << created.message();
    }

    bool publisher_exists(const std::string& id) {
        const auto found =
            store::in_transaction(db_.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<bool> {
                return tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {id}).has_value();
            });
        return found.ok() && *found;
    }

    // A use case that adds a publisher: what a handler's change looks like to the store.
    Status add_publisher(const std::string& id) {
        return store::in_transaction(db_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
            tx.execute("INSERT INTO publishers (id, name, created_at) VALUES (?, ?, 1)", {id, "Publisher " + id});
            return Status::Ok();
        });
    }

    TempDatabase db_;
    service::Services services_{db_.store(), service::Settings{}};
};

// ---- Authenticate -------------------------------------------------------------------------------------------

class AuthenticateTest : public DatabaseSteps {
protected:
    Response authenticate(Exchange& x, Rest& rest) {
        return Authenticate{services_, credentials_, failed_attempts_}(x, Next(rest));
    }

    check::CredentialCache credentials_;
    RateLimiter failed_attempts_ = allowing(1);
    Route publisher_route_ = route("POST", "/api/v1/offers", Access::kPublisher);
};

TEST_F(AuthenticateTest, APublicRouteNeedsNoCredential) {
    const Route leads = route("POST", "/api/v1/marketplace/offers/{product}/leads");
    Exchange x = exchange(&leads, "POST", "/api/v1/marketplace/offers/contoso.crm/leads");
    Rest rest{answer(201)};
    EXPECT_EQ(authenticate(x, rest).status, 201);
    EXPECT_EQ(rest.calls, 1);
    EXPECT_FALSE(x.principal.has_value());
}

TEST_F(AuthenticateTest, WithoutACredentialTheAnswerIs401) {
    Exchange x = exchange(&publisher_route_, "POST", "/api/v1/offers");
    Rest rest{answer(201)};
    EXPECT_EQ(authenticate(x, rest).status, 401);
    EXPECT_EQ(rest.calls, 0);
}

TEST_F(AuthenticateTest, AnApiKeyIsResolvedOnceThenFromTheCache) {
    const auto key = service::create_api_key(services_, service::system_principal("contoso"), {"developer", "dev"});
    ASSERT_TRUE(key.ok());
    Exchange x = exchange(&publisher_route_, "POST", "/api/v1/offers", {{"authorization", "Bearer " + key->key}});
    Rest rest{answer(201)};
    EXPECT_EQ(authenticate(x, rest).status, 201);
    ASSERT_TRUE(x.principal.has_value());
    EXPECT_EQ(x.principal->actor, "key:" + key->id);
    EXPECT_EQ(x.principal->publisher_id, "contoso");
    EXPECT_TRUE(credentials_.contains(key->key));
}

TEST_F(AuthenticateTest, ASessionWritesOnlyWithItsCsrfToken) {
    const auto session = service::login(services_, "admin@contoso.example", "password-contoso-1");
    ASSERT_TRUE(session.ok());
    const std::string cookie = std::string(kSessionCookie) + "=" + session->cookie;
    Rest rest{answer(201)};

    Exchange without = exchange(&publisher_route_, "POST", "/api/v1/offers", {{"cookie", cookie}});
    const Response refused = authenticate(without, rest);
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("X-CSRF-Token"), std::string::npos);
    Exchange wrong = exchange(&publisher_route_, "POST", "/api/v1/offers",
                              {{"cookie", cookie}, {"x-csrf-token", session->csrf_token + "x"}});
    EXPECT_EQ(authenticate(wrong, rest).status, 403);
    EXPECT_EQ(rest.calls, 0);

    Exchange with = exchange(&publisher_route_, "POST", "/api/v1/offers",
                             {{"cookie", cookie}, {"x-csrf-token", session->csrf_token}});
    EXPECT_EQ(authenticate(with, rest).status, 201);
    ASSERT_TRUE(with.principal.has_value());
    EXPECT_EQ(with.principal->email, "admin@contoso.example");

    const Route offers = route("GET", "/api/v1/offers", Access::kPublisher);
    Exchange read = exchange(&offers, "GET", "/api/v1/offers", {{"cookie", cookie}});
    EXPECT_EQ(authenticate(read, rest).status, 201) << "a read needs no CSRF token";
    EXPECT_EQ(rest.calls, 2);
}

TEST_F(AuthenticateTest, FailedAttemptsOnARuntimeRouteSpendTheAddresssTokens) {
    Route check = route("POST", "/api/v1/check", Access::kPublisher);
    check.runtime = true;
    Rest rest{answer(200)};
    Exchange first = exchange(&check, "POST", "/api/v1/check", {{"authorization", "Bearer sk_live_wrong.guess"}});
    EXPECT_EQ(authenticate(first, rest).status, 401);
    Exchange second = exchange(&check, "POST", "/api/v1/check", {{"authorization", "Bearer sk_live_other.guess"}});
    EXPECT_EQ(authenticate(second, rest).status, 429);
    Exchange elsewhere = exchange(&publisher_route_, "POST", "/api/v1/offers");
    EXPECT_EQ(authenticate(elsewhere, rest).status, 401) << "only runtime routes count failed attempts";
    EXPECT_EQ(rest.calls, 0);
}

// ---- LimitRuntime and Authorize -----------------------------------------------------------------------------

TEST(LimitRuntime, RuntimeRoutesAreLimitedPerApiKey) {
    KeyRateLimiter limiter{1e-9, 1};
    Route check = route("POST", "/api/v1/check", Access::kPublisher);
    check.runtime = true;
    Rest rest{answer(200)};
    const auto status_for = [&](const std::string& actor) {
        Exchange x = exchange(&check, "POST", "/api/v1/check");
        x.principal = service::system_principal("contoso");
        x.principal->actor = actor;
        return LimitRuntime{limiter}(x, Next(rest)).status;
    };
    EXPECT_EQ(status_for("key:a"), 200);
    EXPECT_EQ(status_for("key:a"), 429);
    EXPECT_EQ(status_for("key:b"), 200);
    EXPECT_EQ(rest.calls, 2);
}

TEST(Authorize, PublisherRoutesAreForPublishersAndAdminCenterRoutesForTenants) {
    const service::Principal publisher = service::system_principal("contoso");
    const service::Principal tenant = service::tenant_system_principal("2f1c5f0e-0000-4000-8000-000000000001");
    struct Case {
        Access access;
        const service::Principal* who;
        int status;
    };
    for (const Case& c : std::vector<Case>{{Access::kPublisher, &publisher, 200},
                                           {Access::kPublisher, &tenant, 403},
                                           {Access::kTenant, &tenant, 200},
                                           {Access::kTenant, &publisher, 403},
                                           {Access::kAccount, &publisher, 200},
                                           {Access::kAccount, &tenant, 200}}) {
        const Route r = route("GET", "/somewhere", c.access);
        Exchange x = exchange(&r, "GET", "/somewhere");
        x.principal = *c.who;
        Rest rest{answer(200)};
        EXPECT_EQ(Authorize{}(x, Next(rest)).status, c.status)
            << static_cast<int>(c.access) << " " << c.who->is_tenant();
        EXPECT_EQ(rest.calls, c.status == 200 ? 1 : 0);
    }
}

// ---- CatchUp ------------------------------------------------------------------------------------------------

class CatchUpTest : public DatabaseSteps {
protected:
    void SetUp() override {
        DatabaseSteps::SetUp();
        testing::add_offer(services_, "contoso", "crm", {"basic"}, true, false);
        tenant_ = customers_.add_tenant("Fabrikam");
        customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
        const Status opened = runtime_.open();
        ASSERT_TRUE(opened.ok()) << opened.log_detail();
    }

    // What the rest of the chain does for an assignment of ada answered `status`.
    Rest assignment(int status) {
        return Rest{answer(status),
                    [this] { customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example"); }};
    }

    bool ada_licensed() const {
        return runtime_.check("contoso", tenant_, "ada@fabrikam.example", "contoso.crm.basic").result ==
               check::Verdict::kLicensed;
    }

    crypto::MasterKeys master_keys_{crypto::MasterKey::generate()};
    check::Runtime runtime_{db_.store(), master_keys_, {}};  // its poller never started: only CatchUp catches up
    CustomerFixture customers_{db_.store()};
    std::string tenant_;
    Route assign_ = route("POST", "/api/v1/tenant/licenses/{service_id}/assignments", Access::kTenant);
};

TEST_F(CatchUpTest, AnAcknowledgedChangeIsInTheIndexBeforeTheAnswerLeaves) {
    Exchange x = exchange(&assign_, "POST", "/api/v1/tenant/licenses/contoso.crm.basic/assignments");
    Rest rest = assignment(200);
    EXPECT_EQ(CatchUp{runtime_}(x, Next(rest)).status, 200);
    EXPECT_TRUE(ada_licensed());
}

TEST_F(CatchUpTest, ARefusalOrAReadDoesNotCatchUp) {
    Exchange refused = exchange(&assign_, "POST", "/api/v1/tenant/licenses/contoso.crm.basic/assignments");
    Rest rest = assignment(409);  // as if the answer were a refusal: no catch-up, whatever was written
    CatchUp{runtime_}(refused, Next(rest));
    EXPECT_FALSE(ada_licensed());

    const Route list = route("GET", "/api/v1/tenant/licenses/{service_id}/assignments", Access::kTenant);
    Exchange read = exchange(&list, "GET", "/api/v1/tenant/licenses/contoso.crm.basic/assignments");
    Rest ok{answer(200)};
    CatchUp{runtime_}(read, Next(ok));
    EXPECT_FALSE(ada_licensed());

    Route check = route("POST", "/api/v1/check", Access::kPublisher);
    check.read_only = true;
    Exchange runtime_post = exchange(&check, "POST", "/api/v1/check");
    CatchUp{runtime_}(runtime_post, Next(ok));
    EXPECT_FALSE(ada_licensed()) << "a read_only POST changes nothing, so it does not catch up";

    Exchange acknowledged = exchange(&assign_, "DELETE", "/api/v1/tenant/licenses/contoso.crm.basic/assignments/x");
    CatchUp{runtime_}(acknowledged, Next(ok));
    EXPECT_TRUE(ada_licensed()) << "the next acknowledged change catches up";
    EXPECT_EQ(rest.calls + ok.calls, 4);
}

// ---- Transact -----------------------------------------------------------------------------------------------

class TransactTest : public DatabaseSteps {
protected:
    Response transact(Exchange& x, Rest& rest) { return Transact{services_}(x, Next(rest)); }

    // A POST to the offers route as contoso's admin, with `key` (none when empty).
    Exchange post(const std::string& key, const std::string& body = R"({"id":"crm"})", const Route* on = nullptr) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!key.empty()) headers.emplace_back("idempotency-key", key);
        Exchange x = exchange(on != nullptr ? on : &offers_, "POST", "/api/v1/offers", std::move(headers), body);
        x.principal = service::system_principal("contoso");
        return x;
    }

    // The use case of the route: adds publisher `id`, answers 201 with a Location.
    Rest creates(const std::string& id) {
        Response created = answer(201, R"({"id":")" + id + R"("})");
        created.set_header("Location", "/api/v1/publishers/" + id);
        return Rest{created, [this, id] { EXPECT_TRUE(add_publisher(id).ok()); }};
    }

    Route offers_ = route("POST", "/api/v1/offers", Access::kPublisher);
};

TEST_F(TransactTest, AReadRunsInAReadOnlyScope) {
    const Route list = route("GET", "/api/v1/offers", Access::kPublisher);
    Exchange x = exchange(&list, "GET", "/api/v1/offers");
    Status write;
    bool read = false;
    Rest rest{answer(200), [&] {
                  write = add_publisher("fabrikam");
                  read = publisher_exists("contoso");
              }};
    EXPECT_EQ(transact(x, rest).status, 200);
    EXPECT_EQ(write.code(), StatusCode::kInternal) << "a read route may not begin a write transaction";
    EXPECT_TRUE(read);
    EXPECT_FALSE(publisher_exists("fabrikam"));
    EXPECT_TRUE(add_publisher("fabrikam").ok()) << "the scope ends with the request";
}

TEST_F(TransactTest, AReadOnlyPostMayNotWriteEither) {
    Route check = route("POST", "/api/v1/check", Access::kPublisher);
    check.read_only = true;
    Exchange x = exchange(&check, "POST", "/api/v1/check", {{"idempotency-key", "k"}});
    Status write;
    Rest rest{answer(200), [&] { write = add_publisher("fabrikam"); }};
    transact(x, rest);
    EXPECT_EQ(write.code(), StatusCode::kInternal);
}

TEST_F(TransactTest, APostWithAKeyRunsOnceAndIsReplayed) {
    Rest rest = creates("fabrikam");
    Exchange first = post("key-1");
    const Response answered = transact(first, rest);
    EXPECT_EQ(answered.status, 201);
    EXPECT_EQ(header(answered, "Idempotent-Replayed"), "");
    EXPECT_TRUE(publisher_exists("fabrikam"));

    Exchange retry = post("key-1");
    const Response replayed = transact(retry, rest);
    EXPECT_EQ(rest.calls, 1);
    EXPECT_EQ(replayed.status, 201);
    EXPECT_EQ(replayed.body, answered.body);
    EXPECT_EQ(header(replayed, "Location"), "/api/v1/publishers/fabrikam");
    EXPECT_EQ(header(replayed, "Idempotent-Replayed"), "true");
}

TEST_F(TransactTest, TheChangeAndItsAnswerAreOneWriteTransaction) {
    Rest rest = creates("fabrikam");
    Exchange x = post("key-1");
    const store::TransactionCounts before = db_.store().transaction_counts();
    ASSERT_EQ(transact(x, rest).status, 201);
    const store::TransactionCounts after = db_.store().transaction_counts();
    EXPECT_EQ(after.writes - before.writes, 1U);
    EXPECT_EQ(after.nested - before.nested, 1U) << "the use case ran in a savepoint of it";
}

TEST_F(TransactTest, TheSameKeyForAnotherRequestIsRefused) {
    Rest rest = creates("fabrikam");
    Exchange first = post("key-1");
    ASSERT_EQ(transact(first, rest).status, 201);
    Exchange other = post("key-1", R"({"id":"erp"})");
    const Response refused = transact(other, rest);
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("idempotency_key_reused"), std::string::npos);
    EXPECT_EQ(rest.calls, 1);
}

TEST_F(TransactTest, ARefusalIsKeptAndItsChangeRolledBack) {
    Rest rest{answer(409, R"({"rule":"duplicate"})"), [this] {
                  const Status refused = store::in_transaction(db_.store(), store::TxMode::kWrite, [](auto& tx) {
                      tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('fabrikam', 'F', 1)");
                      return Status::Conflict("duplicate", "refused after writing");
                  });
                  EXPECT_EQ(refused.rule(), "duplicate");
              }};
    Exchange first = post("key-1");
    EXPECT_EQ(transact(first, rest).status, 409);
    EXPECT_FALSE(publisher_exists("fabrikam"));
    Exchange retry = post("key-1");
    const Response replayed = transact(retry, rest);
    EXPECT_EQ(replayed.status, 409);
    EXPECT_EQ(header(replayed, "Idempotent-Replayed"), "true");
    EXPECT_EQ(rest.calls, 1);
}

TEST_F(TransactTest, AServerErrorRollsBackTheChangeAndKeepsNoAnswer) {
    Rest rest{answer(500), [this] { EXPECT_TRUE(add_publisher("fabrikam").ok()); }};
    Exchange first = post("key-1");
    EXPECT_EQ(transact(first, rest).status, 500);
    EXPECT_FALSE(publisher_exists("fabrikam")) << "committed with its answer or not at all";
    Exchange retry = post("key-1");
    EXPECT_EQ(transact(retry, rest).status, 500);
    EXPECT_EQ(rest.calls, 2) << "a retry runs again";
}

TEST_F(TransactTest, SecretFieldsAreKeptAsNull) {
    Route keys = route("POST", "/api/v1/api-keys", Access::kAccount);
    keys.secret_fields = {"key"};
    Rest rest{answer(201, R"({"id":"key_1","key":"sk_live_secret"})")};
    Exchange first = post("key-1", "{}", &keys);
    EXPECT_EQ(transact(first, rest).body, R"({"id":"key_1","key":"sk_live_secret"})");
    Exchange retry = post("key-1", "{}", &keys);
    EXPECT_EQ(transact(retry, rest).body, R"({"id":"key_1","key":null})");
}

TEST_F(TransactTest, SignInRoutesAndRequestsWithoutAKeyAreNotRecorded) {
    Route login = route("POST", "/api/v1/auth/login");
    login.signs_in = true;
    Rest rest{answer(200)};
    for (int i = 0; i < 2; ++i) {
        Exchange sign_in = post("key-1", "{}", &login);
        EXPECT_EQ(header(transact(sign_in, rest), "Idempotent-Replayed"), "");
        Exchange keyless = post("");
        transact(keyless, rest);
    }
    EXPECT_EQ(rest.calls, 4);
}

TEST_F(TransactTest, AnOverlongKeyIsRefusedBeforeAnythingRuns) {
    Rest rest{answer(201)};
    Exchange x = post(std::string(256, 'k'));
    const Response refused = transact(x, rest);
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("Idempotency-Key"), std::string::npos);
    EXPECT_EQ(rest.calls, 0);
}

// Two requests with one key at once: the second finds no answer before it runs, waits for the writers' lock at
// its first write, and then replays the first's answer, its own change rolled back.
TEST_F(TransactTest, ARetryWhileTheFirstRunsGetsTheFirstAnswer) {
    std::latch first_wrote(1);
    std::latch second_running(1);
    Rest first_rest = creates("fabrikam");
    first_rest.work = [&] {
        EXPECT_TRUE(add_publisher("fabrikam").ok());
        first_wrote.count_down();
        second_running.wait();
    };
    auto first = std::async(std::launch::async, [&] {
        Exchange x = post("key-1");
        return transact(x, first_rest);
    });
    first_wrote.wait();
    Status second_write;
    Rest second_rest{answer(409), [&] {
                         second_running.count_down();
                         second_write = add_publisher("fabrikam");  // waits for the first to commit
                     }};
    Exchange x = post("key-1");
    const Response second = transact(x, second_rest);
    const Response answered = first.get();

    EXPECT_EQ(answered.status, 201);
    EXPECT_EQ(second_rest.calls, 1);
    EXPECT_EQ(second_write.code(), StatusCode::kConflict) << "it ran after the first committed";
    EXPECT_EQ(second.status, 201);
    EXPECT_EQ(second.body, answered.body);
    EXPECT_EQ(header(second, "Idempotent-Replayed"), "true");
}

// ---- RunHandler ---------------------------------------------------------------------------------------------

TEST(RunHandler, HandsTheHandlerItsParametersAndPrincipal) {
    Route r = route("GET", "/api/v1/offers/{offer_id}", Access::kPublisher);
    r.handler = [](Context& c) -> Result<Response> { return answer(200, c.param("offer_id") + " " + c.who().actor); };
    Exchange x = exchange(&r, "GET", "/api/v1/offers/crm");
    x.match.params = {{"offer_id", "crm"}};
    x.principal = service::system_principal("contoso");
    x.principal->actor = "user:ada";
    Rest rest{answer(500)};
    EXPECT_EQ(RunHandler{}(x, Next(rest)).body, "crm user:ada");
    EXPECT_EQ(rest.calls, 0);
}

TEST(RunHandler, AFailedStatusIsAProblemAndAnExceptionA500) {
    Route refuses = route("GET", "/refuses");
    refuses.handler = [](Context&) -> Result<Response> { return Status::NotFound("no such offer"); };
    Exchange x = exchange(&refuses, "GET", "/refuses");
    Rest rest{answer(200)};
    const Response not_found = RunHandler{}(x, Next(rest));
    EXPECT_EQ(not_found.status, 404);
    EXPECT_EQ(not_found.content_type, "application/problem+json");

    Route throws = route("GET", "/throws");
    throws.handler = [](Context&) -> Result<Response> { throw std::runtime_error("SELECT secret FROM somewhere"); };
    Exchange y = exchange(&throws, "GET", "/throws");
    const Response failed = RunHandler{}(y, Next(rest));
    EXPECT_EQ(failed.status, 500);
    EXPECT_EQ(failed.body.find("SELECT"), std::string::npos) << "the detail goes to the log only";
}

}  // namespace
}  // namespace seatkeeper::http
