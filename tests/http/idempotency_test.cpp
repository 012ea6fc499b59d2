// Idempotency-Key on POST: a retry gets the first answer and runs nothing twice.
#include "service/idempotency.hpp"

#include <gtest/gtest.h>

#include <future>

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "http/harness.hpp"
#include "store/store.hpp"

namespace seatkeeper::testing {
namespace {

class Idempotency : public ::testing::Test {
protected:
    void SetUp() override {
        server_.create_publisher("contoso");
        ASSERT_EQ(admin_.login("admin@contoso.example", "password-contoso-1").status, 200);
    }

    HttpResponse create_offer(const std::string& key, const std::string& id) {
        return admin_.request("POST", "/api/v1/offers",
                              boost::json::serialize(boost::json::object{
                                  {"id", id}, {"alias", id}, {"type", "dynamics-365-ce-powerapps"}}),
                              {{"Idempotency-Key", key}});
    }

    std::size_t events_of_type(const std::string& type) {
        const auto events = admin_.get("/api/v1/events?limit=1000");
        std::size_t n = 0;
        for (const auto& e : events.json().at("items").as_array()) n += e.at("type").as_string() == type ? 1 : 0;
        return n;
    }

    TestServer server_;
    Client admin_{server_.base()};
};

TEST_F(Idempotency, RetryWithTheSameKeyReplaysTheFirstAnswer) {
    const auto first = create_offer("key-1", "crm");
    ASSERT_EQ(first.status, 201) << first.body;
    const auto retry = create_offer("key-1", "crm");
    EXPECT_EQ(retry.status, 201);
    EXPECT_EQ(retry.body, first.body);
    EXPECT_EQ(retry.header("idempotent-replayed"), "true");
    EXPECT_EQ(retry.header("location"), "/api/v1/offers/crm");
    EXPECT_EQ(events_of_type("offer.created"), 1U);
}

TEST_F(Idempotency, WithoutAKeyTheSecondCreateIsAConflict) {
    ASSERT_EQ(
        admin_.post("/api/v1/offers", {{"id", "crm"}, {"alias", "crm"}, {"type", "dynamics-365-ce-powerapps"}}).status,
        201);
    EXPECT_EQ(
        admin_.post("/api/v1/offers", {{"id", "crm"}, {"alias", "crm"}, {"type", "dynamics-365-ce-powerapps"}}).status,
        409);
}

TEST_F(Idempotency, TheSameKeyForAnotherRequestIsRefused) {
    ASSERT_EQ(create_offer("key-1", "crm").status, 201);
    const auto other = create_offer("key-1", "erp");
    EXPECT_EQ(other.status, 422);
    EXPECT_EQ(other.str("rule"), "idempotency_key_reused");
    EXPECT_EQ(admin_.get("/api/v1/offers/erp").status, 404);
}

TEST_F(Idempotency, ARefusalIsReplayedToo) {
    const auto bad = create_offer("key-2", "Bad ID");
    ASSERT_EQ(bad.status, 422);
    const auto again = create_offer("key-2", "Bad ID");
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(again.body, bad.body);
}

TEST_F(Idempotency, KeysAreScopedToTheCaller) {
    server_.create_publisher("fabrikam");
    Client other(server_.base());
    ASSERT_EQ(other.login("admin@fabrikam.example", "password-fabrikam-1").status, 200);
    ASSERT_EQ(create_offer("shared-key", "crm").status, 201);
    const auto theirs =
        other.request("POST", "/api/v1/offers", R"({"id":"crm","alias":"crm","type":"dynamics-365-ce-powerapps"})",
                      {{"Idempotency-Key", "shared-key"}});
    EXPECT_EQ(theirs.status, 201);
    EXPECT_TRUE(theirs.header("idempotent-replayed").empty());
    EXPECT_EQ(theirs.json().at("publisher_id").as_string(), "fabrikam");
}

TEST_F(Idempotency, AnOverlongKeyIsRefused) {
    const auto r = create_offer(std::string(256, 'k'), "crm");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.str("field"), "Idempotency-Key");
}

// Issue 11, finding 11 was a claim left "in progress" by a process that died before it answered; the claim had a
// lease so that a retry could run after 60 s. Now the answer is recorded in the transaction of the change, so
// there is no claim to leave: a process that dies mid-request leaves a transaction the database rolls back
// (CrashSafety retries such requests after a SIGKILL). What remains is a retry while the first request still
// runs: it waits for the first to commit, then replays its answer, instead of a 409.
TEST_F(Idempotency, ARetryWhileTheFirstRunsWaitsAndReplaysItsAnswer) {
    Client second = admin_;  // the same session, on a connection of its own
    // The writers' lock, held by the test: both requests wait for it at their first write.
    auto lock = server_.app().services().store().begin(store::TxMode::kWrite);
    auto first = std::async(std::launch::async, [this] { return create_offer("key-1", "crm"); });
    ASSERT_TRUE(eventually([&] { return server_.app().server().pending_requests() == 1; }));
    auto retry = std::async(std::launch::async, [&second] {
        return second.request("POST", "/api/v1/offers",
                              boost::json::serialize(boost::json::object{
                                  {"id", "crm"}, {"alias", "crm"}, {"type", "dynamics-365-ce-powerapps"}}),
                              {{"Idempotency-Key", "key-1"}});
    });
    ASSERT_TRUE(eventually([&] { return server_.app().server().pending_requests() == 2; }));
    lock.reset();

    const HttpResponse a = first.get();
    const HttpResponse b = retry.get();
    ASSERT_EQ(a.status, 201) << a.body;
    ASSERT_EQ(b.status, 201) << b.body;
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ((a.header("idempotent-replayed") == "true") + (b.header("idempotent-replayed") == "true"), 1)
        << "one ran, the other replayed it";
    EXPECT_EQ(events_of_type("offer.created"), 1U);
}

// Issue 11, finding 9: an answer holding a secret shown once (a new API key, an invitation link) is replayed
// without it, and the secret is nowhere in the database.
TEST_F(Idempotency, ReplaysNeverStoreASecret) {
    const auto first = admin_.request("POST", "/api/v1/api-keys", R"({"role":"app","name":"crm app"})",
                                      {{"Idempotency-Key", "key-3"}});
    ASSERT_EQ(first.status, 201) << first.body;
    const std::string secret = first.str("key");
    ASSERT_FALSE(secret.empty());
    const auto retry = admin_.request("POST", "/api/v1/api-keys", R"({"role":"app","name":"crm app"})",
                                      {{"Idempotency-Key", "key-3"}});
    EXPECT_EQ(retry.status, 201) << retry.body;
    EXPECT_EQ(retry.header("idempotent-replayed"), "true");
    EXPECT_EQ(retry.str("id"), first.str("id"));
    EXPECT_TRUE(retry.json().at("key").is_null()) << retry.body;
    EXPECT_EQ(admin_.get("/api/v1/api-keys").json().at("items").as_array().size(), 1U);

    const auto stored = store::in_transaction(server_.app().services().store(), store::TxMode::kRead,
                                              [](store::Transaction& tx) -> Result<std::string> {
                                                  std::string all;
                                                  for (const auto& r : tx.query("SELECT body FROM idempotency_keys"))
                                                      all += r.optional_text(0).value_or("");
                                                  return all;
                                              });
    ASSERT_TRUE(stored.ok());
    EXPECT_NE(stored->find(first.str("id")), std::string::npos);
    EXPECT_EQ(stored->find(secret), std::string::npos);
}

}  // namespace
}  // namespace seatkeeper::testing
