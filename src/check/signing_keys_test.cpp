#include "check/signing_keys.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/crypto.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::check {
namespace {

using testing::TempDatabase;

constexpr Millis kKeep = 360 * 1000;

std::int64_t count(store::Store& store, const std::string& sql) {
    auto n = store::in_transaction(store, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::int64_t> {
        return tx.query_one(sql)->integer(0);
    });
    return n.ok() ? *n : -1;
}

PublicKey public_key_of(const boost::json::object& jwk) {
    const auto bytes = base64url_decode(std::string(jwk.at("x").as_string()));
    PublicKey out{};
    if (bytes && bytes->size() == out.size()) std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

// The JWKS entry of `kid`, or nullptr.
const boost::json::object* jwk_of(const boost::json::object& jwks, const std::string& kid) {
    for (const auto& k : jwks.at("keys").as_array()) {
        if (k.as_object().at("kid").as_string() == kid) return &k.as_object();
    }
    return nullptr;
}

class SigningKeysTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::init_crypto(); }
    TempDatabase db_;
};

TEST_F(SigningKeysTest, FirstStartCreatesOneKeyAndLaterStartsKeepIt) {
    ASSERT_TRUE(ensure_signing_key(db_.store()).ok());
    ASSERT_TRUE(ensure_signing_key(db_.store()).ok());
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys"), 1);
    EXPECT_EQ(count(db_.store(),
                    "SELECT COUNT(*) FROM events WHERE type = 'signing_key.created' AND "
                    "publisher_id IS NULL"),
              1);
}

// Nodes starting at once against one database end up with exactly one active key.
TEST_F(SigningKeysTest, NodesStartingAtOnceMakeOneActiveKey) {
    std::vector<std::unique_ptr<store::Store>> nodes;
    for (int i = 0; i < 4; ++i) nodes.push_back(db_.open_another());
    std::vector<std::thread> threads;
    std::vector<Status> results(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        threads.emplace_back([&, i] { results[i] = ensure_signing_key(*nodes[i]); });
    }
    for (auto& t : threads) t.join();
    for (const auto& s : results) EXPECT_TRUE(s.ok()) << s.message() << s.log_detail();
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys WHERE retired_at IS NULL"), 1);
}

TEST_F(SigningKeysTest, TheDatabaseRefusesASecondActiveKey) {
    ASSERT_TRUE(ensure_signing_key(db_.store()).ok());
    const Status s = store::in_transaction(db_.store(), store::TxMode::kWrite, [](store::Transaction& tx) {
        // Blobs as bound parameters: x'00' is a blob on SQLite but a bit string on PostgreSQL.
        tx.execute(
            "INSERT INTO signing_keys (kid, algorithm, public_key, secret_key, created_at) "
            "VALUES ('second', 'EdDSA', ?, ?, 1)",
            {store::Blob{std::string(1, '\0')}, store::Blob{std::string(1, '\0')}});
        return Status::Ok();
    });
    EXPECT_EQ(s.code(), StatusCode::kConflict);
}

TEST_F(SigningKeysTest, TokensVerifyWithThePublishedKey) {
    ASSERT_TRUE(ensure_signing_key(db_.store()).ok());
    KeyRing ring(db_.store(), kKeep);
    ASSERT_TRUE(ring.reload().ok());
    const auto token = ring.sign({{"sub", "ada@fabrikam.example"}});
    ASSERT_TRUE(token.ok());
    const boost::json::object jwks = ring.jwks(now_millis());
    ASSERT_EQ(jwks.at("keys").as_array().size(), 1U);
    const auto* jwk = jwk_of(jwks, ring.active_kid());
    ASSERT_NE(jwk, nullptr);
    EXPECT_EQ(jwk->at("kty"), "OKP");
    EXPECT_EQ(jwk->at("crv"), "Ed25519");
    EXPECT_EQ(jwk->at("alg"), "EdDSA");
    EXPECT_EQ(jwk->at("use"), "sig");
    EXPECT_FALSE(jwk->contains("d"));  // never the secret half
    const auto verified = verify_jwt(*token, public_key_of(*jwk));
    ASSERT_TRUE(verified);
    EXPECT_EQ(verified->header.at("kid").as_string(), ring.active_kid());
}

TEST_F(SigningKeysTest, RotationKeepsTheOldKeyPublishedUntilItsTokensExpire) {
    ASSERT_TRUE(ensure_signing_key(db_.store()).ok());
    KeyRing ring(db_.store(), kKeep);
    ASSERT_TRUE(ring.reload().ok());
    const std::string old_kid = ring.active_kid();
    const std::string old_token = *ring.sign({{"sub", "old"}});

    const auto new_kid = rotate_signing_key(db_.store());
    ASSERT_TRUE(new_kid.ok());
    EXPECT_NE(*new_kid, old_kid);
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM events WHERE type = 'signing_key.rotated'"), 1);
    ASSERT_TRUE(ring.reload().ok());
    EXPECT_EQ(ring.active_kid(), *new_kid);
    const std::string new_token = *ring.sign({{"sub", "new"}});

    const Millis now = now_millis();
    const boost::json::object jwks = ring.jwks(now);
    ASSERT_NE(jwk_of(jwks, old_kid), nullptr);
    ASSERT_NE(jwk_of(jwks, *new_kid), nullptr);
    EXPECT_TRUE(verify_jwt(old_token, public_key_of(*jwk_of(jwks, old_kid))));
    EXPECT_TRUE(verify_jwt(new_token, public_key_of(*jwk_of(jwks, *new_kid))));
    EXPECT_FALSE(verify_jwt(old_token, public_key_of(*jwk_of(jwks, *new_kid))));

    // Once every token the old key signed has expired, it is no longer published.
    const boost::json::object later = ring.jwks(now + kKeep + 1000);
    EXPECT_EQ(jwk_of(later, old_kid), nullptr);
    EXPECT_NE(jwk_of(later, *new_kid), nullptr);
}

TEST_F(SigningKeysTest, EveryKeyIdIsNew) {
    ASSERT_TRUE(ensure_signing_key(db_.store()).ok());
    std::set<std::string> kids;
    for (int i = 0; i < 5; ++i) kids.insert(*rotate_signing_key(db_.store()));
    EXPECT_EQ(kids.size(), 5U);
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys WHERE retired_at IS NULL"), 1);
}

}  // namespace
}  // namespace seatkeeper::check
