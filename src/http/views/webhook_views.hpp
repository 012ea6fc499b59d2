// JSON views of webhooks (issue 15): endpoints, deliveries and the event types. See account_views.hpp for the
// rules every view follows.
#pragma once

#include <boost/json.hpp>

#include "service/webhooks.hpp"

namespace seatkeeper::http::views {

// An endpoint: {id, url, description, events, enabled, disabled_reason, consecutive_failures,
// previous_secret_expires_at, created_at, updated_at, publisher_id | tenant_id, secret?}; `secret` only in the
// answers that made it (create, rotate-secret).
boost::json::object webhook_json(const service::Webhook& w);
// A delivery: {id, event_id, event_type, subject, status, attempts, last_status_code, last_error,
// last_attempt_at, next_attempt_at, created_at}.
boost::json::object webhook_delivery_json(const service::WebhookDelivery& d);
// GET /event-types: {items: [{type, family, payload_schema_name, payload_schema}]}.
boost::json::object event_types_json(const std::vector<service::EventTypeEntry>& types);

}  // namespace seatkeeper::http::views
