// The Ed25519 keys that sign offline license tokens, and the JWKS that publishes their public halves.
//
// Keys live in the `signing_keys` table (migration 005). Their secret halves are sealed with the master key
// (common/master_keys.hpp, XChaCha20-Poly1305 bound to "signing_keys/<kid>"), so a copy of the database alone
// signs nothing; versions before stored them raw, and every write here (the start of a node, `migrate`,
// `keys rotate`) first seals the raw rows it finds, in its own transaction. Exactly one key is active: the
// first start creates it (in a write transaction that looks first, and a partial unique index as the last line
// of defence, so two nodes starting at once make one key), and `seatkeeper keys rotate` retires it and makes
// the next. A retired key stays in the JWKS until every token it can have signed has expired. Changes append
// an event (`signing_key.created`, `signing_key.rotated`, `signing_key.encrypted`, `signing_key.rewrapped`, no
// publisher), through which every node's KeyRing reloads.
// The table is read and written through data/signing_keys.hpp.
//
// A key sealed with a master key that is not configured, or that does not open, is an error naming the key's
// kid and the master key's id, at start and in every function here; never a new key in its place.
//
// Thread-safety: the free functions use their own transactions; a KeyRing may be used from any thread
// (reload() takes an exclusive lock, signing and the JWKS a shared one).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "check/jwt.hpp"
#include "common/clock.hpp"
#include "common/master_keys.hpp"
#include "common/mutex.hpp"
#include "store/store.hpp"

namespace seatkeeper::check {

// Seals the keys stored raw with the current master key, and checks that every stored key opens with a
// configured one; the first error names its kid. `seatkeeper migrate` runs it.
Status upgrade_signing_keys(store::Store& store, const crypto::MasterKeys& master_keys,
                            const std::string& actor = "system");
// upgrade_signing_keys, then creates the first active key when there is none (a node's start).
Status ensure_signing_key(store::Store& store, const crypto::MasterKeys& master_keys,
                          const std::string& actor = "system");
// upgrade_signing_keys, then retires the active key and makes a new active one; returns the new key's id.
Result<std::string> rotate_signing_key(store::Store& store, const crypto::MasterKeys& master_keys,
                                       const std::string& actor = "system");

struct RewrapOutcome {
    std::vector<std::string> rewrapped;  // kids sealed anew: they were raw or sealed with a previous master key
    std::size_t unchanged = 0;           // already sealed with the current master key
};
// Seals every stored key with the current master key, in one transaction (`seatkeeper keys rewrap`, the step of
// a master key rotation after which the previous keys can go). Idempotent: a second run rewraps nothing.
Result<RewrapOutcome> rewrap_signing_keys(store::Store& store, const crypto::MasterKeys& master_keys,
                                          const std::string& actor = "system");
// The ids of the master keys the stored keys are sealed with (none for an empty table or raw keys only).
Result<std::vector<std::string>> master_key_ids_in_use(store::Store& store);

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
    // `master_keys` opens the active key; it must outlive the KeyRing.
    KeyRing(store::Store& store, const crypto::MasterKeys& master_keys, Millis keep_retired_ms)
        : store_(store), master_keys_(master_keys), keep_retired_ms_(keep_retired_ms) {}
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
    const crypto::MasterKeys& master_keys_;
    Millis keep_retired_ms_;
    mutable SharedMutex mutex_;  // guards the members below
    std::string active_kid_ SK_GUARDED_BY(mutex_);
    SecretKey active_secret_ SK_GUARDED_BY(mutex_){};  // wiped on reload and destruction
    std::vector<PublishedKey> published_ SK_GUARDED_BY(mutex_);
};

}  // namespace seatkeeper::check
