#include "domain/webhooks.hpp"

#include <algorithm>
#include <set>

#include "common/crypto.hpp"
#include "domain/events.hpp"

namespace seatkeeper::domain {

namespace {
constexpr double kJitter = 0.2;  // ±20 %
}  // namespace

bool pattern_matches(std::string_view pattern, std::string_view event_type) {
    if (pattern == "*") return true;
    if (pattern.ends_with(".*")) {
        const std::string_view family = pattern.substr(0, pattern.size() - 1);  // "seat."
        return event_type.starts_with(family);
    }
    return pattern == event_type;
}

bool any_pattern_matches(std::span<const std::string> patterns, std::string_view event_type) {
    return std::ranges::any_of(patterns, [&](const std::string& p) { return pattern_matches(p, event_type); });
}

Status validate_event_patterns(std::span<const std::string> patterns) {
    if (patterns.empty()) {
        return Status::Invalid("events", "required",
                               R"(Name at least one event type, a family such as "seat.*", or "*" for all)");
    }
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const std::string& p = patterns[i];
        const std::string field = "events[" + std::to_string(i) + "]";
        bool known = p == "*" || parse_event_type(p).has_value();
        if (!known && p.ends_with(".*")) {
            const std::string_view family = std::string_view(p).substr(0, p.size() - 2);
            known =
                std::ranges::any_of(kEventTypes, [&](const EventTypeInfo& t) { return to_string(t.family) == family; });
        }
        if (!known) {
            return Status::Invalid(field, "unknown_event_type",
                                   "\"" + p +
                                       "\" is no event type; GET /api/v1/event-types lists them (or use "
                                       "\"family.*\" or \"*\")");
        }
        if (!seen.insert(p).second) return Status::Invalid(field, "duplicate", "\"" + p + "\" is named twice");
    }
    return Status::Ok();
}

std::string webhook_signature(std::int64_t unix_seconds, std::string_view body, std::span<const std::string> secrets) {
    const std::string t = std::to_string(unix_seconds);
    std::string signed_text = t;
    signed_text += '.';
    signed_text += body;
    std::string header = "t=" + t;
    for (const std::string& secret : secrets) header += ",v1=" + crypto::hmac_sha256_hex(secret, signed_text);
    return header;
}

Millis webhook_retry_delay(std::int64_t attempts, Millis first_delay_ms, Millis max_delay_ms, double jitter_unit) {
    Millis delay = std::max<Millis>(first_delay_ms, 1);
    for (std::int64_t i = 1; i < attempts && delay < max_delay_ms; ++i) delay *= 2;
    delay = std::min(delay, std::max(max_delay_ms, Millis{1}));
    const double spread = (std::clamp(jitter_unit, 0.0, 1.0) * 2.0 - 1.0) * kJitter;  // −20 % … +20 %
    return std::max<Millis>(1, delay + static_cast<Millis>(static_cast<double>(delay) * spread));
}

}  // namespace seatkeeper::domain
