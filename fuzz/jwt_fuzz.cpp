// License tokens (check/jwt.hpp): base64url and EdDSA JWT verification on arbitrary text, against a fixed
// key pair (from a fixed seed, so that the corpus can hold tokens it signed).
//
// Properties: base64url_decode accepts only the canonical encoding (decoding then encoding gives the text
// back), so no two strings decode alike; a token that verifies has three parts, a header saying EdDSA and a
// canonical signature part; an input that is a JSON object (json::parse_object), signed as claims, verifies and
// gives back the claims and the kid; the same token with any one character changed, or checked with another
// key, does not verify.
#include <sodium.h>

#include <array>
#include <boost/json.hpp>
#include <string>

#include "check/jwt.hpp"
#include "common/crypto.hpp"
#include "common/json.hpp"
#include "fuzz_check.hpp"
#include "json_equal.hpp"

namespace {

using seatkeeper::check::base64url_decode;
using seatkeeper::check::base64url_encode;
using seatkeeper::check::KeyPair;
using seatkeeper::check::sign_jwt;
using seatkeeper::check::verify_jwt;

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/";

KeyPair key_pair(unsigned char seed_byte) {
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    seed.fill(seed_byte);
    KeyPair keys;
    crypto_sign_seed_keypair(keys.public_key.data(), keys.secret_key.data(), seed.data());
    return keys;
}

const KeyPair& signing_keys() {
    static const KeyPair kKeys = key_pair(7);
    return kKeys;
}

const KeyPair& other_keys() {
    static const KeyPair kKeys = key_pair(8);
    return kKeys;
}

void check_base64url(std::string_view text) {
    const auto decoded = base64url_decode(text);
    if (!decoded) return;
    FUZZ_CHECK(base64url_encode(*decoded) == text);
}

void check_verified(std::string_view token) {
    const auto verified = verify_jwt(token, signing_keys().public_key);
    if (!verified) return;
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    FUZZ_CHECK(first != std::string_view::npos && second != std::string_view::npos);
    FUZZ_CHECK(token.find('.', second + 1) == std::string_view::npos);
    const auto* alg = verified->header.if_contains("alg");
    FUZZ_CHECK(alg != nullptr && alg->is_string() && alg->as_string() == "EdDSA");
    const std::string_view signature = token.substr(second + 1);
    FUZZ_CHECK(base64url_encode(*base64url_decode(signature)) == signature);
    FUZZ_CHECK(!verify_jwt(token, other_keys().public_key));
}

// Signs `claims`, verifies, then changes one character (picked by `salt`) to each other character a token
// could plausibly hold: none of those may verify.
void check_round_trip(const boost::json::object& claims, std::string_view kid, std::size_t salt) {
    const std::string token = sign_jwt(kid, claims, signing_keys().secret_key);
    const auto verified = verify_jwt(token, signing_keys().public_key);
    FUZZ_CHECK(verified.has_value());
    FUZZ_CHECK(seatkeeper::fuzz::json_equal(verified->claims, claims));
    const auto* got_kid = verified->header.if_contains("kid");
    FUZZ_CHECK(got_kid != nullptr && got_kid->is_string() && got_kid->as_string() == kid);
    FUZZ_CHECK(!verify_jwt(token, other_keys().public_key));

    const std::size_t at = salt % token.size();
    std::string changed = token;
    for (const char c : kAlphabet) {
        if (c == token[at]) continue;
        changed[at] = c;
        FUZZ_CHECK(!verify_jwt(changed, signing_keys().public_key));
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    seatkeeper::crypto::init_crypto();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = seatkeeper::fuzz::as_text(data, size);
    check_base64url(input);
    check_verified(input);
    const auto dot = input.find('.');
    if (dot != std::string_view::npos) {
        check_base64url(input.substr(0, dot));
        check_base64url(input.substr(dot + 1, input.find('.', dot + 1) - dot - 1));
    }

    // Claims as the runtime makes them: a JSON object of finite values (json::parse_object refuses 1e400, which
    // Boost would sign as `Infinity`, not JSON).
    const auto claims = seatkeeper::json::parse_object(input);
    if (claims.ok()) {
        std::size_t salt = 0;
        for (const char c : input) salt = salt * 31 + static_cast<unsigned char>(c);
        check_round_trip(*claims, "key-" + std::to_string(salt % 1000), salt);
    }
    return 0;
}
