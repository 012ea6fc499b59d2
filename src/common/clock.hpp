// Time as the rest of the code sees it: milliseconds since the Unix epoch, and RFC 3339 text for clients.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seatkeeper {

using Millis = std::int64_t;

Millis now_millis();
// "2026-11-25T19:58:14.123Z"
std::string format_rfc3339(Millis t);
// Accepts "YYYY-MM-DD" (midnight UTC) and "YYYY-MM-DDTHH:MM:SS[.fff]Z".
std::optional<Millis> parse_rfc3339(std::string_view text);

}  // namespace seatkeeper
