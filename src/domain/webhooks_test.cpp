#include "domain/webhooks.hpp"

#include <gtest/gtest.h>

#include "common/crypto.hpp"

namespace seatkeeper::domain {
namespace {

TEST(WebhookPatterns, ATypeAFamilyOrEverything) {
    EXPECT_TRUE(pattern_matches("seat.assigned", "seat.assigned"));
    EXPECT_FALSE(pattern_matches("seat.assigned", "seat.unassigned"));
    EXPECT_TRUE(pattern_matches("seat.*", "seat.unassigned"));
    EXPECT_FALSE(pattern_matches("seat.*", "seats.x"));
    EXPECT_FALSE(pattern_matches("license.*", "seat.assigned"));
    EXPECT_TRUE(pattern_matches("*", "webhook.ping"));
    const std::vector<std::string> patterns{"license.granted", "seat.*"};
    EXPECT_TRUE(any_pattern_matches(patterns, "seat.assigned"));
    EXPECT_FALSE(any_pattern_matches(patterns, "license.changed"));
}

TEST(WebhookPatterns, UnknownTypesAndFamiliesAreRefusedNamingTheItem) {
    EXPECT_TRUE(validate_event_patterns(std::vector<std::string>{"*", "seat.*", "license.granted"}).ok());
    const auto empty = validate_event_patterns(std::vector<std::string>{});
    EXPECT_EQ(empty.field(), "events");
    EXPECT_EQ(empty.rule(), "required");
    const auto unknown = validate_event_patterns(std::vector<std::string>{"seat.*", "seat.taken"});
    EXPECT_EQ(unknown.field(), "events[1]");
    EXPECT_EQ(unknown.rule(), "unknown_event_type");
    EXPECT_EQ(validate_event_patterns(std::vector<std::string>{"seats.*"}).rule(), "unknown_event_type");
    EXPECT_EQ(validate_event_patterns(std::vector<std::string>{"seat"}).rule(), "unknown_event_type");
    EXPECT_EQ(validate_event_patterns(std::vector<std::string>{".*"}).rule(), "unknown_event_type");
    EXPECT_EQ(validate_event_patterns(std::vector<std::string>{"*", "*"}).rule(), "duplicate");
}

TEST(WebhookSignature, OneV1PerSecretOverTheTimestampAndBody) {
    const std::string body = R"({"id":"1"})";
    const std::vector<std::string> secrets{"whsec_new", "whsec_old"};
    const std::string header = webhook_signature(1700000000, body, secrets);
    EXPECT_EQ(header, "t=1700000000,v1=" + crypto::hmac_sha256_hex("whsec_new", "1700000000." + body) +
                          ",v1=" + crypto::hmac_sha256_hex("whsec_old", "1700000000." + body));
}

TEST(WebhookSignature, HmacSha256MatchesRfc4231) {
    // RFC 4231, test case 2.
    EXPECT_EQ(crypto::hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookRetry, DoublesUpToTheCapWithinTwentyPercent) {
    EXPECT_EQ(webhook_retry_delay(1, 1000, 60000, 0.5), 1000);
    EXPECT_EQ(webhook_retry_delay(2, 1000, 60000, 0.5), 2000);
    EXPECT_EQ(webhook_retry_delay(4, 1000, 60000, 0.5), 8000);
    EXPECT_EQ(webhook_retry_delay(30, 1000, 60000, 0.5), 60000);
    EXPECT_EQ(webhook_retry_delay(1, 1000, 60000, 0.0), 800);
    EXPECT_EQ(webhook_retry_delay(1, 1000, 60000, 1.0), 1200);
    EXPECT_GE(webhook_retry_delay(1, 0, 0, 0.0), 1);
}

}  // namespace
}  // namespace seatkeeper::domain
