#include "http/views/webhook_views.hpp"

#include "common/clock.hpp"
#include "common/log.hpp"
#include "http/event_schemas.hpp"
#include "http/views/account_views.hpp"

namespace seatkeeper::http::views {

namespace {

boost::json::value time_or_null(const std::optional<Millis>& t) {
    return t ? boost::json::value(format_rfc3339(*t)) : boost::json::value(nullptr);
}

// The compiled-in payload schemas (http/event_schemas.hpp), parsed once.
const boost::json::object& payload_schemas() {
    static const boost::json::object kSchemas = [] {
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(event_payload_schemas_json(), ec);
        if (ec || !v.is_object()) {
            log::error("the compiled-in event payload schemas are not a JSON object", {});
            return boost::json::object{};
        }
        return std::move(v.as_object());
    }();
    return kSchemas;
}

}  // namespace

boost::json::object webhook_json(const service::Webhook& w) {
    boost::json::array events;
    for (const auto& e : w.events) events.emplace_back(e);
    boost::json::object o{{"id", w.id},
                          {"url", w.url},
                          {"description", w.description},
                          {"events", std::move(events)},
                          {"enabled", w.enabled},
                          {"disabled_reason", w.disabled_reason ? boost::json::value(*w.disabled_reason) : nullptr},
                          {"consecutive_failures", w.consecutive_failures},
                          {"previous_secret_expires_at", time_or_null(w.previous_secret_expires_at)},
                          {"created_at", format_rfc3339(w.created_at)},
                          {"updated_at", format_rfc3339(w.updated_at)}};
    put_account(o, w.publisher_id, w.tenant_id);
    if (w.secret) o["secret"] = *w.secret;
    return o;
}

boost::json::object webhook_delivery_json(const service::WebhookDelivery& d) {
    return {{"id", service::delivery_id_text(d.id)},
            {"event_id", std::to_string(d.event_id)},
            {"event_type", d.event_type},
            {"subject", d.subject},
            {"status", d.status},
            {"attempts", d.attempts},
            {"last_status_code", d.last_status_code ? boost::json::value(*d.last_status_code) : nullptr},
            {"last_error", d.last_error ? boost::json::value(*d.last_error) : nullptr},
            {"last_attempt_at", time_or_null(d.last_attempt_at)},
            {"next_attempt_at",
             time_or_null(d.status == "pending" || d.status == "failed" ? d.next_attempt_at : std::nullopt)},
            {"created_at", format_rfc3339(d.created_at)}};
}

boost::json::object event_types_json(const std::vector<service::EventTypeEntry>& types) {
    boost::json::array items;
    const auto& schemas = payload_schemas();
    for (const auto& t : types) {
        const auto* schema = schemas.if_contains(t.payload);
        items.push_back(
            boost::json::object{{"type", t.type},
                                {"family", t.family},
                                {"payload_schema_name", t.payload},
                                {"payload_schema", schema != nullptr ? *schema : boost::json::value(nullptr)}});
    }
    return {{"items", std::move(items)}};
}

}  // namespace seatkeeper::http::views
