// Master keys: the 256-bit keys that encrypt the secrets Seatkeeper keeps in its database (the secret halves of
// the token signing keys, check/signing_keys.hpp), so that a copy of the database or of a backup alone signs
// nothing. Where they come from (config, a key file) is app/master_key_source.hpp; rotation is a current key,
// which seals, plus previous keys, which only open (docs/operations.md "Master key and key rotation").
//
// A sealed secret is a self-describing envelope:
//     "skmk1" | master key id (8 bytes) | nonce (24 bytes) | XChaCha20-Poly1305 ciphertext and tag
// The envelope's header and a caller's `context` (what the secret is, e.g. "signing_keys/<kid>") are the
// associated data, so an envelope opens only where it was made: moving it to another row fails like a
// tampered one. The id is a keyed BLAKE2b hash of the key (the key cannot be derived from it): it names the
// key in envelopes, logs and error messages; the key itself is never logged nor put in a message.
//
// Thread-safety: immutable after construction; use from any thread (libsodium initialised, crypto::init_crypto).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace seatkeeper::crypto {

inline constexpr std::size_t kMasterKeyBytes = 32;

class MasterKey {
public:
    // The key from standard base64 (what `openssl rand -base64 32` prints; whitespace around it is ignored)
    // of exactly 32 bytes. Invalid naming `field` otherwise; the message never repeats the text.
    static Result<MasterKey> from_base64(std::string_view text, const std::string& field);
    // 32 random bytes.
    static MasterKey generate();

    MasterKey(const MasterKey&) = default;
    MasterKey& operator=(const MasterKey&) = default;
    MasterKey(MasterKey&& other) noexcept;  // wipes `other`
    MasterKey& operator=(MasterKey&& other) noexcept;
    ~MasterKey();  // wipes the key

    // 16 hex digits.
    [[nodiscard]] const std::string& id() const { return id_; }
    // For writing a new key file; the caller wipes the string (sodium_memzero) when done.
    [[nodiscard]] std::string to_base64() const;
    [[nodiscard]] const std::array<unsigned char, kMasterKeyBytes>& bytes() const { return bytes_; }

private:
    explicit MasterKey(const std::array<unsigned char, kMasterKeyBytes>& bytes);

    std::array<unsigned char, kMasterKeyBytes> bytes_{};
    std::string id_;
};

class MasterKeys {
public:
    // Previous keys with the current key's id (the same key given twice) are dropped.
    explicit MasterKeys(MasterKey current, std::vector<MasterKey> previous = {});

    [[nodiscard]] const MasterKey& current() const { return current_; }
    [[nodiscard]] const std::vector<MasterKey>& previous() const { return previous_; }
    // "1a2b… (current), 3c4d…": for messages.
    [[nodiscard]] std::string describe() const;

    // `plaintext` sealed with the current key and a random nonce, bound to `context`.
    [[nodiscard]] std::string seal(std::string_view plaintext, std::string_view context) const;
    // The plaintext of an envelope made by seal() with any configured key for the same `context`; the caller
    // wipes it. Invalid (field "secrets.master_key", rule "master_key_unknown") when the envelope names a key
    // that is not configured; Internal when it does not open (altered, or moved from another context).
    [[nodiscard]] Result<std::string> open(std::string_view envelope, std::string_view context) const;

    // Whether `bytes` has an envelope's header (as opposed to a secret stored raw before encryption).
    [[nodiscard]] static bool is_envelope(std::string_view bytes);
    // The id of the key that sealed the envelope ("" when `bytes` is no envelope).
    [[nodiscard]] static std::string key_id_of(std::string_view bytes);

private:
    [[nodiscard]] const MasterKey* find(const std::string& id) const;

    MasterKey current_;
    std::vector<MasterKey> previous_;
};

}  // namespace seatkeeper::crypto
