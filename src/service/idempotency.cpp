#include "service/idempotency.hpp"

#include "data/idempotency.hpp"

namespace seatkeeper::service {

namespace {

constexpr Millis kKeepMs = 24LL * 3600 * 1000;

// The answer recorded for `request`'s key; Invalid when the key was used for another request.
Result<std::optional<StoredAnswer>> recorded(store::Transaction& tx, const IdempotentRequest& request) {
    const auto row = data::idempotency::find_answer(tx, request.scope, request.key, now_millis() - kKeepMs);
    if (!row) return std::optional<StoredAnswer>{};
    if (row->request_hash != request.request_hash) {
        return Status::Invalid("Idempotency-Key", "idempotency_key_reused",
                               "this Idempotency-Key was used for a different request");
    }
    return std::optional<StoredAnswer>(
        StoredAnswer{static_cast<int>(row->status), row->content_type, row->body, row->location});
}

}  // namespace

Result<std::optional<StoredAnswer>> run_idempotent(Services& services, const IdempotentRequest& request,
                                                   const std::function<StoredAnswer()>& run) {
    if (request.key.empty() || request.key.size() > kMaxIdempotencyKeyLength) {
        return Status::Invalid(
            "Idempotency-Key", "max_length",
            "Idempotency-Key must be 1 to " + std::to_string(kMaxIdempotencyKeyLength) + " characters");
    }
    // A retry of an answered request is the common case: found without the writers' lock.
    SK_ASSIGN_OR_RETURN(std::optional<StoredAnswer> earlier,
                        store::in_transaction(services.store(), store::TxMode::kRead,
                                              [&](store::Transaction& tx) { return recorded(tx, request); }));
    if (earlier) return earlier;

    // Why the transaction is rolled back although nothing failed: the answer is a 5xx, or another one came first.
    enum class Undone { kNo, kServerError, kAnsweredMeanwhile };
    Undone undone = Undone::kNo;
    const Status committed =
        store::in_transaction(services.store(), store::TxMode::kDeferredWrite, [&](store::Transaction& tx) -> Status {
            const StoredAnswer answer = run();
            if (answer.status >= 500) {
                undone = Undone::kServerError;
                return Status::Unavailable("rolled back: the request failed");
            }
            // Under the writers' lock from here on (this begins the transaction if `run` wrote nothing), so no
            // other request with this key can come in between the look and the insert.
            SK_ASSIGN_OR_RETURN(earlier, recorded(tx, request));
            if (earlier) {
                undone = Undone::kAnsweredMeanwhile;
                return Status::Unavailable("rolled back: a request with this key answered first");
            }
            const Millis now = now_millis();
            // Expired answers go, this key's among them if it had one (recorded() did not count it).
            data::idempotency::delete_answers_before(tx, now - kKeepMs);
            data::idempotency::insert_answer(
                tx, request.scope, request.key,
                {request.request_hash, answer.status, answer.content_type, answer.body, answer.location}, now);
            return Status::Ok();
        });
    switch (undone) {
        case Undone::kServerError:
            return std::optional<StoredAnswer>{};
        case Undone::kAnsweredMeanwhile:
            return earlier;
        case Undone::kNo:
            break;
    }
    if (!committed.ok()) return committed;
    return std::optional<StoredAnswer>{};
}

}  // namespace seatkeeper::service
