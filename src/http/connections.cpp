#include "http/connections.hpp"

#include <algorithm>
#include <vector>

namespace seatkeeper::http {

Connections::Ticket::~Ticket() {
    if (entry_) owner_->release(*entry_);
}

Connections::Ticket& Connections::Ticket::operator=(Ticket&& other) noexcept {
    if (this != &other) {
        if (entry_) owner_->release(*entry_);
        owner_ = other.owner_;
        entry_ = std::move(other.entry_);
    }
    return *this;
}

void Connections::Ticket::set_idle(bool idle) const {
    if (idle)
        entry_->idle_since.store(owner_->clock_.fetch_add(1, std::memory_order_relaxed), std::memory_order_relaxed);
    entry_->idle.store(idle, std::memory_order_release);
}

Connections::Admission Connections::admit(const std::string& address, bool counted_per_address, Closer close) {
    const MutexLock lock(mutex_);
    if (counted_per_address && limits_.max_per_address > 0) {
        const auto it = per_address_.find(address);
        if (it != per_address_.end() && it->second >= limits_.max_per_address) {
            return {{}, Refusal::kTooManyFromAddress};
        }
    }
    if (limits_.max_total > 0 && entries_.size() >= limits_.max_total) {
        // Room is made by closing idle connections; the one asked to close leaves the table when its session
        // ends, so count the ones already asked as gone.
        const auto asked = static_cast<std::size_t>(
            std::count_if(entries_.begin(), entries_.end(), [](const auto& e) { return e.second->close_asked; }));
        const std::size_t open = entries_.size() - asked;
        if (open >= limits_.max_total && close_idle_locked(open - limits_.max_total + 1) == 0) {
            return {{}, Refusal::kFull};
        }
    }
    auto entry = std::make_shared<Entry>();
    entry->id = next_id_++;
    entry->address = address;
    entry->counted_per_address = counted_per_address;
    entry->close = std::move(close);
    entry->idle_since.store(clock_.fetch_add(1, std::memory_order_relaxed), std::memory_order_relaxed);
    entries_.emplace(entry->id, entry);
    if (counted_per_address) ++per_address_[address];
    return {Ticket(this, std::move(entry)), Refusal::kNone};
}

std::size_t Connections::close_idle(std::size_t n) {
    const MutexLock lock(mutex_);
    return close_idle_locked(n);
}

std::size_t Connections::close_idle_locked(std::size_t n) {
    std::vector<Entry*> idle;
    for (const auto& [id, entry] : entries_) {
        if (!entry->close_asked && entry->idle.load(std::memory_order_acquire)) idle.push_back(entry.get());
    }
    const std::size_t count = std::min(n, idle.size());
    std::partial_sort(idle.begin(), idle.begin() + static_cast<std::ptrdiff_t>(count), idle.end(),
                      [](const Entry* a, const Entry* b) {
                          return a->idle_since.load(std::memory_order_relaxed) <
                                 b->idle_since.load(std::memory_order_relaxed);
                      });
    for (std::size_t i = 0; i < count; ++i) {
        idle[i]->close_asked = true;
        idle[i]->close();
    }
    return count;
}

void Connections::release(const Entry& entry) {
    const MutexLock lock(mutex_);
    if (entry.counted_per_address) {
        const auto it = per_address_.find(entry.address);
        if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
    }
    entries_.erase(entry.id);
}

std::size_t Connections::size() const {
    const MutexLock lock(mutex_);
    return entries_.size();
}

std::size_t Connections::idle() const {
    const MutexLock lock(mutex_);
    return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), [](const auto& e) {
        return !e.second->close_asked && e.second->idle.load(std::memory_order_acquire);
    }));
}

std::size_t Connections::from(const std::string& address) const {
    const MutexLock lock(mutex_);
    const auto it = per_address_.find(address);
    return it == per_address_.end() ? 0 : it->second;
}

}  // namespace seatkeeper::http
