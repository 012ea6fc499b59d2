// CredentialCache: API keys already resolved, so that the runtime hot path authenticates without a database
// round trip (DESIGN.md "The hot path, measured": the check is answered without touching the database).
//
// Entries are keyed by a BLAKE2b hash of the whole key, never the key itself, and hold the principal
// service::resolve_api_key answered. Only successes are kept: an unknown or revoked key goes to the database
// every time. The Runtime empties the cache whenever the events show an `api_key.*` change, so a revocation
// acknowledged by this node is in force for its next request (the Api catches up before answering), and one
// made through another node within `check.refresh_ms`. A resolution that raced with such a change is not
// kept (a generation counter), and the cache is emptied when it reaches kMaxEntries.
//
// Thread-safety: all members may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include "common/mutex.hpp"
#include "service/context.hpp"

namespace seatkeeper::check {

class CredentialCache {
public:
    static constexpr std::size_t kMaxEntries = 10000;
    using Resolver = std::function<Result<service::Principal>(const std::string& key)>;

    // The cached principal of `key`, else what `resolve` answers (kept when it succeeds).
    Result<service::Principal> resolve(const std::string& key, const Resolver& resolve);
    // Whether `key` is resolved already, so that resolve() will not call the resolver (unless the cache is
    // emptied in between): the server answers such a runtime request on its I/O thread.
    [[nodiscard]] bool contains(const std::string& key) const;
    void clear();
    [[nodiscard]] std::size_t size() const;

private:
    mutable SharedMutex mutex_;
    std::unordered_map<std::string, service::Principal> entries_ SK_GUARDED_BY(mutex_);  // by hash_secret(key)
    std::uint64_t generation_ SK_GUARDED_BY(mutex_) = 0;                                 // bumped by clear()
};

}  // namespace seatkeeper::check
