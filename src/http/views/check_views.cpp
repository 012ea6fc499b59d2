#include "http/views/check_views.hpp"

#include "common/clock.hpp"

namespace seatkeeper::http::views {

void append_answer(std::string& out, const check::Answer& answer) {
    out += R"("result":")";
    out += check::to_string(answer.result);
    out += R"(","reason":")";
    out += check::to_string(answer.reason);
    out += '"';
    if (!answer.plan_id.empty()) {
        out += R"(,"plan_id":")";
        out += answer.plan_id.view();
        out += '"';
    }
}

boost::json::object answer_json(const check::Question& q, const check::Answer& answer) {
    boost::json::object out{{"tenant", q.tenant},
                            {"user", q.user},
                            {"service_id", q.service_id},
                            {"result", check::to_string(answer.result)},
                            {"reason", check::to_string(answer.reason)}};
    if (!answer.plan_id.empty()) out["plan_id"] = answer.plan_id.view();
    return out;
}

boost::json::object token_json(const check::IssuedToken& issued) {
    return {{"token", issued.token}, {"expires_at", format_rfc3339(issued.expires_at)}};
}

}  // namespace seatkeeper::http::views
