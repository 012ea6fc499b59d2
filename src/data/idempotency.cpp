#include "data/idempotency.hpp"

namespace seatkeeper::data::idempotency {

namespace {

using store::Query;

constexpr Query kFindAnswer{"idempotency.find",
                            "SELECT request_hash, status, content_type, body, location FROM idempotency_keys "
                            "WHERE scope = ? AND key = ? AND created_at >= ?"};
constexpr Query kInsertAnswer{"idempotency.insert",
                              "INSERT INTO idempotency_keys (scope, key, request_hash, status, content_type, body, "
                              "location, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kDeleteAnswersBefore{"idempotency.delete_before", "DELETE FROM idempotency_keys WHERE created_at < ?"};

}  // namespace

std::optional<IdempotentAnswerRow> find_answer(store::Transaction& tx, const std::string& scope, const std::string& key,
                                               Millis since) {
    const auto r = tx.query_one(kFindAnswer, {scope, key, since});
    if (!r) return std::nullopt;
    return IdempotentAnswerRow{r->text(0), r->integer(1), r->text(2), r->text(3), r->text(4)};
}

void insert_answer(store::Transaction& tx, const std::string& scope, const std::string& key,
                   const IdempotentAnswerRow& answer, Millis created_at) {
    tx.execute(kInsertAnswer, {scope, key, answer.request_hash, answer.status, answer.content_type, answer.body,
                               answer.location, created_at});
}

void delete_answers_before(store::Transaction& tx, Millis cutoff) { tx.execute(kDeleteAnswersBefore, {cutoff}); }

}  // namespace seatkeeper::data::idempotency
