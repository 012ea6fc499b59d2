#include "domain/credential.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace seatkeeper::domain {
namespace {

using Parts = std::pair<std::string, std::string>;

TEST(Credential, SplitsIdFromSecret) {
    EXPECT_EQ(split_credential("sk.key_abc.s3cr3t", kApiKeyPrefix), Parts("key_abc", "s3cr3t"));
    EXPECT_EQ(split_credential("sess.s3cr3t", ""), Parts("sess", "s3cr3t"));
}

TEST(Credential, SecretIsEverythingAfterTheFirstDot) {
    EXPECT_EQ(split_credential("sk.key_abc.a.b", kApiKeyPrefix), Parts("key_abc", "a.b"));
}

TEST(Credential, RefusesMalformedOnes) {
    const std::vector<std::string> bad{"",           "sk.",           "sk.key_abc",   "sk..secret", "sk.key_abc.",
                                       "key.secret", "SK.key.secret", "sk_key.secret"};
    for (const auto& credential : bad)
        EXPECT_EQ(split_credential(credential, kApiKeyPrefix), std::nullopt) << credential;
}

TEST(Credential, RefusesOverlongOnes) {
    const std::string id(100, 'i');
    EXPECT_TRUE(split_credential(format_credential(kApiKeyPrefix, id, std::string(99, 's')), kApiKeyPrefix));
    EXPECT_FALSE(split_credential(format_credential(kApiKeyPrefix, id, std::string(100, 's')), kApiKeyPrefix));
}

TEST(Credential, FormatAndSplitRoundTrip) {
    const std::string key = format_credential(kApiKeyPrefix, "key_Xy-9", "AbC_d-e");
    EXPECT_EQ(key, "sk.key_Xy-9.AbC_d-e");
    EXPECT_EQ(split_credential(key, kApiKeyPrefix), Parts("key_Xy-9", "AbC_d-e"));
}

}  // namespace
}  // namespace seatkeeper::domain
