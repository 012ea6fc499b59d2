// SeatIndex: the runtime check's in-memory picture of who holds which seat, answered without the database.
//
// It holds, for every publisher, the license-managed offers' service IDs (with their plan and the offer's
// "install without license" option), and for every tenant its seats per service ID, which service IDs it has
// an active pool for (quantity > 0) and which offers it installed. `load()` reads all of it in one read
// transaction together with the highest event id, the index's cursor. `catch_up()` then reads the events
// after the cursor, in id order, through the typed event contract (domain/events.hpp), and applies them:
// `seat.assigned` / `seat.unassigned` one seat at a time (their SeatSnapshot); license, installation, offer and
// plan events by re-reading the few rows they touch (a tenant's pools or installations, a publisher's
// catalogue) in the same read transaction as the events. An event it cannot read (an unknown type, a malformed
// payload) makes it reload everything rather than drift. Both read through the data layer's read API
// (data/check.hpp).
//
// Consistency: an answer reflects every change whose event id is at or below the cursor. The Api calls
// catch_up() after each state-changing request before answering it, so a change acknowledged by this node
// is visible to the next check on this node; a poller calls it every `check.refresh_ms` for changes made by
// other nodes and the command line (docs/architecture.md "The runtime check").
//
// Thread-safety: check() may be called from any number of threads; it takes a shared lock and allocates
// nothing. catch_up() and load() are serialised among themselves and hold the exclusive lock only while
// they swap in what they read, never during database reads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "check/decision.hpp"
#include "common/mutex.hpp"
#include "domain/events.hpp"
#include "store/store.hpp"

namespace seatkeeper::check {

// Heterogeneous lookup: find a std::string key with a std::string_view, without building a string.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Called by catch_up() with the type of every event it reads (nullopt for a type this build does not know), so
// that others fed by the same feed (the signing keys, the credential cache) follow it without reading the events
// again.
using EventObserver = std::function<void(std::optional<domain::EventType> type)>;

struct IndexStats {
    std::int64_t cursor = 0;
    std::size_t services = 0;
    std::size_t tenants = 0;
    std::size_t seats = 0;
};

class SeatIndex {
public:
    explicit SeatIndex(store::Store& store) : store_(store) {}
    SeatIndex(const SeatIndex&) = delete;
    SeatIndex& operator=(const SeatIndex&) = delete;

    // Reads the whole state and the cursor in one read transaction and replaces what the index held.
    Status load();
    // Applies the events after the cursor; returns how many it read. On failure the index keeps what it had
    // and the next call starts again from the same cursor.
    Result<std::size_t> catch_up(const EventObserver& observer = {});

    // The answer for `publisher_id`'s app asking about (tenant, user, service ID). `tenant_id` and `upn`
    // must already be lowercase (the HTTP layer normalises them).
    [[nodiscard]] Answer check(std::string_view publisher_id, std::string_view tenant_id, std::string_view upn,
                               std::string_view service_id) const;

    [[nodiscard]] std::int64_t cursor() const { return cursor_.load(std::memory_order_acquire); }
    [[nodiscard]] IndexStats stats() const;

    // What the index holds; public so that the .cpp's loaders can build one outside the lock.
    struct Service {
        std::string publisher_id;
        std::string plan_id;
        std::uint32_t number = 0;  // interned service ID
        std::uint32_t offer = 0;   // interned "<publisher>.<offer>"
        bool base_allowed = false;
    };
    struct Pool {
        bool active = false;  // quantity > 0
        StringSet upns;       // the users holding a seat
    };
    struct Tenant {
        std::unordered_map<std::uint32_t, Pool> pools;    // by interned service ID
        std::unordered_set<std::uint32_t> pooled_offers;  // offers with an active pool for one of their plans
        std::unordered_set<std::uint32_t> installed_offers;
    };
    struct State {
        StringMap<Service> services;  // license-managed offers' service IDs
        StringMap<Tenant> tenants;
        // Interned names, only ever growing: service IDs and "<publisher>.<offer>" keys.
        StringMap<std::uint32_t> service_numbers;
        StringMap<std::uint32_t> offer_numbers;
    };

private:
    store::Store& store_;
    Mutex catch_up_mutex_;       // serialises load() and catch_up()
    mutable SharedMutex mutex_;  // guards state_
    State state_ SK_GUARDED_BY(mutex_);
    std::atomic<std::int64_t> cursor_{0};  // written under both mutexes
};

}  // namespace seatkeeper::check
