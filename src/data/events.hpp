// The events repository: the spine (`events`), one row per change, written in the change's transaction and read
// back as the audit log and the change feed (service/events.hpp). See data/seats.hpp for what a repository is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "data/accounts.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

// An event as stored: its type and payload as the text written. publisher_id and tenant_id are empty when the
// publisher or tenant does not see it.
struct EventRow {
    std::int64_t id = 0;
    Millis created_at = 0;
    std::string actor;
    std::string publisher_id;
    std::string type;
    std::string subject;
    std::string payload;
    std::string tenant_id;
};

struct FeedQuery {
    std::int64_t after = 0;  // only events with a greater id
    std::string subject;     // empty, or only this subject and those under it ("offers/crm", "offers/crm/plans/x")
    std::int64_t limit = 100;
    // Only events whose type begins with one of these ("license." …), at most kMaxTypePrefixes; nullopt: every type.
    std::optional<std::vector<std::string>> type_prefixes;
};

namespace events {

// The most type prefixes a feed query takes: at least as many families as a role other than a global admin (who
// reads every type, without prefixes) may read (domain::readable_event_families; a test keeps it so).
inline constexpr std::size_t kMaxTypePrefixes = 16;

void insert_event(store::Transaction& tx, const EventRow& event);
// The id of the newest event, 0 when there is none: the check index's cursor at load, where a new webhook
// endpoint starts, the usage seed's mark.
std::int64_t newest_event_id(store::Transaction& tx);
// An events row selected as SK_EVENT_COLUMNS (data/rows.hpp) lists its columns.
EventRow event_from_row(const store::Row& r);  // its id is the database's; event.id is unused
// The account's events that match `query`, in id order. Throws store::Failure (Internal) for more than
// kMaxTypePrefixes type prefixes.
std::vector<EventRow> feed(store::Transaction& tx, const AccountScope& account, const FeedQuery& query);

}  // namespace events
}  // namespace seatkeeper::data
