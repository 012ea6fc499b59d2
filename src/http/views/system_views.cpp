#include "http/views/system_views.hpp"

#include <string>

#include "common/clock.hpp"

namespace seatkeeper::http::views {

namespace {

// The stored payload text as JSON: what was written, or null for a row whose payload cannot be read.
boost::json::value payload_json(const std::string& text) {
    boost::system::error_code ec;
    boost::json::value payload = boost::json::parse(text, ec);
    return ec ? boost::json::value(nullptr) : payload;
}

}  // namespace

boost::json::object event_json(const data::EventRow& e) {
    const auto or_null = [](const std::string& s) {
        return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
    };
    return {{"id", std::to_string(e.id)},
            {"created_at", format_rfc3339(e.created_at)},
            {"actor", e.actor},
            {"publisher_id", or_null(e.publisher_id)},
            {"tenant_id", or_null(e.tenant_id)},
            {"type", e.type},
            {"subject", e.subject},
            {"payload", payload_json(e.payload)}};
}

boost::json::object mail_json(const data::MailRow& m) {
    const auto optional_time = [](const std::optional<Millis>& t) -> boost::json::value {
        return t ? boost::json::value(format_rfc3339(*t)) : nullptr;
    };
    return {{"id", m.id},
            {"to", m.to},
            {"subject", m.subject},
            {"state", m.state},
            {"attempts", m.attempts},
            {"last_error", m.last_error ? boost::json::value(*m.last_error) : nullptr},
            {"created_at", format_rfc3339(m.created_at)},
            {"sent_at", optional_time(m.sent_at)}};
}

}  // namespace seatkeeper::http::views
