// Request bodies of the webhook routes (issue 15), read into the inputs of service/webhooks.hpp. See
// account_inputs.hpp for what a parser does.
#pragma once

#include <boost/json.hpp>
#include <cstdint>

#include "common/status.hpp"
#include "service/webhooks.hpp"

namespace seatkeeper::http::inputs {

// POST /webhooks: {url, events, description?}.
Result<service::NewWebhook> parse_new_webhook(const boost::json::object& body);
// PATCH /webhooks/{id}: {url?, events?, description?, enabled?}.
Result<service::WebhookChange> parse_webhook_change(const boost::json::object& body);
// POST /webhooks/{id}/replay: {after} (an event id, as the feed gives it: a number or its text).
Result<std::int64_t> parse_replay(const boost::json::object& body);

}  // namespace seatkeeper::http::inputs
