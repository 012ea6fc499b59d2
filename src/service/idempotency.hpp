// Idempotency-Key for POST requests (DESIGN.md "Interfaces"), as Stripe and the Azure SaaS APIs do it: the
// first request with a key runs and its answer is kept for 24 hours; a retry with the same key and the same
// request gets that answer again without running twice; the same key with another request is refused; a retry
// while the first is still running gets 409, and one after the first's process died runs again.
//
// Keys are scoped to the caller (a user, an API key, or an anonymous client address), so callers cannot see
// each other's answers.
#pragma once

#include <optional>
#include <string>

#include "service/context.hpp"

namespace seatkeeper::service {

struct StoredAnswer {
    int status = 0;
    std::string content_type;
    std::string body;
    std::string location;
};

inline constexpr std::size_t kMaxIdempotencyKeyLength = 255;
// How long a claimed key counts as still running. No request runs this long (bodies are read before the claim,
// database waits are bounded), so an older claim without an answer belongs to a process that crashed.
inline constexpr Millis kIdempotencyLeaseMs = 60LL * 1000;

// Claims `key` for this request. Returns the stored answer to replay, nullopt when the caller should run
// the request (and then call finish_idempotent), or Conflict/Invalid as described above. A claim older than
// kIdempotencyLeaseMs without an answer is taken over.
Result<std::optional<StoredAnswer>> begin_idempotent(Services& services, const std::string& scope,
                                                     const std::string& key, const std::string& request_hash);
// Stores the answer (2xx–4xx); a 5xx answer releases the key so that a retry runs again.
Status finish_idempotent(Services& services, const std::string& scope, const std::string& key,
                         const StoredAnswer& answer);

}  // namespace seatkeeper::service
