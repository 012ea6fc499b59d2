#include "http/inputs/webhook_inputs.hpp"

#include <charconv>

#include "common/json.hpp"
#include "domain/limits.hpp"

namespace seatkeeper::http::inputs {

using namespace seatkeeper::domain;

Result<service::NewWebhook> parse_new_webhook(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"url", "events", "description"}));
    service::NewWebhook input;
    SK_ASSIGN_OR_RETURN(input.url, f.required_string("url", kMaxWebhookUrlLength));
    SK_ASSIGN_OR_RETURN(auto events, f.optional_string_list("events", kMaxWebhookEvents, kMaxWebhookEventLength));
    if (!events) return Status::Invalid("events", "required", R"(events is required: event types, "family.*" or "*")");
    input.events = *std::move(events);
    SK_ASSIGN_OR_RETURN(auto description, f.optional_string("description", kMaxWebhookDescriptionLength));
    input.description = description.value_or("");
    return input;
}

Result<service::WebhookChange> parse_webhook_change(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"url", "events", "description", "enabled"}));
    service::WebhookChange change;
    SK_ASSIGN_OR_RETURN(change.url, f.optional_string("url", kMaxWebhookUrlLength));
    SK_ASSIGN_OR_RETURN(change.events, f.optional_string_list("events", kMaxWebhookEvents, kMaxWebhookEventLength));
    SK_ASSIGN_OR_RETURN(change.description, f.optional_string("description", kMaxWebhookDescriptionLength));
    SK_ASSIGN_OR_RETURN(change.enabled, f.optional_bool("enabled"));
    return change;
}

Result<std::int64_t> parse_replay(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"after"}));
    const auto* after = body.if_contains("after");
    if (after == nullptr || after->is_null()) {
        return Status::Invalid("after", "required",
                               "after is required: the event id to replay after (0: from the start)");
    }
    if (after->is_int64() && after->as_int64() >= 0) return after->as_int64();
    if (after->is_uint64() && after->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(after->as_uint64());
    }
    if (after->is_string()) {
        const auto& text = after->as_string();
        std::int64_t id = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec == std::errc() && ptr == text.data() + text.size() && id >= 0 && !text.empty()) return id;
    }
    return Status::Invalid("after", "type", "after must be an event id: a whole number of 0 or more");
}

}  // namespace seatkeeper::http::inputs
