#include "check/credential_cache.hpp"

#include <cstring>
#include <mutex>

namespace seatkeeper::check {

namespace {

std::atomic<std::uint64_t> next_cache_id{1};

// One thread's copy of the entries it used, of one cache (the last it asked) at one generation.
struct LocalEntries {
    std::uint64_t cache = 0;
    std::uint64_t generation = 0;
    CredentialCache::Entries entries;
};

LocalEntries& local_entries() {
    thread_local LocalEntries local;
    return local;
}

}  // namespace

std::size_t CredentialCache::DigestHash::operator()(const crypto::SecretDigest& digest) const noexcept {
    std::size_t h = 0;  // the digest is uniformly random already: any 8 of its bytes will do
    std::memcpy(&h, digest.data(), sizeof h);
    return h;
}

CredentialCache::CredentialCache() : id_(next_cache_id.fetch_add(1, std::memory_order_relaxed)) {}

Result<service::Principal> CredentialCache::resolve(const std::string& key, const Resolver& resolve) {
    const crypto::SecretDigest digest = crypto::secret_digest(key);
    std::uint64_t generation = 0;
    {
        const ReaderLock lock(mutex_);
        if (const auto it = entries_.find(digest); it != entries_.end()) return *it->second;
        generation = generation_.load(std::memory_order_relaxed);
    }
    Result<service::Principal> resolved = resolve(key);
    if (resolved.ok()) {
        const WriterLock lock(mutex_);
        if (generation == generation_.load(std::memory_order_relaxed)) {
            if (entries_.size() >= kMaxEntries) {
                entries_.clear();
                generation_.fetch_add(1, std::memory_order_release);  // the threads' copies go too
            }
            entries_.insert_or_assign(digest, std::make_shared<const service::Principal>(*resolved));
        }
    }
    return resolved;
}

const service::Principal* CredentialCache::find(std::string_view key) const {
    LocalEntries& local = local_entries();
    const std::uint64_t generation = generation_.load(std::memory_order_acquire);
    if (local.cache != id_ || local.generation != generation) {
        local.entries.clear();
        local.cache = id_;
        local.generation = generation;
    }
    const crypto::SecretDigest digest = crypto::secret_digest(key);
    if (const auto it = local.entries.find(digest); it != local.entries.end()) return it->second.get();
    std::shared_ptr<const service::Principal> shared;
    {
        const ReaderLock lock(mutex_);
        // Read under the lock: a clear() since the check above must not leave its entries in this copy.
        if (generation_.load(std::memory_order_relaxed) != generation) return nullptr;
        const auto it = entries_.find(digest);
        if (it == entries_.end()) return nullptr;
        shared = it->second;
    }
    return local.entries.emplace(digest, std::move(shared)).first->second.get();
}

void CredentialCache::clear() {
    const WriterLock lock(mutex_);
    entries_.clear();
    generation_.fetch_add(1, std::memory_order_release);
}

std::size_t CredentialCache::size() const {
    const ReaderLock lock(mutex_);
    return entries_.size();
}

}  // namespace seatkeeper::check
