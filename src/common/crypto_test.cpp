#include "common/crypto.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace seatkeeper::crypto {
namespace {

bool is_url_safe_base64(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

bool is_lower_hex(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// ---- Random tokens and UUIDs --------------------------------------------------------------------------------

TEST(Base64, EncodesTheRfc4648TestVectors) {
    const std::vector<std::pair<std::string, std::string>> vectors{{"", ""},
                                                                   {"f", "Zg=="},
                                                                   {"fo", "Zm8="},
                                                                   {"foo", "Zm9v"},
                                                                   {"foob", "Zm9vYg=="},
                                                                   {"fooba", "Zm9vYmE="},
                                                                   {"foobar", "Zm9vYmFy"},
                                                                   {"\xff\xfe", "//4="}};
    for (const auto& [bytes, encoded] : vectors) {
        EXPECT_EQ(base64(bytes), encoded) << bytes;
        EXPECT_EQ(from_base64(encoded), bytes) << encoded;
    }
}

TEST(Base64, DecodingRefusesWhatBase64DoesNotWrite) {
    for (const std::string text :
         {"Zg", "Zg=", "Zm9v!", "whsec_abc", "Zm9v Yg==", "Zm9vYg==x", "-_8=", "Zm9v\x80\x80\x80\x80", "Zm9\xff"}) {
        EXPECT_EQ(from_base64(text), std::nullopt) << text;
    }
    EXPECT_EQ(from_base64url("-_8"), "\xfb\xff");
    EXPECT_EQ(from_base64url("Zm9v\x80\x80\x80\x80"), std::nullopt);  // libsodium 1.0.18 would read them as '_'
    EXPECT_EQ(from_base64url("Zg=="), std::nullopt);
    std::string binary(256, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i);
    EXPECT_EQ(from_base64(base64(binary)), binary);
}

TEST(RandomToken, ThirtyTwoBytesMakeFortyThreeCharacters) { EXPECT_EQ(random_token().size(), 43U); }

TEST(RandomToken, LengthFollowsTheByteCount) {
    for (const auto& [bytes, characters] : {std::pair<std::size_t, std::size_t>{1, 2}, {16, 22}, {24, 32}, {33, 44}}) {
        EXPECT_EQ(random_token(bytes).size(), characters) << bytes << " bytes";
    }
}

TEST(RandomToken, UsesTheUrlSafeAlphabetWithoutPadding) {
    for (int i = 0; i < 200; ++i) {
        const std::string token = random_token();
        ASSERT_TRUE(is_url_safe_base64(token)) << token;
    }
}

TEST(RandomToken, NeverRepeats) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(random_token());
    EXPECT_EQ(seen.size(), 1000U);
}

TEST(RandomUuid, IsALowercaseVersion4Rfc4122Uuid) {
    const std::regex shape("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    for (int i = 0; i < 200; ++i) {
        const std::string uuid = random_uuid();
        ASSERT_TRUE(std::regex_match(uuid, shape)) << uuid;
    }
}

TEST(RandomUuid, NeverRepeats) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(random_uuid());
    EXPECT_EQ(seen.size(), 1000U);
}

// ---- Passwords (argon2id is slow on purpose: hash once per suite) ---------------------------------------------

class PasswordHash : public ::testing::Test {
protected:
    static void SetUpTestSuite() { hash_ = hash_password(kPassword); }

    static constexpr std::string_view kPassword = "correct horse battery staple";
    static inline std::string hash_;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
};

TEST_F(PasswordHash, IsEncodedArgon2id) {
    EXPECT_TRUE(hash_.starts_with("$argon2id$")) << hash_;
    EXPECT_EQ(hash_.find(kPassword), std::string::npos);
}

TEST_F(PasswordHash, VerifiesTheRightPassword) { EXPECT_TRUE(verify_password(hash_, kPassword)); }

TEST_F(PasswordHash, RefusesAWrongPassword) {
    EXPECT_FALSE(verify_password(hash_, "correct horse battery stapler"));
    EXPECT_FALSE(verify_password(hash_, ""));
}

TEST_F(PasswordHash, SaltsEveryHash) { EXPECT_NE(hash_password(kPassword), hash_); }

TEST(VerifyPassword, RefusesSomethingThatIsNotAHash) {
    EXPECT_FALSE(verify_password("", "secret"));
    EXPECT_FALSE(verify_password("secret", "secret"));
    EXPECT_FALSE(verify_password("$argon2id$v=19$garbage", "secret"));
}

// ---- Hashes of secrets --------------------------------------------------------------------------------------

TEST(HashSecret, IsHexBlake2b256) {
    EXPECT_EQ(hash_secret(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    EXPECT_EQ(hash_secret("seatkeeper"), "9c18f5b4eeeb30ba92e5f25e17d6c17ae4f0bb7f6f92db695536c94bb3a0fdda");
}

TEST(HashSecret, IsDeterministic) {
    const std::string token = random_token();
    EXPECT_EQ(hash_secret(token), hash_secret(token));
    EXPECT_EQ(hash_secret(token).size(), 64U);
    EXPECT_TRUE(is_lower_hex(hash_secret(token)));
}

TEST(HashSecret, DiffersForDifferentSecrets) { EXPECT_NE(hash_secret("key-a"), hash_secret("key-b")); }

TEST(HashSecret, CoversEveryByteIncludingNul) {
    EXPECT_NE(hash_secret(std::string("a\0b", 3)), hash_secret(std::string("a\0c", 3)));
}

TEST(Sha256Hex, MatchesTheStandardVector) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// ---- Constant-time comparison -------------------------------------------------------------------------------

TEST(ConstantTimeEqual, EqualStringsAreEqual) {
    EXPECT_TRUE(constant_time_equal("s3cret-token", "s3cret-token"));
    EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(ConstantTimeEqual, OneDifferentByteIsUnequal) {
    EXPECT_FALSE(constant_time_equal("s3cret-token", "s3cret-tokem"));
    EXPECT_FALSE(constant_time_equal("s3cret-token", "S3cret-token"));
}

TEST(ConstantTimeEqual, DifferentLengthsAreUnequal) {
    EXPECT_FALSE(constant_time_equal("s3cret", "s3cret-token"));
    EXPECT_FALSE(constant_time_equal("", "x"));
}

}  // namespace
}  // namespace seatkeeper::crypto
