// Structured logs: one JSON object per line on stderr ({"ts","level","msg", ...fields}), through spdlog.
// Secrets never go in: callers pass ids, not keys, cookies or passwords.
//
// Thread-safety: spdlog's default logger is thread-safe.
#pragma once

#include <boost/json.hpp>
#include <string_view>

namespace seatkeeper::log {

void init(std::string_view level);  // "debug", "info", "warn", "error", "off"
// Whether info lines are written: callers on a hot path ask first, so that they build no fields for nothing.
[[nodiscard]] bool info_enabled();
void debug(std::string_view msg, boost::json::object fields = {});
void info(std::string_view msg, boost::json::object fields = {});
void warn(std::string_view msg, boost::json::object fields = {});
void error(std::string_view msg, boost::json::object fields = {});

}  // namespace seatkeeper::log
