// Compact JWS / JWT with EdDSA over Ed25519 (RFC 7515, RFC 7519, RFC 8037), signed with libsodium's
// crypto_sign_detached. Only what Seatkeeper's license tokens need: base64url without padding, signing a
// header and claims, and verifying a token against one public key (used by tests and by anyone who wants
// to check a token with this code; apps verify with any JWT library and the JWKS).
//
// Thread-safety: pure functions (libsodium must be initialised, crypto::init_crypto()).
#pragma once

#include <array>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace seatkeeper::check {

inline constexpr std::size_t kEd25519PublicKeyBytes = 32;
inline constexpr std::size_t kEd25519SecretKeyBytes = 64;  // libsodium's: the seed followed by the public key

using PublicKey = std::array<unsigned char, kEd25519PublicKeyBytes>;
using SecretKey = std::array<unsigned char, kEd25519SecretKeyBytes>;

struct KeyPair {
    PublicKey public_key{};
    SecretKey secret_key{};
};
KeyPair generate_key_pair();

// RFC 4648 §5 without '=' padding.
std::string base64url_encode(std::string_view bytes);
// nullopt for characters outside the URL-safe alphabet, padding, or a length no encoding produces.
std::optional<std::string> base64url_decode(std::string_view text);

// "<header>.<claims>.<signature>", each part base64url of its JSON (the header gets "alg":"EdDSA" and
// "typ":"JWT" plus `kid`).
std::string sign_jwt(std::string_view kid, const boost::json::object& claims, const SecretKey& secret_key);

struct VerifiedJwt {
    boost::json::object header;
    boost::json::object claims;
};
// The header and claims when the signature is valid for `public_key` and the header says EdDSA; nullopt
// otherwise. Checks no claim (expiry, audience): callers do.
std::optional<VerifiedJwt> verify_jwt(std::string_view token, const PublicKey& public_key);

}  // namespace seatkeeper::check
