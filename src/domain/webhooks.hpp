// Webhooks' pure rules (issue 15, API.md "Webhooks and the event contract"): which events an endpoint's patterns
// select, how a delivery is signed, and when a failed one is tried again.
//
// Pure values and functions; no I/O (the HMAC is libsodium's, through common/crypto). Thread-safety: plain
// functions of their arguments.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/status.hpp"

namespace seatkeeper::domain {

// An endpoint's `events`: each an event type ("license.granted"), a family's `<family>.*` ("seat.*"), or `*`.
// Invalid naming `events[i]` (rule `unknown_event_type`) for anything else, `events` (`required`) when empty,
// `duplicate` when one is named twice.
Status validate_event_patterns(std::span<const std::string> patterns);
bool pattern_matches(std::string_view pattern, std::string_view event_type);
bool any_pattern_matches(std::span<const std::string> patterns, std::string_view event_type);

// The `Seatkeeper-Signature` header of a delivery sent at `unix_seconds` with `body`: `t=<unix>,v1=<hex>` with
// one v1 per secret (the current one first; during a rotation's grace the previous one too), each
// HMAC-SHA256(secret, "<t>.<body>").
std::string webhook_signature(std::int64_t unix_seconds, std::string_view body, std::span<const std::string> secrets);

// How long after the `attempts`-th failed attempt (1 or more) the next one is made: `first_delay_ms` doubling,
// capped at `max_delay_ms`, then spread by up to ±`jitter` of itself (0 ≤ jitter_unit < 1 picks where; the
// caller passes a random number) so that endpoints that failed together are not all retried at once.
Millis webhook_retry_delay(std::int64_t attempts, Millis first_delay_ms, Millis max_delay_ms, double jitter_unit);

}  // namespace seatkeeper::domain
