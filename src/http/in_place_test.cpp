// The runtime check's in-place answer (Api::answer_in_place, Route::in_place): the same answer as the whole
// pipeline's, nothing spent and nothing answered when the pipeline would answer otherwise, and no allocation
// once warm. Allocations are counted by this executable's operator new, on the asking thread only, while a
// test says so. The Api, its Runtime and the database (the test's backend) are real.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "check/runtime.hpp"
#include "common/log.hpp"
#include "common/master_keys.hpp"
#include "http/api.hpp"
#include "service/accounts.hpp"
#include "support/customer_fixture.hpp"

namespace {
thread_local bool counting = false;
thread_local std::size_t allocations = 0;
}  // namespace

// GCC (optimised builds) sees free() on what operator new returned once both are inlined; the replaced
// operator new below allocates with malloc, so free is its match.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

// NOLINTBEGIN(cppcoreguidelines-no-malloc, misc-new-delete-overloads): counting allocations is the point.
void* operator new(std::size_t size) {
    if (counting) ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t /*size*/) noexcept { std::free(p); }
// NOLINTEND(cppcoreguidelines-no-malloc, misc-new-delete-overloads)

namespace seatkeeper::http {
namespace {

using testing::CustomerFixture;
using testing::TempDatabase;

class InPlace : public ::testing::Test {
protected:
    void SetUp() override {
        testing::add_offer(services_, "contoso", "crm", {"basic"}, true, false);
        tenant_ = customers_.add_tenant("Fabrikam");
        customers_.set_licenses(tenant_, "contoso", "crm", "basic", 5);
        customers_.assign(tenant_, "contoso.crm.basic", "ada@fabrikam.example");
        const Status opened = runtime_.open();
        ASSERT_TRUE(opened.ok()) << opened.log_detail();
        const auto created = service::create_api_key(services_, service::system_principal("contoso"), {"app", "app"});
        ASSERT_TRUE(created.ok()) << created.status().message();
        key_ = created->key;
        route_ = api_.policy("GET", "/api/v1/check").route;
        ASSERT_NE(route_, nullptr);
    }

    // The key resolved into the credential cache, as a first request through the pipeline leaves it.
    void cache_key() {
        ASSERT_TRUE(runtime_.credentials()
                        .resolve(key_, [this](const std::string& k) { return service::resolve_api_key(services_, k); })
                        .ok());
    }

    std::string query(const std::string& user, const std::string& service_id = "contoso.crm.basic") const {
        return "tenant=" + tenant_ + "&user=" + user + "&service_id=" + service_id;
    }

    Api::InPlaceRequest in_place(const std::string& query, const std::string& authorization) const {
        return {.route = route_,
                .path = "/api/v1/check",
                .query = query,
                .authorization = authorization,
                .request_id = "req-1",
                .peer = peer_};
    }

    Response through_pipeline(const std::string& query, const std::string& authorization) {
        Request r;
        r.method = "GET";
        r.target = "/api/v1/check?" + query;
        r.headers = {{"authorization", authorization}, {"x-request-id", "req-1"}};
        r.remote_address = peer_;
        return api_.handle(r);
    }

    TempDatabase db_;
    service::Services services_{db_.store(), service::Settings{}};
    crypto::MasterKeys master_keys_{crypto::MasterKey::generate()};
    check::Runtime runtime_{db_.store(), master_keys_, {}};
    CustomerFixture customers_{db_.store()};
    ApiOptions options_{};
    Api api_{services_, runtime_, options_};
    std::string tenant_;
    std::string key_;
    const Route* route_ = nullptr;
    const std::string peer_ = "203.0.113.7";
};

TEST_F(InPlace, AnswersWhatThePipelineAnswers) {
    cache_key();
    for (const std::string& q :
         {query("ada@fabrikam.example"), query("Ada@Fabrikam.Example"), query("bob@fabrikam.example"),
          query("ada@fabrikam.example", "contoso.crm.other"), query("ada%40fabrikam.example")}) {
        Api::InPlaceAnswer answer;
        ASSERT_TRUE(api_.answer_in_place(in_place(q, "Bearer " + key_), answer)) << q;
        const Response expected = through_pipeline(q, "Bearer " + key_);
        EXPECT_EQ(expected.status, 200) << q;
        EXPECT_EQ(answer.body, expected.body) << q;
        EXPECT_EQ(answer.request_id, "req-1");
        EXPECT_TRUE(answer.no_store);
    }
}

// The server hands over a view into the request line, which goes on after the query (a regression: Boost.URL's
// parse_query read the last value on to the end of the line).
TEST_F(InPlace, ReadsTheQueryOnlyAsFarAsItsView) {
    cache_key();
    const std::string line = "GET /api/v1/check?tenant=" + tenant_ +
                             "&service_id=contoso.crm.basic&user=ada@fabrikam.example HTTP/1.1\r\nHost: x\r\n";
    const std::size_t start = line.find('?') + 1;
    const std::string_view query = std::string_view(line).substr(start, line.find(' ', start) - start);
    const std::string authorization = "Bearer " + key_;
    const std::string whole_query(query);
    Api::InPlaceAnswer answer;
    ASSERT_TRUE(api_.answer_in_place(in_place(whole_query, authorization), answer));
    const std::string expected = answer.body;
    answer.body.clear();
    Api::InPlaceRequest request = in_place(whole_query, authorization);
    request.query = query;
    ASSERT_TRUE(api_.answer_in_place(request, answer));
    EXPECT_EQ(answer.body, expected);
    EXPECT_NE(answer.body.find("licensed"), std::string::npos) << answer.body;
}

TEST_F(InPlace, LeavesToThePipelineWhatItWouldNotAnswer200) {
    Api::InPlaceAnswer answer;
    const std::string licensed = query("ada@fabrikam.example");
    EXPECT_FALSE(api_.answer_in_place(in_place(licensed, "Bearer " + key_), answer)) << "a key not cached yet";
    cache_key();
    EXPECT_FALSE(api_.answer_in_place(in_place(licensed, "Bearer sk.nobody.secret"), answer)) << "an unknown key";
    EXPECT_FALSE(api_.answer_in_place(in_place(licensed, "Basic " + key_), answer)) << "another scheme";
    EXPECT_FALSE(api_.answer_in_place(in_place("user=ada@fabrikam.example", "Bearer " + key_), answer))
        << "no tenant: the pipeline answers 422";
    EXPECT_FALSE(api_.answer_in_place(in_place(query("not-an-address"), "Bearer " + key_), answer));
    EXPECT_TRUE(api_.answer_in_place(in_place(licensed, "Bearer " + key_), answer));
}

TEST_F(InPlace, SpendsTheRuntimeLimitOfTheKeyLikeThePipeline) {
    options_.runtime_requests_per_second = 1e-9;
    options_.runtime_request_burst = 2;
    Api limited{services_, runtime_, options_};
    cache_key();
    Api::InPlaceAnswer answer;
    const std::string q = query("ada@fabrikam.example");
    const std::string authorization = "Bearer " + key_;
    const Api::InPlaceRequest request{.route = limited.policy("GET", "/api/v1/check").route,
                                      .path = "/api/v1/check",
                                      .query = q,
                                      .authorization = authorization,
                                      .request_id = std::nullopt,
                                      .forwarding = {},
                                      .peer = peer_};
    EXPECT_TRUE(limited.answer_in_place(request, answer));
    EXPECT_FALSE(limited.answer_in_place(in_place("user=x", "Bearer " + key_), answer)) << "refused: spends none";
    EXPECT_TRUE(limited.answer_in_place(request, answer));
    EXPECT_FALSE(limited.answer_in_place(request, answer)) << "the key's burst is spent: the pipeline answers 429";
    Request r;
    r.method = "GET";
    r.target = "/api/v1/check?" + q;
    r.headers = {{"authorization", authorization}};
    r.remote_address = peer_;
    EXPECT_EQ(limited.handle(r).status, 429);
}

TEST_F(InPlace, AllocatesNothingOnceWarm) {
    log::init("off");  // an unsampled access-log line is the one thing a logged answer builds
    cache_key();
    const std::string authorization = "Bearer " + key_;
    const std::vector<std::string> queries{query("ada@fabrikam.example"), query("bob@fabrikam.example"),
                                           query("ada@fabrikam.example", "contoso.crm.other")};
    std::vector<Api::InPlaceRequest> requests;
    for (const auto& q : queries) requests.push_back(in_place(q, authorization));
    requests.push_back(in_place(queries[0], authorization));
    requests.back().request_id.reset();  // a new request id is made
    Api::InPlaceAnswer answer;
    // Warm: the thread's copies of the key and its bucket, the metrics' labels, the answer's strings.
    for (const auto& r : requests) ASSERT_TRUE(api_.answer_in_place(r, answer));

    counting = true;
    {
        const auto probe = std::make_unique<std::string>(64, 'x');  // the counter counts: two allocations
        EXPECT_EQ(allocations, 2U);
    }
    allocations = 0;
    std::size_t answered = 0;
    for (int round = 0; round < 100; ++round) {
        for (const auto& r : requests) answered += api_.answer_in_place(r, answer) ? 1 : 0;
    }
    counting = false;
    log::init("info");
    EXPECT_EQ(answered, 100 * requests.size());
    EXPECT_EQ(allocations, 0U);
}

}  // namespace
}  // namespace seatkeeper::http
