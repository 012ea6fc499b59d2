#include "data/signing_keys.hpp"

#include <utility>

namespace seatkeeper::data::signing_keys {

namespace {

using store::Query;

constexpr Query kInsert{
    "signing_key.insert",
    "INSERT INTO signing_keys (kid, algorithm, public_key, secret_key, created_at) VALUES (?, ?, ?, ?, ?)"};
constexpr Query kActiveKid{"signing_key.active_kid", "SELECT kid FROM signing_keys WHERE retired_at IS NULL"};
constexpr Query kStoredSecrets{"signing_key.stored_secrets",
                               "SELECT kid, secret_key FROM signing_keys ORDER BY created_at, kid"};
constexpr Query kSetStoredSecret{"signing_key.set_secret", "UPDATE signing_keys SET secret_key = ? WHERE kid = ?"};
constexpr Query kRetire{"signing_key.retire", "UPDATE signing_keys SET retired_at = ? WHERE kid = ?"};
constexpr Query kPublished{"signing_key.published",
                           "SELECT kid, public_key, secret_key, created_at, retired_at FROM signing_keys "
                           "WHERE algorithm = ? AND (retired_at IS NULL OR retired_at > ?) "
                           "ORDER BY created_at DESC, kid"};

}  // namespace

void insert(store::Transaction& tx, const std::string& kid, std::string_view algorithm, std::string public_key,
            std::string stored_secret, Millis created_at) {
    tx.execute(kInsert, {kid, std::string(algorithm), store::Blob{std::move(public_key)},
                         store::Blob{std::move(stored_secret)}, created_at});
}

std::optional<std::string> active_kid(store::Transaction& tx) {
    const auto r = tx.query_one(kActiveKid);
    if (!r) return std::nullopt;
    return r->text(0);
}

std::vector<StoredSecretRow> stored_secrets(store::Transaction& tx) {
    const store::Rows rows = tx.query(kStoredSecrets);
    std::vector<StoredSecretRow> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back({r.text(0), r.blob(1)});
    return out;
}

void set_stored_secret(store::Transaction& tx, const std::string& kid, std::string stored_secret) {
    tx.execute(kSetStoredSecret, {store::Blob{std::move(stored_secret)}, kid});
}

void retire(store::Transaction& tx, const std::string& kid, Millis retired_at) {
    tx.execute(kRetire, {retired_at, kid});
}

std::vector<SigningKeyRow> published(store::Transaction& tx, std::string_view algorithm, Millis retired_after) {
    const store::Rows rows = tx.query(kPublished, {std::string(algorithm), retired_after});
    std::vector<SigningKeyRow> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back({r.text(0), r.blob(1), r.blob(2), r.integer(3), r.optional_integer(4)});
    }
    return out;
}

}  // namespace seatkeeper::data::signing_keys
