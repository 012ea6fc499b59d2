#include "common/crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <stdexcept>

namespace seatkeeper::crypto {

namespace {
std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}
}  // namespace

void init_crypto() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    });
}

std::string random_digits(std::size_t count) {
    init_crypto();
    std::string out(count, '0');
    for (char& c : out) c = static_cast<char>('0' + randombytes_uniform(10));
    return out;
}

std::string random_token(std::size_t bytes) {
    init_crypto();
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::string base64(std::string_view bytes) {
    init_crypto();
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

namespace {
// `text` in libsodium's base64 `variant`, whose two characters besides letters and digits are `extra` (and '='
// for padding). libsodium 1.0.18 reads every byte from 0x80 on as one of them (a sign-extended char in its
// constant-time lookup), so it would accept them: only the alphabet itself goes through.
std::optional<std::string> decode_base64(std::string_view text, int variant, std::string_view extra, bool padded) {
    init_crypto();
    const auto in_alphabet = [&](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string_view::npos || (padded && c == '=');
    };
    if (!std::all_of(text.begin(), text.end(), in_alphabet)) return std::nullopt;
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &length, &end, variant) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}
}  // namespace

std::optional<std::string> from_base64(std::string_view text) {
    return decode_base64(text, sodium_base64_VARIANT_ORIGINAL, "+/", true);
}

std::optional<std::string> from_base64url(std::string_view text) {
    return decode_base64(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "-_", false);
}

std::string random_uuid() {
    init_crypto();
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0fU) | 0x40U);
    b[8] = static_cast<unsigned char>((b[8] & 0x3fU) | 0x80U);
    const std::string hex = to_hex(b.data(), b.size());
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::string hash_password(std::string_view password) {
    init_crypto();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return {out.data()};
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
    init_crypto();
    const std::string hash(encoded_hash);
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

SecretDigest secret_digest(std::string_view secret) {
    init_crypto();
    SecretDigest digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size(), nullptr, 0);
    return digest;
}

std::string hash_secret(std::string_view secret) {
    const SecretDigest digest = secret_digest(secret);
    return to_hex(digest.data(), digest.size());
}

std::string sha256_hex(std::string_view data) {
    init_crypto();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return to_hex(digest.data(), digest.size());
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    init_crypto();
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_final(&state, mac.data());
    sodium_memzero(&state, sizeof state);
    return to_hex(mac.data(), mac.size());
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace seatkeeper::crypto
