#include "common/clock.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace seatkeeper {

namespace {
// The number written in text[pos, pos + n), when every character there is an ASCII digit.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t n) {
    if (pos + n > text.size()) return std::nullopt;
    int value = 0;
    for (const char c : text.substr(pos, n)) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}
}  // namespace

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
    char buf[64];  // NOLINT(modernize-avoid-c-arrays): room for any value GCC -O3 can prove, not just real dates
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()), static_cast<long>(hms.subseconds().count()));
    return buf;
}

std::optional<Millis> parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    const auto y = digits(text, 0, 4);
    const auto mo = digits(text, 5, 2);
    const auto d = digits(text, 8, 2);
    if (!y || !mo || !d || text[4] != '-' || text[7] != '-') return std::nullopt;
    const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    milliseconds time_of_day{0};
    if (text.size() > 10) {
        const auto h = digits(text, 11, 2);
        const auto mi = digits(text, 14, 2);
        const auto s = digits(text, 17, 2);
        if (text[10] != 'T' || !h || !mi || !s || text[13] != ':' || text[16] != ':' || text.back() != 'Z' || *h > 23 ||
            *mi > 59 || *s > 60) {
            return std::nullopt;
        }
        // Between the seconds and the 'Z': nothing, or '.' and 1 to 9 digits of which milliseconds are kept.
        const std::string_view fraction = text.substr(19, text.size() - 20);
        int ms = 0;
        if (!fraction.empty()) {
            const std::size_t n = fraction.size() - 1;
            if (fraction[0] != '.' || n < 1 || n > 9 || !digits(fraction, 1, n)) return std::nullopt;
            ms = *digits(fraction, 1, std::min<std::size_t>(n, 3));
            for (std::size_t i = n; i < 3; ++i) ms *= 10;
        }
        time_of_day = hours{*h} + minutes{*mi} + seconds{*s} + milliseconds{ms};
    }
    return (sys_days{ymd} + time_of_day).time_since_epoch().count();
}

}  // namespace seatkeeper
