#include "common/master_keys.hpp"

#include <sodium.h>

#include <algorithm>

#include "common/crypto.hpp"

namespace seatkeeper::crypto {

namespace {

constexpr std::string_view kMagic = "skmk1";
constexpr std::size_t kIdBytes = 8;
constexpr std::size_t kHeaderBytes = kMagic.size() + kIdBytes;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kMasterKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes_of(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::string hex(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes_of(bytes), bytes.size());
    out.pop_back();
    return out;
}

// The raw id: a keyed BLAKE2b of a fixed text, cut to 8 bytes (a name, not a check value).
std::string raw_id_of(const std::array<unsigned char, kMasterKeyBytes>& key) {
    constexpr std::string_view kLabel = "seatkeeper master key id v1";
    std::array<unsigned char, crypto_generichash_BYTES_MIN> hash{};
    crypto_generichash(hash.data(), hash.size(), bytes_of(kLabel), kLabel.size(), key.data(), key.size());
    return {reinterpret_cast<const char*>(hash.data()), kIdBytes};
}

std::string associated_data(std::string_view header, std::string_view context) {
    std::string ad(header);
    ad += context;
    return ad;
}

}  // namespace

MasterKey::MasterKey(const std::array<unsigned char, kMasterKeyBytes>& bytes) : bytes_(bytes) {
    id_ = hex(raw_id_of(bytes_));
}

MasterKey::MasterKey(MasterKey&& other) noexcept : bytes_(other.bytes_), id_(std::move(other.id_)) {
    sodium_memzero(other.bytes_.data(), other.bytes_.size());
}

MasterKey& MasterKey::operator=(MasterKey&& other) noexcept {
    if (this != &other) {
        bytes_ = other.bytes_;
        id_ = std::move(other.id_);
        sodium_memzero(other.bytes_.data(), other.bytes_.size());
    }
    return *this;
}

MasterKey::~MasterKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

Result<MasterKey> MasterKey::from_base64(std::string_view text, const std::string& field) {
    init_crypto();
    std::array<unsigned char, kMasterKeyBytes * 2> decoded{};
    std::size_t size = 0;
    const char* end = nullptr;
    const int rc = sodium_base642bin(decoded.data(), decoded.size(), text.data(), text.size(), " \t\r\n", &size, &end,
                                     sodium_base64_VARIANT_ORIGINAL);
    const bool whole = rc == 0 && end == text.data() + text.size();
    std::array<unsigned char, kMasterKeyBytes> key{};
    const bool fits = whole && size == key.size();
    if (fits) std::copy_n(decoded.begin(), key.size(), key.begin());
    sodium_memzero(decoded.data(), decoded.size());
    if (!fits) {
        return Status::Invalid(
            field, "master_key",
            field + " must be the base64 of 32 random bytes (make one with `openssl rand -base64 32`)");
    }
    MasterKey out(key);
    sodium_memzero(key.data(), key.size());
    return out;
}

MasterKey MasterKey::generate() {
    init_crypto();
    std::array<unsigned char, kMasterKeyBytes> key{};
    randombytes_buf(key.data(), key.size());
    MasterKey out(key);
    sodium_memzero(key.data(), key.size());
    return out;
}

std::string MasterKey::to_base64() const {
    std::string out(sodium_base64_ENCODED_LEN(kMasterKeyBytes, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes_.data(), bytes_.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

MasterKeys::MasterKeys(MasterKey current, std::vector<MasterKey> previous) : current_(std::move(current)) {
    for (MasterKey& key : previous) {
        if (key.id() != current_.id() && find(key.id()) == nullptr) previous_.push_back(std::move(key));
    }
}

const MasterKey* MasterKeys::find(const std::string& id) const {
    if (current_.id() == id) return &current_;
    const auto it = std::find_if(previous_.begin(), previous_.end(), [&](const MasterKey& k) { return k.id() == id; });
    return it == previous_.end() ? nullptr : &*it;
}

std::string MasterKeys::describe() const {
    std::string out = current_.id() + " (current)";
    for (const MasterKey& key : previous_) out += ", " + key.id();
    return out;
}

std::string MasterKeys::seal(std::string_view plaintext, std::string_view context) const {
    init_crypto();
    std::string envelope(kMagic);
    envelope += raw_id_of(current_.bytes());
    const std::string ad = associated_data(envelope, context);
    std::array<unsigned char, kNonceBytes> nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    envelope.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
    const std::size_t at = envelope.size();
    envelope.resize(at + plaintext.size() + kTagBytes);
    unsigned long long written = 0;  // NOLINT(google-runtime-int): libsodium's type
    crypto_aead_xchacha20poly1305_ietf_encrypt(bytes_of(envelope) + at, &written, bytes_of(plaintext), plaintext.size(),
                                               bytes_of(ad), ad.size(), nullptr, nonce.data(), current_.bytes().data());
    envelope.resize(at + written);
    return envelope;
}

Result<std::string> MasterKeys::open(std::string_view envelope, std::string_view context) const {
    if (!is_envelope(envelope) || envelope.size() < kHeaderBytes + kNonceBytes + kTagBytes) {
        return Status::Internal("not a sealed secret (" + std::to_string(envelope.size()) + " bytes)");
    }
    const std::string id = key_id_of(envelope);
    const MasterKey* key = find(id);
    if (key == nullptr) {
        return Status::Invalid(
            "secrets.master_key", "master_key_unknown",
            "encrypted with master key " + id + ", which is not configured (configured: " + describe() + ")");
    }
    const std::string ad = associated_data(envelope.substr(0, kHeaderBytes), context);
    const std::string_view nonce = envelope.substr(kHeaderBytes, kNonceBytes);
    const std::string_view sealed = envelope.substr(kHeaderBytes + kNonceBytes);
    std::string plaintext(sealed.size() - kTagBytes, '\0');
    unsigned long long size = 0;  // NOLINT(google-runtime-int): libsodium's type
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(bytes_of(plaintext), &size, nullptr, bytes_of(sealed), sealed.size(),
                                                   bytes_of(ad), ad.size(), bytes_of(nonce),
                                                   key->bytes().data()) != 0) {
        sodium_memzero(plaintext.data(), plaintext.size());
        return Status::Internal("does not decrypt with master key " + id +
                                ", which sealed it: it was altered, or copied from elsewhere");
    }
    plaintext.resize(size);
    return plaintext;
}

bool MasterKeys::is_envelope(std::string_view bytes) {
    return bytes.starts_with(kMagic) && bytes.size() >= kHeaderBytes;
}

std::string MasterKeys::key_id_of(std::string_view bytes) {
    return is_envelope(bytes) ? hex(bytes.substr(kMagic.size(), kIdBytes)) : std::string();
}

}  // namespace seatkeeper::crypto
