// CredentialCache: API keys already resolved, so that the runtime hot path authenticates without a database
// round trip (DESIGN.md "The hot path, measured": the check is answered without touching the database).
//
// Entries are keyed by a BLAKE2b digest of the whole key, never the key itself, and hold the principal
// service::resolve_api_key answered. Only successes are kept: an unknown or revoked key goes to the database
// every time. The Runtime empties the cache whenever the events show an `api_key.*` change, so a revocation
// acknowledged by this node is in force for its next request (the Api catches up before answering), and one
// made through another node within `check.refresh_ms`. A resolution that raced with such a change is not
// kept (a generation counter), and the cache is emptied when it reaches kMaxEntries.
//
// find() is the hot path's lookup: each thread keeps its own copy of the entries it has used (shared, not
// copied, principals), checked against the generation with one atomic load, so a cached key is found without
// a lock, a string or an allocation; the shared table is read (under its lock) only on the thread's first
// use of a key after each change.
//
// Thread-safety: all members may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/crypto.hpp"
#include "common/mutex.hpp"
#include "service/context.hpp"

namespace seatkeeper::check {

class CredentialCache {
public:
    static constexpr std::size_t kMaxEntries = 10000;
    using Resolver = std::function<Result<service::Principal>(const std::string& key)>;

    CredentialCache();

    // The cached principal of `key`, else what `resolve` answers (kept when it succeeds).
    Result<service::Principal> resolve(const std::string& key, const Resolver& resolve);
    // The cached principal of `key`, or null: valid on this thread until its next call of find() or contains().
    [[nodiscard]] const service::Principal* find(std::string_view key) const;
    // Whether `key` is resolved already, so that resolve() will not call the resolver (unless the cache is
    // emptied in between): the server answers such a runtime request on its I/O thread.
    [[nodiscard]] bool contains(std::string_view key) const { return find(key) != nullptr; }
    void clear();
    [[nodiscard]] std::size_t size() const;

    struct DigestHash {
        std::size_t operator()(const crypto::SecretDigest& digest) const noexcept;
    };
    using Entries = std::unordered_map<crypto::SecretDigest, std::shared_ptr<const service::Principal>, DigestHash>;

private:
    const std::uint64_t id_;  // tells this cache's entries in a thread's copy from another cache's
    mutable SharedMutex mutex_;
    Entries entries_ SK_GUARDED_BY(mutex_);
    std::atomic<std::uint64_t> generation_{0};  // bumped (under mutex_) by clear() and when the table is full
};

}  // namespace seatkeeper::check
