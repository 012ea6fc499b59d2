#include "service/idempotency.hpp"

namespace seatkeeper::service {

namespace {
constexpr Millis kKeepMs = 24LL * 3600 * 1000;
}  // namespace

Result<std::optional<StoredAnswer>> begin_idempotent(Services& services, const std::string& scope,
                                                     const std::string& key, const std::string& request_hash) {
    if (key.empty() || key.size() > kMaxIdempotencyKeyLength) {
        return Status::Invalid(
            "Idempotency-Key", "max_length",
            "Idempotency-Key must be 1 to " + std::to_string(kMaxIdempotencyKeyLength) + " characters");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<std::optional<StoredAnswer>> {
            const Millis now = now_millis();
            tx.execute("DELETE FROM idempotency_keys WHERE created_at < ?", {now - kKeepMs});
            const auto row = tx.query_one(
                "SELECT request_hash, status, content_type, body, location, created_at FROM idempotency_keys "
                "WHERE scope = ? AND key = ?",
                {scope, key});
            if (!row) {
                tx.execute("INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?, ?, ?, ?)",
                           {scope, key, request_hash, now});
                return std::optional<StoredAnswer>{};
            }
            if (row->text(0) != request_hash) {
                return Status::Invalid("Idempotency-Key", "idempotency_key_reused",
                                       "this Idempotency-Key was used for a different request");
            }
            if (row->is_null(1) && row->integer(5) < now - kIdempotencyLeaseMs) {
                // Claimed by a process that died before it answered (issue 11, finding 11): the claim has
                // lapsed, so this retry takes it over and runs. A change that did commit before the crash is
                // then found by the request itself (a create answers 409 already_exists, a PUT is the same).
                // Conditional, so that of two retries racing for it only one takes it over.
                const std::int64_t taken = tx.execute(
                    "UPDATE idempotency_keys SET created_at = ? "
                    "WHERE scope = ? AND key = ? AND status IS NULL AND created_at = ?",
                    {now, scope, key, row->integer(5)});
                if (taken == 1) return std::optional<StoredAnswer>{};
            }
            if (row->is_null(1)) {
                return Status::Conflict("idempotency_key_in_progress",
                                        "a request with this Idempotency-Key is still running; retry shortly");
            }
            return std::optional<StoredAnswer>(
                StoredAnswer{static_cast<int>(row->integer(1)), row->text(2), row->text(3), row->text(4)});
        });
}

Status finish_idempotent(Services& services, const std::string& scope, const std::string& key,
                         const StoredAnswer& answer) {
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
        if (answer.status >= 500) {
            tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ?", {scope, key});
        } else {
            tx.execute(
                "UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?, location = ? "
                "WHERE scope = ? AND key = ?",
                {std::int64_t{answer.status}, answer.content_type, answer.body, answer.location, scope, key});
        }
        return Status::Ok();
    });
}

}  // namespace seatkeeper::service
