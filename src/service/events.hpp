// The events spine: every change appends one row in the transaction that makes it. The same rows are the
// audit log and the change feed (GET /api/v1/events), scoped to a publisher, a tenant, or both.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "data/events.hpp"
#include "domain/events.hpp"
#include "service/context.hpp"

namespace seatkeeper::service {

// Appends `event` in the caller's transaction: the one place an event is serialised (domain::payload_json).
// `publisher_id` is the publisher that sees it (empty for tenant-only events); `actor` who made the change.
void append_event(store::Transaction& tx, const std::string& actor, const std::string& publisher_id,
                  const domain::Event& event);

struct EventQuery {
    std::int64_t after = 0;
    std::size_t limit = 100;
    std::string subject;  // e.g. "offers/crm": that offer and its plans (one offer's audit log)
};

// The feed's rows as stored (data::EventRow: the payload as the text written, so that the feed shows every row
// exactly as written; domain::parse_event reads one back as a typed event).
Result<std::vector<data::EventRow>> list_events(Services& services, const Principal& principal,
                                                const EventQuery& query);

}  // namespace seatkeeper::service
