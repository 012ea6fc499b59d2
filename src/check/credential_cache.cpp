#include "check/credential_cache.hpp"

#include <mutex>

#include "common/crypto.hpp"

namespace seatkeeper::check {

Result<service::Principal> CredentialCache::resolve(const std::string& key, const Resolver& resolve) {
    const std::string hash = crypto::hash_secret(key);
    std::uint64_t generation = 0;
    {
        const ReaderLock lock(mutex_);
        if (const auto it = entries_.find(hash); it != entries_.end()) return it->second;
        generation = generation_;
    }
    Result<service::Principal> resolved = resolve(key);
    if (resolved.ok()) {
        const WriterLock lock(mutex_);
        if (generation == generation_) {
            if (entries_.size() >= kMaxEntries) entries_.clear();
            entries_.insert_or_assign(hash, *resolved);
        }
    }
    return resolved;
}

bool CredentialCache::contains(const std::string& key) const {
    const std::string hash = crypto::hash_secret(key);
    const ReaderLock lock(mutex_);
    return entries_.contains(hash);
}

void CredentialCache::clear() {
    const WriterLock lock(mutex_);
    entries_.clear();
    ++generation_;
}

std::size_t CredentialCache::size() const {
    const ReaderLock lock(mutex_);
    return entries_.size();
}

}  // namespace seatkeeper::check
