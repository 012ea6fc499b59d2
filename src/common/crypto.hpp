// Small wrappers over libsodium: random tokens, argon2id passwords, hashes of secrets, constant-time compare.
//
// Every function is thread-safe once `init_crypto()` has run (it calls sodium_init once).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace seatkeeper::crypto {

void init_crypto();

// `bytes` random bytes as URL-safe base64 without padding (32 bytes → 43 characters).
std::string random_token(std::size_t bytes = 32);
// Standard base64 (RFC 4648 section 4) with padding, as MIME wants it (RFC 2047 encoded words).
std::string base64(std::string_view bytes);
// The bytes of standard base64 with padding (what base64() writes); nullopt when `text` is not that.
std::optional<std::string> from_base64(std::string_view text);
// The bytes of URL-safe base64 without padding (what random_token() and JWTs use); nullopt otherwise.
std::optional<std::string> from_base64url(std::string_view text);
// `count` uniformly random decimal digits ("04718253"): one-time codes a person types.
std::string random_digits(std::size_t count);
// A random RFC 4122 version 4 UUID in lowercase.
std::string random_uuid();

// argon2id (libsodium's crypto_pwhash_str, interactive limits): the encoded hash includes salt and parameters.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

// Hex BLAKE2b-256 of a high-entropy secret (API keys, session secrets, invitation tokens). Such secrets
// need no slow hash: guessing 256 random bits is the attacker's only way in.
std::string hash_secret(std::string_view secret);
// The same BLAKE2b digest as raw bytes, without allocating (hash_secret is its hex).
using SecretDigest = std::array<unsigned char, 32>;
SecretDigest secret_digest(std::string_view secret);
// Hex SHA-256 (package fingerprints).
std::string sha256_hex(std::string_view data);

// Hex HMAC-SHA256 of `message` under `key` (webhook signatures).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace seatkeeper::crypto
