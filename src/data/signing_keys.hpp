// The signing keys repository: the Ed25519 keys that sign offline license tokens (`signing_keys`, migration 005),
// which check/signing_keys.hpp manages. Secret halves come and go as stored (sealed with the master key, or raw
// from versions before it): the caller opens them and wipes the bytes it was handed. See data/seats.hpp for what
// a repository is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

struct SigningKeyRow {
    std::string kid;
    std::string public_key;  // the key's bytes
    std::string secret_key;  // as stored: sealed, or raw
    Millis created_at = 0;
    std::optional<Millis> retired_at;  // nullopt: the active key
};

// A key's secret half as stored.
struct StoredSecretRow {
    std::string kid;
    std::string secret_key;
};

namespace signing_keys {

void insert(store::Transaction& tx, const std::string& kid, std::string_view algorithm, std::string public_key,
            std::string stored_secret, Millis created_at);
// The kid of the key not retired, if any (at most one: a unique index sees to it).
std::optional<std::string> active_kid(store::Transaction& tx);
// Every key's secret half, oldest key first.
std::vector<StoredSecretRow> stored_secrets(store::Transaction& tx);
void set_stored_secret(store::Transaction& tx, const std::string& kid, std::string stored_secret);
void retire(store::Transaction& tx, const std::string& kid, Millis retired_at);
// The `algorithm` keys active or retired after `retired_after`, newest first.
std::vector<SigningKeyRow> published(store::Transaction& tx, std::string_view algorithm, Millis retired_after);

}  // namespace signing_keys
}  // namespace seatkeeper::data
