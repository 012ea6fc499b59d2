#include "common/master_keys.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/crypto.hpp"

namespace seatkeeper::crypto {
namespace {

// `openssl rand -base64 32` as a key file holds it: padding and a newline.
constexpr std::string_view kKeyText = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=\n";

MasterKey key_of(std::string_view text) { return *MasterKey::from_base64(text, "secrets.master_key"); }

class MasterKeysTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { init_crypto(); }
};

TEST_F(MasterKeysTest, ReadsTheBase64Of32Bytes) {
    const auto key = MasterKey::from_base64(kKeyText, "secrets.master_key");
    ASSERT_TRUE(key.ok()) << key.status().message();
    EXPECT_EQ(key->to_base64() + "\n", kKeyText);
    EXPECT_EQ(key->id().size(), 16U);
    EXPECT_EQ(key->id().find_first_not_of("0123456789abcdef"), std::string::npos) << key->id();
}

TEST_F(MasterKeysTest, RefusesAnythingButThe32BytesWithoutRepeatingIt) {
    for (const std::string text : {
             "",
             "c2hvcnQ=",                                          // 5 bytes
             "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJCrzQ==",  // 34 bytes
             "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=!",     // a stray character
             "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=,q83v",
             "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA",   // no padding
             "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWe_A=",  // URL-safe alphabet
         }) {
        const auto key = MasterKey::from_base64(text, "SEATKEEPER_MASTER_KEY");
        ASSERT_FALSE(key.ok()) << text;
        EXPECT_EQ(key.status().field(), "SEATKEEPER_MASTER_KEY");
        EXPECT_EQ(key.status().rule(), "master_key");
        if (!text.empty()) {
            EXPECT_EQ(key.status().message().find(text), std::string::npos);
        }
    }
}

TEST_F(MasterKeysTest, TheIdNamesTheKeyAndNothingMore) {
    const MasterKey a = key_of(kKeyText);
    EXPECT_EQ(key_of(kKeyText).id(), a.id());
    EXPECT_NE(MasterKey::generate().id(), a.id());
    EXPECT_EQ(a.to_base64().find(a.id()), std::string::npos);
}

TEST_F(MasterKeysTest, SealsWithTheCurrentKeyAndOpensInTheSameContext) {
    const MasterKeys keys(MasterKey::generate());
    const std::string secret = "sixty-four bytes of an Ed25519 secret key, or any other secret..";
    const std::string envelope = keys.seal(secret, "signing_keys/abc");
    EXPECT_TRUE(MasterKeys::is_envelope(envelope));
    EXPECT_EQ(MasterKeys::key_id_of(envelope), keys.current().id());
    EXPECT_EQ(envelope.find(secret.substr(0, 8)), std::string::npos);
    EXPECT_NE(keys.seal(secret, "signing_keys/abc"), envelope) << "a fresh nonce each time";

    const auto opened = keys.open(envelope, "signing_keys/abc");
    ASSERT_TRUE(opened.ok()) << opened.status().log_detail();
    EXPECT_EQ(*opened, secret);
    EXPECT_EQ(keys.open(envelope, "signing_keys/abd").status().code(), StatusCode::kInternal);
}

TEST_F(MasterKeysTest, RefusesAnAlteredEnvelope) {
    const MasterKeys keys(MasterKey::generate());
    const std::string envelope = keys.seal("secret", "ctx");
    for (std::size_t i = 0; i < envelope.size(); ++i) {
        std::string altered = envelope;
        altered[i] = static_cast<char>(altered[i] ^ 0x01);
        EXPECT_FALSE(keys.open(altered, "ctx").ok()) << "byte " << i;
    }
    EXPECT_FALSE(keys.open(envelope.substr(0, envelope.size() - 1), "ctx").ok());
    EXPECT_FALSE(keys.open("skmk1", "ctx").ok());
    EXPECT_FALSE(keys.open("", "ctx").ok());
}

TEST_F(MasterKeysTest, PreviousKeysOpenButDoNotSeal) {
    const MasterKey old_key = MasterKey::generate();
    const std::string sealed_before = MasterKeys(old_key).seal("secret", "ctx");
    const MasterKeys rotated(MasterKey::generate(), {old_key, old_key});
    EXPECT_EQ(rotated.previous().size(), 1U) << "the same key given twice counts once";
    EXPECT_EQ(*rotated.open(sealed_before, "ctx"), "secret");
    EXPECT_EQ(MasterKeys::key_id_of(rotated.seal("secret", "ctx")), rotated.current().id());
    EXPECT_EQ(rotated.describe(), rotated.current().id() + " (current), " + old_key.id());
}

TEST_F(MasterKeysTest, AnUnknownKeyIsNamedByItsId) {
    const MasterKey old_key = MasterKey::generate();
    const std::string sealed_before = MasterKeys(old_key).seal("secret", "ctx");
    const MasterKeys other(MasterKey::generate());
    const auto opened = other.open(sealed_before, "ctx");
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().code(), StatusCode::kInvalid);
    EXPECT_EQ(opened.status().rule(), "master_key_unknown");
    EXPECT_NE(opened.status().message().find(old_key.id()), std::string::npos) << opened.status().message();
    EXPECT_NE(opened.status().message().find(other.current().id()), std::string::npos);
}

}  // namespace
}  // namespace seatkeeper::crypto
