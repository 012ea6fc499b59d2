// Idempotency-Key on POST: a retry gets the first answer and runs nothing twice.
#include <gtest/gtest.h>

#include "http/harness.hpp"

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
    ASSERT_EQ(admin_.post("/api/v1/offers", {{"id", "crm"}, {"alias", "crm"}, {"type", "dynamics-365-ce-powerapps"}}).status,
              201);
    EXPECT_EQ(admin_.post("/api/v1/offers", {{"id", "crm"}, {"alias", "crm"}, {"type", "dynamics-365-ce-powerapps"}}).status,
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
    const auto theirs = other.request("POST", "/api/v1/offers",
                                      R"({"id":"crm","alias":"crm","type":"dynamics-365-ce-powerapps"})",
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

}  // namespace
}  // namespace seatkeeper::testing
