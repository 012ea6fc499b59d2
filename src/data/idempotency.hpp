// The idempotency repository: the answers kept for Idempotency-Keys (`idempotency_keys`, service/idempotency.hpp).
// See data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

// The answer recorded for a key, and the hash of the request it answered.
struct IdempotentAnswerRow {
    std::string request_hash;
    std::int64_t status = 0;
    std::string content_type;
    std::string body;
    std::string location;
};

namespace idempotency {

// The answer recorded for the caller's key at `since` or later.
std::optional<IdempotentAnswerRow> find_answer(store::Transaction& tx, const std::string& scope, const std::string& key,
                                               Millis since);
void insert_answer(store::Transaction& tx, const std::string& scope, const std::string& key,
                   const IdempotentAnswerRow& answer, Millis created_at);
// Deletes every answer recorded before `cutoff`.
void delete_answers_before(store::Transaction& tx, Millis cutoff);

}  // namespace idempotency
}  // namespace seatkeeper::data
