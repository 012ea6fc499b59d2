#include "check/signing_keys.hpp"

#include <gtest/gtest.h>

#include <optional>
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

// The bytes stored for `kid`'s secret key.
std::string stored_secret(store::Store& store, const std::string& kid) {
    auto bytes = store::in_transaction(store, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::string> {
        const auto row = tx.query_one("SELECT secret_key FROM signing_keys WHERE kid = ?", {kid});
        if (!row) return Status::NotFound(kid);
        return row->blob(0);
    });
    return bytes.ok() ? *bytes : std::string();
}

std::vector<std::string> all_kids(store::Store& store) {
    auto kids = store::in_transaction(store, store::TxMode::kRead, [](store::Transaction& tx) {
        std::vector<std::string> out;
        for (const auto& r : tx.query("SELECT kid FROM signing_keys ORDER BY created_at, kid"))
            out.push_back(r.text(0));
        return Result<std::vector<std::string>>(out);
    });
    return kids.ok() ? *kids : std::vector<std::string>();
}

std::string as_bytes(const SecretKey& key) { return {reinterpret_cast<const char*>(key.data()), key.size()}; }

// A key pair written the way versions before the master key wrote them: the secret key raw.
KeyPair insert_raw_key(store::Store& store, const std::string& kid, std::optional<Millis> retired_at) {
    KeyPair pair = generate_key_pair();
    const Status s = store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) {
        tx.execute(
            "INSERT INTO signing_keys (kid, algorithm, public_key, secret_key, created_at, retired_at) "
            "VALUES (?, 'EdDSA', ?, ?, ?, ?)",
            {kid,
             store::Blob{std::string(reinterpret_cast<const char*>(pair.public_key.data()), pair.public_key.size())},
             store::Blob{as_bytes(pair.secret_key)}, now_millis(),
             retired_at ? store::Value(*retired_at) : store::null_value()});
        return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message() << s.log_detail();
    return pair;
}

class SigningKeysTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::init_crypto(); }
    TempDatabase db_;
    crypto::MasterKeys master_{crypto::MasterKey::generate()};
};

TEST_F(SigningKeysTest, FirstStartCreatesOneKeyAndLaterStartsKeepIt) {
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
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
        threads.emplace_back([&, i] { results[i] = ensure_signing_key(*nodes[i], master_); });
    }
    for (auto& t : threads) t.join();
    for (const auto& s : results) EXPECT_TRUE(s.ok()) << s.message() << s.log_detail();
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys WHERE retired_at IS NULL"), 1);
}

TEST_F(SigningKeysTest, TheDatabaseRefusesASecondActiveKey) {
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
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
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    KeyRing ring(db_.store(), master_, kKeep);
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
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    KeyRing ring(db_.store(), master_, kKeep);
    ASSERT_TRUE(ring.reload().ok());
    const std::string old_kid = ring.active_kid();
    const std::string old_token = *ring.sign({{"sub", "old"}});

    const auto new_kid = rotate_signing_key(db_.store(), master_);
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
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    std::set<std::string> kids;
    for (int i = 0; i < 5; ++i) kids.insert(*rotate_signing_key(db_.store(), master_));
    EXPECT_EQ(kids.size(), 5U);
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys WHERE retired_at IS NULL"), 1);
}

// The table never holds a secret key in the clear: a copy of the database alone signs nothing.
TEST_F(SigningKeysTest, StoresSecretKeysEncryptedWithTheMasterKey) {
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    ASSERT_TRUE(rotate_signing_key(db_.store(), master_).ok());
    const auto kids = all_kids(db_.store());
    ASSERT_EQ(kids.size(), 2U);
    for (const auto& kid : kids) {
        const std::string stored = stored_secret(db_.store(), kid);
        EXPECT_NE(stored.size(), kEd25519SecretKeyBytes);
        EXPECT_TRUE(crypto::MasterKeys::is_envelope(stored));
        EXPECT_EQ(crypto::MasterKeys::key_id_of(stored), master_.current().id());
        auto secret = master_.open(stored, "signing_keys/" + kid);
        ASSERT_TRUE(secret.ok()) << secret.status().log_detail();
        ASSERT_EQ(secret->size(), kEd25519SecretKeyBytes);
        EXPECT_EQ(stored.find(*secret), std::string::npos);
        EXPECT_EQ(stored.find(secret->substr(0, 32)), std::string::npos) << "the seed";
        EXPECT_EQ(stored.find(secret->substr(0, 16)), std::string::npos) << "half the seed";
    }
    EXPECT_EQ(master_key_ids_in_use(db_.store()).value(), std::vector<std::string>{master_.current().id()});
}

// Another process (a restart, another node) that reads the same master key from its config signs with the same
// key, under the same kid.
TEST_F(SigningKeysTest, ATokenSignedAfterARestartVerifiesWithTheSameKid) {
    const std::string configured = master_.current().to_base64();
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    KeyRing before(db_.store(), master_, kKeep);
    ASSERT_TRUE(before.reload().ok());
    const boost::json::object jwks = before.jwks(now_millis());

    const auto restarted_store = db_.open_another();
    const crypto::MasterKeys restarted_master(*crypto::MasterKey::from_base64(configured, "secrets.master_key"));
    ASSERT_TRUE(ensure_signing_key(*restarted_store, restarted_master).ok());
    KeyRing after(*restarted_store, restarted_master, kKeep);
    ASSERT_TRUE(after.reload().ok());
    EXPECT_EQ(after.active_kid(), before.active_kid());
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys"), 1);

    const auto token = after.sign({{"sub", "ada@fabrikam.example"}});
    ASSERT_TRUE(token.ok());
    const auto* jwk = jwk_of(jwks, before.active_kid());
    ASSERT_NE(jwk, nullptr);
    const auto verified = verify_jwt(*token, public_key_of(*jwk));
    ASSERT_TRUE(verified);
    EXPECT_EQ(verified->header.at("kid").as_string(), before.active_kid());
}

// A node started with another master key stops with an error naming the signing key and the master key it
// needs; it neither crashes nor makes a key of its own.
TEST_F(SigningKeysTest, AWrongMasterKeyIsAClearErrorNamingTheKeys) {
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    const std::string kid = all_kids(db_.store()).at(0);
    const crypto::MasterKeys wrong(crypto::MasterKey::generate());

    const Status started = ensure_signing_key(db_.store(), wrong);
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.code(), StatusCode::kInvalid);
    EXPECT_EQ(started.rule(), "master_key_unknown");
    EXPECT_NE(started.message().find("signing key " + kid), std::string::npos) << started.message();
    EXPECT_NE(started.message().find(master_.current().id()), std::string::npos) << started.message();
    EXPECT_NE(started.message().find(wrong.current().id()), std::string::npos) << started.message();
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys"), 1);

    KeyRing ring(db_.store(), wrong, kKeep);
    EXPECT_EQ(ring.reload().rule(), "master_key_unknown");
    EXPECT_EQ(rotate_signing_key(db_.store(), wrong).status().rule(), "master_key_unknown");
    EXPECT_EQ(rewrap_signing_keys(db_.store(), wrong).status().rule(), "master_key_unknown");
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys"), 1);
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM events WHERE type LIKE 'signing_key.%'"), 1);
}

// A sealed key opens only in its own row: one copied over another's is refused, not used.
TEST_F(SigningKeysTest, ASealedKeyCopiedToAnotherRowIsRefused) {
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    const std::string active = *rotate_signing_key(db_.store(), master_);
    const auto kids = all_kids(db_.store());
    ASSERT_EQ(kids.size(), 2U);
    const std::string retired = kids.at(0) == active ? kids.at(1) : kids.at(0);
    const std::string retired_secret = stored_secret(db_.store(), retired);
    ASSERT_TRUE(
        store::in_transaction(db_.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
            tx.execute("UPDATE signing_keys SET secret_key = ? WHERE kid = ?", {store::Blob{retired_secret}, active});
            return Status::Ok();
        }).ok());
    KeyRing ring(db_.store(), master_, kKeep);
    const Status s = ring.reload();
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    EXPECT_NE(s.log_detail().find("signing key " + active), std::string::npos) << s.log_detail();
    EXPECT_FALSE(ensure_signing_key(db_.store(), master_).ok());
}

// A master key rotation: the new key current, the old one previous; rewrap; then the old one can go.
TEST_F(SigningKeysTest, RewrapMovesEveryKeyToTheCurrentMasterKey) {
    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    ASSERT_TRUE(rotate_signing_key(db_.store(), master_).ok());
    const crypto::MasterKey next = crypto::MasterKey::generate();
    const crypto::MasterKeys during(next, {master_.current()});

    // Nodes restarted with both keys read the old keys, and keep signing with the same kid.
    KeyRing before(db_.store(), master_, kKeep);
    ASSERT_TRUE(before.reload().ok());
    ASSERT_TRUE(ensure_signing_key(db_.store(), during).ok());
    KeyRing ring(db_.store(), during, kKeep);
    ASSERT_TRUE(ring.reload().ok());
    EXPECT_EQ(ring.active_kid(), before.active_kid());

    const auto rewrapped = rewrap_signing_keys(db_.store(), during);
    ASSERT_TRUE(rewrapped.ok()) << rewrapped.status().message();
    EXPECT_EQ(rewrapped->rewrapped, all_kids(db_.store()));
    EXPECT_EQ(rewrapped->unchanged, 0U);
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM events WHERE type = 'signing_key.rewrapped'"), 1);
    EXPECT_EQ(master_key_ids_in_use(db_.store()).value(), std::vector<std::string>{next.id()});

    // Idempotent: a second run changes nothing.
    const auto again = rewrap_signing_keys(db_.store(), during);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->rewrapped.empty());
    EXPECT_EQ(again->unchanged, 2U);
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM events WHERE type = 'signing_key.rewrapped'"), 1);

    // The previous key is no longer needed, and no longer enough.
    const crypto::MasterKeys after(next);
    ASSERT_TRUE(ensure_signing_key(db_.store(), after).ok());
    KeyRing later(db_.store(), after, kKeep);
    ASSERT_TRUE(later.reload().ok());
    EXPECT_EQ(later.active_kid(), before.active_kid());
    const auto token = later.sign({{"sub", "ada@fabrikam.example"}});
    ASSERT_TRUE(token.ok());
    EXPECT_TRUE(verify_jwt(*token, public_key_of(*jwk_of(before.jwks(now_millis()), before.active_kid()))));
    EXPECT_EQ(ensure_signing_key(db_.store(), master_).rule(), "master_key_unknown");
}

// Databases from before the master key hold raw secret keys: the next start encrypts them in place, keeping
// their kids and public keys, so tokens and the JWKS do not change.
TEST_F(SigningKeysTest, RawKeysFromBeforeAreEncryptedInPlaceAtStart) {
    const KeyPair retired = insert_raw_key(db_.store(), "old-retired", now_millis());
    const KeyPair active = insert_raw_key(db_.store(), "old-active", std::nullopt);
    EXPECT_EQ(master_key_ids_in_use(db_.store()).value(), std::vector<std::string>{});

    ASSERT_TRUE(ensure_signing_key(db_.store(), master_).ok());
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys"), 2);
    const std::vector<std::pair<std::string, const KeyPair*>> before = {{"old-retired", &retired},
                                                                        {"old-active", &active}};
    for (const auto& [kid, pair] : before) {
        const std::string stored = stored_secret(db_.store(), kid);
        EXPECT_EQ(crypto::MasterKeys::key_id_of(stored), master_.current().id()) << kid;
        EXPECT_EQ(stored.find(as_bytes(pair->secret_key).substr(0, 32)), std::string::npos) << kid;
        EXPECT_EQ(*master_.open(stored, "signing_keys/" + kid), as_bytes(pair->secret_key)) << kid;
    }
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM events WHERE type = 'signing_key.encrypted'"), 1);

    KeyRing ring(db_.store(), master_, kKeep);
    ASSERT_TRUE(ring.reload().ok());
    EXPECT_EQ(ring.active_kid(), "old-active");
    EXPECT_TRUE(verify_jwt(*ring.sign({{"sub", "ada@fabrikam.example"}}), active.public_key));

    // `migrate` runs the same upgrade: nothing is left to do.
    ASSERT_TRUE(upgrade_signing_keys(db_.store(), master_).ok());
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM events WHERE type = 'signing_key.encrypted'"), 1);
}

TEST_F(SigningKeysTest, MigrateEncryptsRawKeysWithoutMakingOne) {
    insert_raw_key(db_.store(), "old-active", std::nullopt);
    ASSERT_TRUE(upgrade_signing_keys(db_.store(), master_).ok());
    EXPECT_EQ(master_key_ids_in_use(db_.store()).value(), std::vector<std::string>{master_.current().id()});
    EXPECT_EQ(count(db_.store(), "SELECT COUNT(*) FROM signing_keys"), 1);
}

}  // namespace
}  // namespace seatkeeper::check
