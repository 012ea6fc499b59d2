// Request bodies of the runtime License API: a batch of checks and an offline license token. How parsers work:
// account_inputs.hpp; each question is then validated and normalised by check::make_question.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "check/question.hpp"
#include "common/status.hpp"

namespace seatkeeper::http::inputs {

// At most this many checks in one POST /check.
inline constexpr std::size_t kMaxCheckBatch = 100;

// POST /check: {checks: [{tenant, user, service_id}, …]}, 1 to kMaxCheckBatch; a failure names the item
// ("checks[2].user").
Result<std::vector<check::Question>> parse_check_batch(const boost::json::object& body);

// POST /tokens: the question the token answers and the client's nonce (none when absent or "").
struct TokenQuestion {
    check::Question question;
    std::optional<std::string> nonce;
};
Result<TokenQuestion> parse_token_question(const boost::json::object& body);

}  // namespace seatkeeper::http::inputs
