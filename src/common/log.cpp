#include "common/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "common/clock.hpp"

namespace seatkeeper::log {

namespace {
void write(spdlog::level::level_enum level, std::string_view msg, boost::json::object fields) {
    if (!spdlog::should_log(level)) return;
    boost::json::object line;
    line["ts"] = format_rfc3339(now_millis());
    line["level"] = spdlog::level::to_string_view(level).data();
    line["msg"] = msg;
    for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
    spdlog::log(level, "{}", boost::json::serialize(line));
}
}  // namespace

void init(std::string_view level) {
    auto logger = spdlog::get("seatkeeper");
    if (!logger) logger = spdlog::stderr_logger_mt("seatkeeper");
    logger->set_pattern("%v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(std::string(level)));
}

bool info_enabled() { return spdlog::should_log(spdlog::level::info); }

void debug(std::string_view msg, boost::json::object fields) { write(spdlog::level::debug, msg, std::move(fields)); }
void info(std::string_view msg, boost::json::object fields) { write(spdlog::level::info, msg, std::move(fields)); }
void warn(std::string_view msg, boost::json::object fields) { write(spdlog::level::warn, msg, std::move(fields)); }
void error(std::string_view msg, boost::json::object fields) { write(spdlog::level::err, msg, std::move(fields)); }

}  // namespace seatkeeper::log
