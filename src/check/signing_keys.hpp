// The Ed25519 keys that sign offline license tokens, and the JWKS that publishes their public halves.
//
// Keys live in the `signing_keys` table (migration 005), secret keys included: whoever reads the database or
// a backup of it can sign tokens, so backups are protected like the secret they hold (docs/operations.md).
// Exactly one key is active: the first start creates it (in a write transaction that looks first, and a
// partial unique index as the last line of defence, so two nodes starting at once make one key), and
// `seatkeeper keys rotate` retires it and makes the next. A retired key stays in the JWKS until every token
// it can have signed has expired. Both changes append an event (`signing_key.created`,
// `signing_key.rotated`, no publisher), through which every node's KeyRing reloads.
//
// Thread-safety: the free functions use their own transactions; a KeyRing may be used from any thread
// (reload() takes an exclusive lock, signing and the JWKS a shared one).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "check/jwt.hpp"
#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::check {

// Creates the first active key when there is none; does nothing otherwise.
Status ensure_signing_key(store::Store& store, const std::string& actor = "system");
// Retires the active key and makes a new active one; returns the new key's id.
Result<std::string> rotate_signing_key(store::Store& store, const std::string& actor = "system");

struct PublishedKey {
    std::string kid;
    PublicKey public_key{};
    Millis created_at = 0;
    std::optional<Millis> retired_at;
};

class KeyRing {
public:
    // `keep_retired_ms`: how long after its retirement a key stays published (the token lifetime plus a
    // margin for nodes that learn of the rotation late and clocks that differ).
    KeyRing(store::Store& store, Millis keep_retired_ms) : store_(store), keep_retired_ms_(keep_retired_ms) {}
    ~KeyRing();
    KeyRing(const KeyRing&) = delete;
    KeyRing& operator=(const KeyRing&) = delete;

    // Reads the active key and the published ones.
    Status reload();
    // A JWT of `claims` signed with the active key; Unavailable when there is none (never after reload()
    // succeeded on a database where ensure_signing_key ran).
    [[nodiscard]] Result<std::string> sign(const boost::json::object& claims) const;
    // {keys: [{kty, crv, x, kid, alg, use}]}: the active key and the retired ones still published at `now`.
    [[nodiscard]] boost::json::object jwks(Millis now) const;
    [[nodiscard]] std::string active_kid() const;

private:
    store::Store& store_;
    Millis keep_retired_ms_;
    mutable std::shared_mutex mutex_;      // guards the members below
    std::string active_kid_;               // GUARDED_BY(mutex_)
    SecretKey active_secret_{};            // GUARDED_BY(mutex_); wiped on reload and destruction
    std::vector<PublishedKey> published_;  // GUARDED_BY(mutex_)
};

}  // namespace seatkeeper::check
