// Idempotency-Key on POST: a retry gets the first answer and runs nothing twice.
#include "service/idempotency.hpp"

#include <gtest/gtest.h>

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

// Issue 11, finding 11: a key claimed by a process that died before it answered is not "in progress" for 24
// hours; once the lease lapses a retry runs the request.
TEST_F(Idempotency, AClaimLeftByACrashedProcessLapses) {
    ASSERT_EQ(create_offer("key-1", "crm").status, 201);
    auto& store = server_.app().services().store();
    const auto scope =
        store::in_transaction(store, store::TxMode::kRead, [](store::Transaction& tx) -> Result<std::string> {
            return tx.query_one("SELECT scope FROM idempotency_keys WHERE key = 'key-1'")->text(0);
        });
    ASSERT_TRUE(scope.ok()) << scope.status().message();
    // The claim a crashed process leaves: the request's hash, no answer.
    const std::string body = boost::json::serialize(
        boost::json::object{{"id", "erp"}, {"alias", "erp"}, {"type", "dynamics-365-ce-powerapps"}});
    const std::string hash = crypto::sha256_hex("POST /api/v1/offers\n" + body);
    const auto claim = [&](Millis at) {
        return store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) {
            tx.execute("DELETE FROM idempotency_keys WHERE key = 'key-2'");
            tx.execute("INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?, 'key-2', ?, ?)",
                       {*scope, hash, at});
            return Status::Ok();
        });
    };

    ASSERT_TRUE(claim(now_millis()).ok());
    const auto running = create_offer("key-2", "erp");
    EXPECT_EQ(running.status, 409) << running.body;
    EXPECT_EQ(running.str("rule"), "idempotency_key_in_progress");
    EXPECT_EQ(admin_.get("/api/v1/offers/erp").status, 404);

    ASSERT_TRUE(claim(now_millis() - service::kIdempotencyLeaseMs - 1000).ok());
    const auto recovered = create_offer("key-2", "erp");
    EXPECT_EQ(recovered.status, 201) << recovered.body;
    EXPECT_TRUE(recovered.header("idempotent-replayed").empty());
    EXPECT_EQ(admin_.get("/api/v1/offers/erp").status, 200);
    const auto replayed = create_offer("key-2", "erp");
    EXPECT_EQ(replayed.body, recovered.body);
    EXPECT_EQ(replayed.header("idempotent-replayed"), "true");
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
