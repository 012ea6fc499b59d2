// Idempotency-Key for POST requests (DESIGN.md "Interfaces"), as Stripe and the Azure SaaS APIs do it: the
// first request with a key runs and its answer is kept for 24 hours; a retry with the same key and the same
// request gets that answer again without running twice; the same key with another request is refused.
//
// The answer is recorded in the transaction of the change it answers: run_idempotent runs the request in ONE
// write transaction (store::TxMode::kDeferredWrite), in which the request's own use cases run as savepoints
// (store.hpp "Nesting"), and inserts the answer there before the one commit. So a change is never committed
// without its answer, nor an answer without its change, and a process that dies mid-request leaves nothing
// behind: the database rolls its transaction back, and a retry runs again. A retry while the first request is
// still running waits for the writers' lock at its first write, then finds the first answer and replays it
// (its own work rolled back). The previous release claimed the key in a transaction of its own and answered in
// a third, with a 60-second lease for claims whose process died (issue 11, finding 11); none of that is needed
// now.
//
// The cost: from the request's first write to its commit, every other writer of every node waits, as it does for
// any write transaction, but now for the whole request rather than one use case. So the transaction begins at
// the first write, not when the request starts: what a use case does before it writes holds up no other writer
// — the argon2id hash of POST /api/v1/users and the DNS lookup of POST /api/v1/tenant/domains/{domain}/verify,
// the two slow POSTs that take a key (sign-ins and password changes take none: Route::signs_in; package uploads
// are PUTs; fetching a package URL and sending mail are jobs). A use case must not fetch, resolve or hash after
// its first write; none does (each reads, does its slow work, then writes in one in_transaction).
//
// Keys are scoped to the caller (a user, an API key, or an anonymous client address), so callers cannot see
// each other's answers.
//
// Thread-safety: run_idempotent runs `run` on the calling thread, inside the transaction it opened there.
#pragma once

#include <functional>
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

struct IdempotentRequest {
    std::string scope;         // whose key: "user:<id>", "key:<id>", "anonymous:<address>"
    std::string key;           // the Idempotency-Key header
    std::string request_hash;  // of method, target and body: the same key for another request is refused
};

// Runs `run` once for `request`, in one write transaction with the record of its answer, and says what to send:
//   - nullopt: send the answer `run` gave. A 2xx–4xx one was committed with its change and what `run` returned
//     (the answer as it may be stored: secrets already removed) was recorded; a 5xx one was rolled back with its
//     change and not recorded, so a retry runs again;
//   - a StoredAnswer: replay it; `run` did not run, or ran and was rolled back because a request with the same
//     key answered first;
//   - a failed status: Invalid for a malformed key or one used for another request (`run` did not run), or the
//     commit failed (the change is not there either).
Result<std::optional<StoredAnswer>> run_idempotent(Services& services, const IdempotentRequest& request,
                                                   const std::function<StoredAnswer()>& run);

}  // namespace seatkeeper::service
