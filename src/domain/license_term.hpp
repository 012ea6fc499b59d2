// A license's term and status (API.md "License terms, suspension, site licenses, trials"; issue 14): when a
// deal's licenses for a plan are in force. Pure functions over plain values; no I/O, no clock (callers pass
// "today").
//
// Dates are UTC calendar days, counted from 1970-01-01 (day 0). A term runs from `start` to `end`, both
// inclusive, then `grace_days` more days of grace. The status on a day, first matching row wins:
//
//   suspended by the publisher                        → suspended   (not in force)
//   no term                                           → active      (in force: a license without an end)
//   today < start                                     → pending     (not in force)
//   today ≤ end                                       → active      (in force)
//   today ≤ end + grace_days                          → grace       (in force)
//   otherwise                                         → expired     (not in force)
//
// Nothing assigned depends on the status: seats outlive an expiry or a suspension, and a renewal or a
// reinstatement brings them back.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/status.hpp"

namespace seatkeeper::domain {

// Days since 1970-01-01, UTC.
using Day = std::int32_t;

// "YYYY-MM-DD" (years 2000–9999, a real calendar date) → its day; nullopt otherwise.
std::optional<Day> parse_day(std::string_view text);
std::string format_day(Day day);
// The UTC day a moment falls on.
Day day_of(Millis t);
// The first millisecond of a day.
Millis start_of(Day day);

inline constexpr std::int32_t kMaxGraceDays = 365;

struct LicenseTerm {
    Day start = 0;
    Day end = 0;  // inclusive
    std::int32_t grace_days = 0;
    friend bool operator==(const LicenseTerm&, const LicenseTerm&) = default;
};

// Ok, or Invalid naming the field: `term.end_date` before `term.start_date` (rule "date_order"), grace days
// outside 0–kMaxGraceDays (rule "range").
Status validate_term(const LicenseTerm& term);

enum class LicenseStatus : std::uint8_t { kPending, kActive, kGrace, kExpired, kSuspended };
std::string_view to_string(LicenseStatus status);
std::optional<LicenseStatus> parse_license_status(std::string_view text);

LicenseStatus license_status(const std::optional<LicenseTerm>& term, bool suspended, Day today);
// Active or in grace: the license counts towards its pool and its seats are licensed.
constexpr bool in_force(LicenseStatus status) {
    return status == LicenseStatus::kActive || status == LicenseStatus::kGrace;
}
// The last day the license is in force by its term (end + grace); nullopt without a term (no end).
std::optional<Day> last_day_in_force(const std::optional<LicenseTerm>& term);

// Several licenses (deals) may feed one tenant's pool of a service ID. The pool's status: active if one is,
// else in grace if one is, else suspended if one is (reinstating it is what restores access), else pending if
// one is (access comes by itself), else expired. An empty pool is expired.
LicenseStatus pool_status(std::span<const LicenseStatus> statuses);

// The first day after `today` on which the status by the term alone changes (start, end + 1, end + grace + 1);
// nullopt when it never changes again. What the transition job and the check index wait for.
std::optional<Day> next_change(const std::optional<LicenseTerm>& term, Day today);

}  // namespace seatkeeper::domain
