#include "check/jwt.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "common/crypto.hpp"

namespace seatkeeper::check {
namespace {

class Jwt : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::init_crypto(); }
};

std::string hex_to_bytes(std::string_view hex) {
    std::string out(hex.size() / 2, '\0');
    sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, nullptr,
                   nullptr);
    return out;
}

// RFC 4648 §10 vectors, in the URL-safe alphabet and without padding.
TEST_F(Jwt, Base64UrlEncodesWithoutPadding) {
    const std::vector<std::pair<std::string, std::string>> vectors{
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}, {"\xfb\xff\xbf", "-_-_"}};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base64url_encode(plain), encoded);
        EXPECT_EQ(base64url_decode(encoded), plain);
    }
}

TEST_F(Jwt, Base64UrlRefusesOtherAlphabetsAndPadding) {
    EXPECT_FALSE(base64url_decode("Zg=="));
    EXPECT_FALSE(base64url_decode("+/+/"));
    EXPECT_FALSE(base64url_decode("Zm9v!"));
    EXPECT_FALSE(base64url_decode("Z"));
}

// Found by fuzz/jwt_fuzz.cpp: libsodium decoded any byte from 0x80 on as '_', so "\xecA" read as "_A" and a
// token's signature part had many spellings that verified.
TEST_F(Jwt, Base64UrlRefusesBytesOutsideAscii) {
    EXPECT_FALSE(base64url_decode("\xec\xbc\x41"));  // \x41 is 'A'
    EXPECT_FALSE(base64url_decode("\x80\x41\x41"));
    EXPECT_FALSE(base64url_decode("Zm9v\xff"));
    EXPECT_EQ(base64url_decode("__A"), std::string("\xff\xf0"));
}

TEST_F(Jwt, SignatureWithANonAsciiCharacterFails) {
    const KeyPair keys = generate_key_pair();
    // A signature with a '_' to respell: one in about four has none, so sign until one has.
    std::string token;
    for (int n = 0; token.find('_', token.rfind('.')) == std::string::npos; ++n) {
        token = sign_jwt("k" + std::to_string(n), {{"sub", "x"}}, keys.secret_key);
    }
    ASSERT_TRUE(verify_jwt(token, keys.public_key));
    token[token.find('_', token.rfind('.'))] = '\xec';
    EXPECT_FALSE(verify_jwt(token, keys.public_key));
}

// RFC 8037 appendix A.4: the Ed25519 signature of its example JWS, so our keys, base64url and signing agree
// with every other implementation of EdDSA JWS.
TEST_F(Jwt, SignatureMatchesRfc8037Example) {
    const std::string seed = hex_to_bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    PublicKey pk{};
    SecretKey sk{};
    crypto_sign_seed_keypair(pk.data(), sk.data(), reinterpret_cast<const unsigned char*>(seed.data()));
    EXPECT_EQ(base64url_encode(std::string(reinterpret_cast<const char*>(pk.data()), pk.size())),
              "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    const std::string signing_input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    std::array<unsigned char, crypto_sign_BYTES> sig{};
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(signing_input.data()),
                         signing_input.size(), sk.data());
    EXPECT_EQ(base64url_encode(std::string(reinterpret_cast<const char*>(sig.data()), sig.size())),
              "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
}

TEST_F(Jwt, SignedTokenVerifiesAndCarriesHeaderAndClaims) {
    const KeyPair keys = generate_key_pair();
    const boost::json::object claims{{"sub", "ada@fabrikam.example"}, {"aud", "contoso.crm.pro"}, {"exp", 2000000000}};
    const std::string token = sign_jwt("kid-1", claims, keys.secret_key);
    EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);
    EXPECT_EQ(token.find('='), std::string::npos);
    const auto verified = verify_jwt(token, keys.public_key);
    ASSERT_TRUE(verified);
    EXPECT_EQ(verified->header.at("alg"), "EdDSA");
    EXPECT_EQ(verified->header.at("typ"), "JWT");
    EXPECT_EQ(verified->header.at("kid"), "kid-1");
    EXPECT_EQ(verified->claims, claims);
}

TEST_F(Jwt, TamperedPayloadFails) {
    const KeyPair keys = generate_key_pair();
    const std::string token = sign_jwt("k", {{"result", "denied"}}, keys.secret_key);
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    const std::string forged =
        token.substr(0, first + 1) + base64url_encode(R"({"result":"licensed"})") + token.substr(second);
    EXPECT_TRUE(verify_jwt(token, keys.public_key));
    EXPECT_FALSE(verify_jwt(forged, keys.public_key));
}

TEST_F(Jwt, FlippedSignatureBitOrOtherKeyFails) {
    const KeyPair keys = generate_key_pair();
    std::string token = sign_jwt("k", {{"sub", "x"}}, keys.secret_key);
    EXPECT_FALSE(verify_jwt(token, generate_key_pair().public_key));
    token.back() = token.back() == 'A' ? 'B' : 'A';
    EXPECT_FALSE(verify_jwt(token, keys.public_key));
}

TEST_F(Jwt, MalformedTokensFail) {
    const KeyPair keys = generate_key_pair();
    for (const char* bad : {"", "a", "a.b", "a.b.c.d", "..", "e30.e30."}) {
        EXPECT_FALSE(verify_jwt(bad, keys.public_key)) << bad;
    }
}

}  // namespace
}  // namespace seatkeeper::check
