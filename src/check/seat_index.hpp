// SeatIndex: the runtime check's in-memory picture of who holds which seat, answered without the database.
//
// It holds, for every publisher, the license-managed offers' service IDs (with their plan and the offer's
// "install without license" option), and for every tenant its seats per service ID, which service IDs it has
// an active pool for (licenses not trashed) and which offers it installed, and its verified domains (whose users
// a site license covers). `load()` reads all of it in one read transaction together with the highest event id,
// the index's cursor. `catch_up()` then reads the events after the cursor, in id order, through the typed event
// contract (domain/events.hpp), and applies them: `seat.assigned` / `seat.unassigned` one seat at a time (their
// SeatSnapshot); license, installation, offer, plan and tenant domain events by re-reading the few rows they
// touch (a tenant's pools, installations or domains, a publisher's catalogue) in the same read transaction as
// the events. An event it cannot read (an unknown type, a malformed
// payload) makes it reload everything rather than drift. Both read through the data layer's read API
// (data/check.hpp).
//
// Consistency: an answer reflects every change whose event id is at or below the cursor. The Api calls
// catch_up() after each state-changing request before answering it, so a change acknowledged by this node
// is visible to the next check on this node; a poller calls it every `check.refresh_ms` for changes made by
// other nodes and the command line (docs/architecture.md "The runtime check").
//
// Memory and threads (issue 13: ≤ 64 bytes per seat, ≥ 10 M checks/s/core, readers never wait for a writer).
// Every name a check looks up by text is kept once, in flat tables of integers rather than maps of strings:
// - a seat is one entry in an append-only byte arena (1 MiB chunks, never moved): the pool's number (4 bytes),
//   the UPN's length (2), the day stamp of its activity (2) and its bytes, padded to 4 — no heap node per seat —
//   and one 64-bit slot of an open-addressing table (linear probing, at most 3/4 full): a 32-bit hash tag and the
//   entry's position in the arena. A check hashes (pool, upn), probes the slots, compares the bytes of the one whose
//   tag matches: two cache misses for a hit, one for most misses, exact (the bytes are compared, no probabilistic
//   filter);
// - tenants likewise (their id's bytes in an arena, a slot table), each with an immutable TenantInfo: its pools
//   (service ID's number → pool number, active), the offers it installed and those it has an active pool for;
// - the catalogue (service ID → publisher, plan, offer, install without license) is one immutable map;
// - a pool whose licenses have terms or a suspension (issue 14) carries them, and the check works out from the
//   clock which are in force today (no refresh needed when a date passes) and, when fewer licenses than seats
//   are, whether this seat is among the oldest ones that stay covered (see seat_index.cpp PoolTerms).
// Service IDs, offers and (tenant, service ID) pools are interned to 32-bit numbers by the writer.
//
// Seat activity (issue 15): a seat's entry also holds a day stamp. A check answered licensed from a seat moves it
// to today (one atomic load when it is there already, one compare-and-swap the first time that day) and, the one
// time it moves, hands the seat to SeatActivity, which buffers it for the database (check/seat_activity.hpp).
//
// Thread-safety: check() may be called from any number of threads; it takes no lock, allocates nothing (but a
// seat's first licensed answer of the day, which SeatActivity buffers) and never waits. catch_up() and load() are
// serialised among themselves (one writer) and never block check(): a seat is added by writing its bytes and then
// storing its slot (release), removed by storing a tombstone; everything else (a grown slot table, a tenant's new
// TenantInfo, a new catalogue, a whole new generation after a reload) is built aside and published by one atomic
// pointer store. What it replaces is freed after a grace period: a check marks itself active in one of 64 per-thread
// reader slots (two counters each, one per phase), and the writer, before freeing, waits until every reader that might
// still see the old object has left (the two-phase wait of the Left-Right pattern: waiting costs the writer, never a
// reader). A check racing a catch_up sees each change either before or after it; cursor() is advanced only after all
// were applied.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "check/decision.hpp"
#include "check/seat_activity.hpp"
#include "common/clock.hpp"
#include "common/mutex.hpp"
#include "common/status.hpp"
#include "domain/events.hpp"
#include "store/store.hpp"

namespace seatkeeper::check {

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
    // Where "today" comes from for licenses with terms (issue 14): the wall clock, or a test's.
    using Clock = Millis (*)();
    // `activity`, when given, is told of each seat's first licensed answer per day (issue 15); it must outlive
    // the index.
    explicit SeatIndex(store::Store& store, Clock clock = now_millis, SeatActivity* activity = nullptr);
    ~SeatIndex();
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

    // Defined in the .cpp: one generation of the tables (replaced whole by a reload) and the grace periods.
    struct Index;
    class Grace;

private:
    store::Store& store_;
    Clock clock_;
    SeatActivity* activity_;
    Mutex catch_up_mutex_;  // serialises load() and catch_up(): the one writer
    std::unique_ptr<Grace> grace_;
    std::atomic<Index*> index_{nullptr};   // read by check() inside a grace period
    std::atomic<std::int64_t> cursor_{0};  // stored after what it covers is published
};

}  // namespace seatkeeper::check
