// JSON views of the runtime License API's answers: checks and offline license tokens. The rules all views follow
// are in account_views.hpp.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "check/question.hpp"
#include "check/runtime.hpp"

namespace seatkeeper::http::views {

// {result, reason, plan_id?} without its braces, appended to `out`: the single check's answer is written
// directly, with no JSON object built, since it is the hot path; every part is a fixed word or a Plan ID
// ([a-z0-9_-]), so nothing needs escaping.
void append_answer(std::string& out, const check::Answer& answer);
// One answer of a batch: the question and its answer, {tenant, user, service_id, result, reason, plan_id?}.
boost::json::object answer_json(const check::Question& q, const check::Answer& answer);
// {token, expires_at}.
boost::json::object token_json(const check::IssuedToken& issued);

}  // namespace seatkeeper::http::views
