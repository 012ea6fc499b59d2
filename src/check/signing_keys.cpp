#include "check/signing_keys.hpp"

#include <sodium.h>

#include <algorithm>
#include <mutex>

#include "common/crypto.hpp"
#include "service/events.hpp"

namespace seatkeeper::check {

namespace {

constexpr std::string_view kAlgorithm = "EdDSA";

std::string bytes_of(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Inserts a new active key; the caller has made sure there is no other.
std::string insert_key(store::Transaction& tx, Millis now) {
    KeyPair pair = generate_key_pair();
    const std::string kid = crypto::random_token(12);
    tx.execute("INSERT INTO signing_keys (kid, algorithm, public_key, secret_key, created_at) VALUES (?, ?, ?, ?, ?)",
               {kid, std::string(kAlgorithm), store::Blob{bytes_of(pair.public_key.data(), pair.public_key.size())},
                store::Blob{bytes_of(pair.secret_key.data(), pair.secret_key.size())}, now});
    sodium_memzero(pair.secret_key.data(), pair.secret_key.size());
    return kid;
}

std::optional<std::string> active_kid_in(store::Transaction& tx) {
    const auto row = tx.query_one("SELECT kid FROM signing_keys WHERE retired_at IS NULL");
    if (!row) return std::nullopt;
    return row->text(0);
}

}  // namespace

Status ensure_signing_key(store::Store& store, const std::string& actor) {
    const Status s = store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        if (active_kid_in(tx)) return Status::Ok();
        const std::string kid = insert_key(tx, now_millis());
        service::append_event(tx, actor, "",
                              {"signing_key.created", "signing_keys/" + kid, nullptr,
                               boost::json::object{{"kid", kid}, {"alg", kAlgorithm}}});
        return Status::Ok();
    });
    // Another process made the key between our look and our insert: there is one, which is all we want.
    if (s.code() == StatusCode::kConflict) return Status::Ok();
    return s;
}

Result<std::string> rotate_signing_key(store::Store& store, const std::string& actor) {
    return store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<std::string> {
        const Millis now = now_millis();
        const auto old_kid = active_kid_in(tx);
        if (old_kid) tx.execute("UPDATE signing_keys SET retired_at = ? WHERE kid = ?", {now, *old_kid});
        const std::string kid = insert_key(tx, now);
        service::append_event(
            tx, actor, "",
            {"signing_key.rotated", "signing_keys/" + kid,
             old_kid ? boost::json::value(boost::json::object{{"kid", *old_kid}}) : boost::json::value(nullptr),
             boost::json::object{{"kid", kid}, {"alg", kAlgorithm}}});
        return kid;
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
            for (const auto& r :
                 tx.query("SELECT kid, public_key, secret_key, created_at, retired_at FROM signing_keys "
                          "WHERE algorithm = ? AND (retired_at IS NULL OR retired_at > ?) "
                          "ORDER BY created_at DESC, kid",
                          {std::string(kAlgorithm), oldest})) {
                const std::string public_key = r.blob(1);
                if (public_key.size() != kEd25519PublicKeyBytes) {
                    return Status::Internal("signing key " + r.text(0) + " has a public key of the wrong size");
                }
                PublishedKey key{r.text(0), {}, r.integer(3), r.optional_integer(4)};
                std::copy(public_key.begin(), public_key.end(), key.public_key.begin());
                if (!key.retired_at) {
                    std::string secret = r.blob(2);
                    if (secret.size() != kEd25519SecretKeyBytes) {
                        return Status::Internal("signing key " + key.kid + " has a secret key of the wrong size");
                    }
                    out.active_kid = key.kid;
                    std::copy(secret.begin(), secret.end(), out.active_secret.begin());
                    sodium_memzero(secret.data(), secret.size());
                }
                out.published.push_back(std::move(key));
            }
            return out;
        }));
    const std::unique_lock lock(mutex_);
    active_kid_ = std::move(loaded.active_kid);
    active_secret_ = loaded.active_secret;
    sodium_memzero(loaded.active_secret.data(), loaded.active_secret.size());
    published_ = std::move(loaded.published);
    return Status::Ok();
}

Result<std::string> KeyRing::sign(const boost::json::object& claims) const {
    const std::shared_lock lock(mutex_);
    if (active_kid_.empty()) return Status::Unavailable("no token signing key is active; retry shortly");
    return sign_jwt(active_kid_, claims, active_secret_);
}

boost::json::object KeyRing::jwks(Millis now) const {
    const std::shared_lock lock(mutex_);
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
    const std::shared_lock lock(mutex_);
    return active_kid_;
}

}  // namespace seatkeeper::check
