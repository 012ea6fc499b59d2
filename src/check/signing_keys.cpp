#include "check/signing_keys.hpp"

#include <sodium.h>

#include <algorithm>
#include <mutex>

#include "common/crypto.hpp"
#include "data/signing_keys.hpp"
#include "service/events.hpp"

namespace seatkeeper::check {

namespace {

constexpr std::string_view kAlgorithm = "EdDSA";

std::string bytes_of(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// What a sealed secret key is bound to: its row.
std::string context_of(const std::string& kid) { return "signing_keys/" + kid; }

// A secret key as versions before the master key stored it: the 64 bytes themselves (an envelope is longer).
bool is_raw(std::string_view stored) { return stored.size() == kEd25519SecretKeyBytes; }

void wipe(SecretKey& key) { sodium_memzero(key.data(), key.size()); }
void wipe(std::string& bytes) { sodium_memzero(bytes.data(), bytes.size()); }

// A master key failure, told about the signing key `kid`.
Status about_key(const std::string& kid, const Status& s) {
    if (s.code() == StatusCode::kInvalid) {
        return Status::Invalid(s.field(), s.rule(),
                               "signing key " + kid + " is " + s.message() +
                                   "; configure the master key with that id as a previous one "
                                   "(secrets.previous_master_keys or secrets.previous_master_key_files)");
    }
    return Status::Internal("signing key " + kid + " " + (s.log_detail().empty() ? s.message() : s.log_detail()));
}

// The secret key of row `kid` from its stored bytes, raw or sealed; the caller wipes it.
Result<SecretKey> open_secret(const crypto::MasterKeys& master_keys, const std::string& kid, std::string_view stored) {
    SecretKey out{};
    if (is_raw(stored)) {
        std::copy(stored.begin(), stored.end(), out.begin());
        return out;
    }
    auto opened = master_keys.open(stored, context_of(kid));
    if (!opened.ok()) return about_key(kid, opened.status());
    std::string& secret = *opened;
    const bool fits = secret.size() == out.size();
    if (fits) std::copy(secret.begin(), secret.end(), out.begin());
    wipe(secret);
    if (!fits) return Status::Internal("signing key " + kid + " has a secret key of the wrong size");
    return out;
}

std::string sealed(const crypto::MasterKeys& master_keys, const std::string& kid, const SecretKey& secret) {
    return master_keys.seal(bytes_of(secret.data(), secret.size()), context_of(kid));
}

// Inserts a new active key, sealed with the current master key; the caller has made sure there is no other.
std::string insert_key(store::Transaction& tx, const crypto::MasterKeys& master_keys, Millis now) {
    KeyPair pair = generate_key_pair();
    std::string kid = crypto::random_token(12);
    data::signing_keys::insert(tx, kid, kAlgorithm, bytes_of(pair.public_key.data(), pair.public_key.size()),
                               sealed(master_keys, kid, pair.secret_key), now);
    wipe(pair.secret_key);
    return kid;
}

enum class Reseal {
    kRaw,         // the keys stored raw (an upgrade)
    kNotCurrent,  // those and the keys sealed with a previous master key (a rewrap)
};

// Seals the `which` keys with the current master key, and opens every other one (so that a key no configured
// master key opens is an error now, not when it is needed); appends one event when it sealed any.
Result<RewrapOutcome> reseal(store::Transaction& tx, const crypto::MasterKeys& master_keys, Reseal which,
                             const std::string& actor) {
    RewrapOutcome outcome;
    const std::string& current_id = master_keys.current().id();
    for (auto& row : data::signing_keys::stored_secrets(tx)) {
        const std::string& kid = row.kid;
        std::string stored = std::move(row.secret_key);
        const bool raw = is_raw(stored);
        const bool renew = raw || (which == Reseal::kNotCurrent && crypto::MasterKeys::key_id_of(stored) != current_id);
        auto secret = open_secret(master_keys, kid, stored);
        wipe(stored);
        if (!secret.ok()) return secret.status();
        if (renew) {
            data::signing_keys::set_stored_secret(tx, kid, sealed(master_keys, kid, *secret));
            outcome.rewrapped.push_back(kid);
        } else {
            ++outcome.unchanged;
        }
        wipe(*secret);
    }
    if (!outcome.rewrapped.empty()) {
        const auto make = which == Reseal::kRaw ? domain::make_event<domain::EventType::kSigningKeyEncrypted>
                                                : domain::make_event<domain::EventType::kSigningKeyRewrapped>;
        service::append_event(tx, actor, "",
                              make(domain::signing_keys_subject(), std::nullopt,
                                   domain::SigningKeyResealSnapshot{current_id, outcome.rewrapped}, ""));
    }
    return outcome;
}

}  // namespace

Status upgrade_signing_keys(store::Store& store, const crypto::MasterKeys& master_keys, const std::string& actor) {
    return store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        return reseal(tx, master_keys, Reseal::kRaw, actor).status();
    });
}

Status ensure_signing_key(store::Store& store, const crypto::MasterKeys& master_keys, const std::string& actor) {
    Status s = store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_RETURN_IF_ERROR(reseal(tx, master_keys, Reseal::kRaw, actor));
        if (data::signing_keys::active_kid(tx)) return Status::Ok();
        const std::string kid = insert_key(tx, master_keys, now_millis());
        service::append_event(tx, actor, "",
                              domain::make_event<domain::EventType::kSigningKeyCreated>(
                                  domain::signing_key_subject(kid), std::nullopt,
                                  domain::SigningKeySnapshot{kid, std::string(kAlgorithm)}));
        return Status::Ok();
    });
    // Another process made the key between our look and our insert: there is one, which is all we want.
    if (s.code() == StatusCode::kConflict) return Status::Ok();
    return s;
}

Result<std::string> rotate_signing_key(store::Store& store, const crypto::MasterKeys& master_keys,
                                       const std::string& actor) {
    return store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<std::string> {
        SK_RETURN_IF_ERROR(reseal(tx, master_keys, Reseal::kRaw, actor));
        const Millis now = now_millis();
        const auto old_kid = data::signing_keys::active_kid(tx);
        if (old_kid) data::signing_keys::retire(tx, *old_kid, now);
        const std::string kid = insert_key(tx, master_keys, now);
        std::optional<domain::SigningKeySnapshot> retired;
        if (old_kid) retired = domain::SigningKeySnapshot{*old_kid, std::nullopt};
        service::append_event(tx, actor, "",
                              domain::make_event<domain::EventType::kSigningKeyRotated>(
                                  domain::signing_key_subject(kid), std::move(retired),
                                  domain::SigningKeySnapshot{kid, std::string(kAlgorithm)}));
        return kid;
    });
}

Result<RewrapOutcome> rewrap_signing_keys(store::Store& store, const crypto::MasterKeys& master_keys,
                                          const std::string& actor) {
    return store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) {
        return reseal(tx, master_keys, Reseal::kNotCurrent, actor);
    });
}

Result<std::vector<std::string>> master_key_ids_in_use(store::Store& store) {
    return store::in_transaction(store, store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<std::string>> {
                                     std::vector<std::string> ids;
                                     for (auto& row : data::signing_keys::stored_secrets(tx)) {
                                         std::string stored = std::move(row.secret_key);
                                         if (!is_raw(stored)) ids.push_back(crypto::MasterKeys::key_id_of(stored));
                                         wipe(stored);
                                     }
                                     std::sort(ids.begin(), ids.end());
                                     ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
                                     return ids;
                                 });
}

KeyRing::~KeyRing() { sodium_memzero(active_secret_.data(), active_secret_.size()); }

Status KeyRing::reload() {
    struct Loaded {
        std::string active_kid;
        SecretKey active_secret{};
        std::vector<PublishedKey> published;
    };
    const Millis oldest = now_millis() - keep_retired_ms_;
    SK_ASSIGN_OR_RETURN(
        Loaded loaded,
        store::in_transaction(store_, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Loaded> {
            Loaded out;
            for (auto& row : data::signing_keys::published(tx, kAlgorithm, oldest)) {
                // Only the active key's secret half is opened; every key's stored bytes are wiped.
                std::string stored = std::move(row.secret_key);
                if (row.public_key.size() != kEd25519PublicKeyBytes) {
                    wipe(stored);
                    return Status::Internal("signing key " + row.kid + " has a public key of the wrong size");
                }
                PublishedKey key{row.kid, {}, row.created_at, row.retired_at};
                std::copy(row.public_key.begin(), row.public_key.end(), key.public_key.begin());
                if (key.retired_at) {
                    wipe(stored);
                } else {
                    auto secret = open_secret(master_keys_, key.kid, stored);
                    wipe(stored);
                    if (!secret.ok()) return secret.status();
                    out.active_kid = key.kid;
                    out.active_secret = *secret;
                    wipe(*secret);
                }
                out.published.push_back(std::move(key));
            }
            return out;
        }));
    const WriterLock lock(mutex_);
    active_kid_ = std::move(loaded.active_kid);
    active_secret_ = loaded.active_secret;
    sodium_memzero(loaded.active_secret.data(), loaded.active_secret.size());
    published_ = std::move(loaded.published);
    return Status::Ok();
}

Result<std::string> KeyRing::sign(const boost::json::object& claims) const {
    const ReaderLock lock(mutex_);
    if (active_kid_.empty()) return Status::Unavailable("no token signing key is active; retry shortly");
    return sign_jwt(active_kid_, claims, active_secret_);
}

boost::json::object KeyRing::jwks(Millis now) const {
    const ReaderLock lock(mutex_);
    boost::json::array keys;
    for (const auto& key : published_) {
        if (key.retired_at && *key.retired_at + keep_retired_ms_ <= now) continue;
        keys.push_back(boost::json::object{
            {"kty", "OKP"},
            {"crv", "Ed25519"},
            {"x", base64url_encode(bytes_of(key.public_key.data(), key.public_key.size()))},
            {"kid", key.kid},
            {"alg", kAlgorithm},
            {"use", "sig"},
        });
    }
    return {{"keys", std::move(keys)}};
}

std::string KeyRing::active_kid() const {
    const ReaderLock lock(mutex_);
    return active_kid_;
}

}  // namespace seatkeeper::check
