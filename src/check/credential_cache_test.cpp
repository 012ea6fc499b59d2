#include "check/credential_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace seatkeeper::check {
namespace {

service::Principal app_principal() {
    return service::Principal{"key:k1", "contoso", domain::PublisherRole::kApp, "", "", "app key"};
}

TEST(CredentialCache, ResolvesOnceThenAnswersFromMemory) {
    CredentialCache cache;
    int calls = 0;
    const auto resolver = [&calls](const std::string&) -> Result<service::Principal> {
        ++calls;
        return app_principal();
    };
    for (int i = 0; i < 3; ++i) {
        const auto p = cache.resolve("sk.k1.secret", resolver);
        ASSERT_TRUE(p.ok());
        EXPECT_EQ(p->publisher_id, "contoso");
    }
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(cache.size(), 1U);
}

TEST(CredentialCache, NeverKeepsARefusal) {
    CredentialCache cache;
    int calls = 0;
    const auto refuse = [&calls](const std::string&) -> Result<service::Principal> {
        ++calls;
        return Status::Unauthenticated("the API key is unknown or revoked");
    };
    EXPECT_FALSE(cache.resolve("sk.k1.bad", refuse).ok());
    EXPECT_FALSE(cache.resolve("sk.k1.bad", refuse).ok());
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(cache.size(), 0U);
}

TEST(CredentialCache, ClearForgetsEveryKey) {
    CredentialCache cache;
    bool revoked = false;
    const auto resolver = [&revoked](const std::string&) -> Result<service::Principal> {
        if (revoked) return Status::Unauthenticated("revoked");
        return app_principal();
    };
    ASSERT_TRUE(cache.resolve("sk.k1.secret", resolver).ok());
    revoked = true;
    EXPECT_TRUE(cache.resolve("sk.k1.secret", resolver).ok());  // still cached: nobody said otherwise
    cache.clear();
    EXPECT_FALSE(cache.resolve("sk.k1.secret", resolver).ok());
}

// A resolution that started before a clear (a revocation seen meanwhile) is answered but not kept.
TEST(CredentialCache, DoesNotKeepAResolutionThatRacedWithAClear) {
    CredentialCache cache;
    const auto racing = [&cache](const std::string&) -> Result<service::Principal> {
        cache.clear();  // the revocation's event arrives while the database is being read
        return app_principal();
    };
    EXPECT_TRUE(cache.resolve("sk.k1.secret", racing).ok());
    EXPECT_EQ(cache.size(), 0U);
}

TEST(CredentialCache, KeysAreKeptByTheirWholeValue) {
    CredentialCache cache;
    int calls = 0;
    const auto resolver = [&calls](const std::string& key) -> Result<service::Principal> {
        ++calls;
        if (key != "sk.k1.right") return Status::Unauthenticated("wrong secret");
        return app_principal();
    };
    ASSERT_TRUE(cache.resolve("sk.k1.right", resolver).ok());
    EXPECT_FALSE(cache.resolve("sk.k1.wrong", resolver).ok());  // same key id, another secret
    EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace seatkeeper::check
