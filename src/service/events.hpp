// The events spine: every change appends one row in the transaction that makes it. The same rows are the
// audit log and the change feed (GET /api/v1/events), scoped to a publisher, a tenant, or both.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"

namespace seatkeeper::service {

struct NewEvent {
    std::string type;           // "offer.created", "offer.state_changed", "plan.updated", ...
    std::string subject;        // "offers/crm", "offers/crm/plans/basic", "api_keys/<id>", "users/<id>"
    boost::json::value before;  // null when created
    boost::json::value after;   // null when deleted
    std::string tenant_id{};    // set for changes a tenant sees too (consent, licenses, seats, installations)
};

void append_event(store::Transaction& tx, const std::string& actor, const std::string& publisher_id,
                  const NewEvent& event);

struct EventRecord {
    std::int64_t id = 0;
    Millis created_at = 0;
    std::string actor;
    std::string publisher_id;
    std::string type;
    std::string subject;
    boost::json::value payload;
    std::string tenant_id{};
};

struct EventQuery {
    std::int64_t after = 0;
    std::size_t limit = 100;
    std::string subject;  // e.g. "offers/crm": that offer and its plans (one offer's audit log)
};

Result<std::vector<EventRecord>> list_events(Services& services, const Principal& principal, const EventQuery& query);

}  // namespace seatkeeper::service
