#include "domain/license_term.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

namespace seatkeeper::domain {

namespace {

constexpr Millis kMillisPerDay = 86'400'000;

bool digits(std::string_view text, std::size_t from, std::size_t count, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

std::optional<Day> parse_day(std::string_view text) {
    int year = 0;
    int month = 0;
    int day = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, year) ||
        !digits(text, 5, 2, month) || !digits(text, 8, 2, day) || year < 2000) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    return static_cast<Day>(std::chrono::sys_days{date}.time_since_epoch().count());
}

std::string format_day(Day day) {
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
    std::array<char, 16> out{};
    const int n = std::snprintf(out.data(), out.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return {out.data(), static_cast<std::size_t>(n)};
}

Day day_of(Millis t) {
    // Floor division: a moment before the epoch falls on a negative day.
    return static_cast<Day>(t >= 0 ? t / kMillisPerDay : -((-t - 1) / kMillisPerDay) - 1);
}

Millis start_of(Day day) { return Millis{day} * kMillisPerDay; }

Status validate_term(const LicenseTerm& term) {
    if (term.end < term.start) {
        return Status::Invalid(
            "term.end_date", "date_order",
            "term.end_date (" + format_day(term.end) + ") is before term.start_date (" + format_day(term.start) + ")");
    }
    if (term.grace_days < 0 || term.grace_days > kMaxGraceDays) {
        return Status::Invalid("term.grace_days", "range",
                               "term.grace_days must be between 0 and " + std::to_string(kMaxGraceDays));
    }
    return Status::Ok();
}

std::string_view to_string(LicenseStatus status) {
    switch (status) {
        case LicenseStatus::kPending:
            return "pending";
        case LicenseStatus::kActive:
            return "active";
        case LicenseStatus::kGrace:
            return "grace";
        case LicenseStatus::kExpired:
            return "expired";
        case LicenseStatus::kSuspended:
            return "suspended";
    }
    return "active";
}

std::optional<LicenseStatus> parse_license_status(std::string_view text) {
    for (const LicenseStatus s : {LicenseStatus::kPending, LicenseStatus::kActive, LicenseStatus::kGrace,
                                  LicenseStatus::kExpired, LicenseStatus::kSuspended}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

LicenseStatus license_status(const std::optional<LicenseTerm>& term, bool suspended, Day today) {
    if (suspended) return LicenseStatus::kSuspended;
    if (!term) return LicenseStatus::kActive;
    if (today < term->start) return LicenseStatus::kPending;
    if (today <= term->end) return LicenseStatus::kActive;
    if (today <= term->end + term->grace_days) return LicenseStatus::kGrace;
    return LicenseStatus::kExpired;
}

LicenseStatus pool_status(std::span<const LicenseStatus> statuses) {
    for (const LicenseStatus wanted :
         {LicenseStatus::kActive, LicenseStatus::kGrace, LicenseStatus::kSuspended, LicenseStatus::kPending}) {
        if (std::find(statuses.begin(), statuses.end(), wanted) != statuses.end()) return wanted;
    }
    return LicenseStatus::kExpired;
}

std::optional<Day> last_day_in_force(const std::optional<LicenseTerm>& term) {
    if (!term) return std::nullopt;
    return term->end + term->grace_days;
}

std::optional<Day> next_change(const std::optional<LicenseTerm>& term, Day today) {
    if (!term) return std::nullopt;
    for (const Day boundary : {term->start, term->end + 1, term->end + term->grace_days + 1}) {
        if (boundary > today) return boundary;
    }
    return std::nullopt;
}

}  // namespace seatkeeper::domain
