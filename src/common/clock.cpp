#include "common/clock.hpp"

#include <chrono>
#include <cstdio>

namespace seatkeeper {

Millis now_millis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string format_rfc3339(Millis t) {
    using namespace std::chrono;
    const sys_time<milliseconds> tp{milliseconds{t}};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{tp - day};
    char buf[32];  // NOLINT(modernize-avoid-c-arrays)
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buf;
}

std::optional<Millis> parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    int y = 0;
    unsigned mo = 0;
    unsigned d = 0;
    int h = 0;
    int mi = 0;
    int s = 0;
    const std::string owned(text);
    int consumed = 0;
    if (text.size() == 10) {
        if (std::sscanf(owned.c_str(), "%4d-%2u-%2u%n", &y, &mo, &d, &consumed) != 3 || consumed != 10) {
            return std::nullopt;
        }
    } else if (std::sscanf(owned.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6 ||
               !(owned.substr(static_cast<std::size_t>(consumed)) == "Z" ||
                 (owned[static_cast<std::size_t>(consumed)] == '.' && owned.back() == 'Z'))) {
        return std::nullopt;
    }
    const year_month_day ymd{year{y}, month{mo}, day{d}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60 || h < 0 || mi < 0 || s < 0) return std::nullopt;
    const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
    return duration_cast<milliseconds>(tp.time_since_epoch()).count();
}

}  // namespace seatkeeper
