// The runtime License API (API.md "Runtime"): the license check, single and batch, offline license tokens
// and the JWKS that verifies them. Checks and tokens need a publisher API key with the `app` role and are
// answered from the node's SeatIndex (check/), never from the database.
#include <boost/url/parse_query.hpp>

#include "check/question.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"

namespace seatkeeper::http {

namespace {

constexpr std::size_t kMaxBatch = 100;
constexpr std::size_t kMaxCheckBody = std::size_t{256} * 1024;
constexpr std::size_t kMaxTokenBody = std::size_t{16} * 1024;
constexpr int kJwksMaxAgeSeconds = 60;

// tenant, user and service_id from the query string, percent-decoded, in one pass.
Result<check::Question> question_from_query(const Request& request) {
    std::string tenant;
    std::string user;
    std::string service_id;
    if (auto params = boost::urls::parse_query(request.query); params) {
        for (const auto& p : *params) {
            if (!p.has_value) continue;
            if (p.key == "tenant") {
                tenant = p.value.decode();
            } else if (p.key == "user") {
                user = p.value.decode();
            } else if (p.key == "service_id") {
                service_id = p.value.decode();
            }
        }
    }
    return check::make_question(tenant, user, service_id);
}

// {result, reason, plan_id?}: written directly, every part being a fixed word or a Plan ID ([a-z0-9_-]).
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

Result<std::vector<check::Question>> batch_from_body(const Context& c) {
    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"checks"}));
    const auto* checks = body.if_contains("checks");
    if (checks == nullptr || checks->is_null()) return Status::Invalid("checks", "required", "checks is required");
    if (!checks->is_array()) return Status::Invalid("checks", "type", "checks must be an array of checks");
    const auto& items = checks->as_array();
    if (items.empty()) return Status::Invalid("checks", "min_items", "checks must hold at least one check");
    if (items.size() > kMaxBatch) {
        return Status::Invalid("checks", "max_items",
                               "checks may hold at most " + std::to_string(kMaxBatch) + " checks per request (it has " +
                                   std::to_string(items.size()) + ")");
    }
    std::vector<check::Question> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string path = "checks[" + std::to_string(i) + "]";
        if (!items[i].is_object()) return Status::Invalid(path, "type", path + " must be an object");
        const json::Fields item(items[i].as_object(), path);
        SK_RETURN_IF_ERROR(item.only({"tenant", "user", "service_id"}));
        SK_ASSIGN_OR_RETURN(auto tenant, item.optional_string("tenant", 64));
        SK_ASSIGN_OR_RETURN(auto user, item.optional_string("user", 254));
        SK_ASSIGN_OR_RETURN(auto service_id, item.optional_string("service_id", check::kMaxServiceIdLength));
        SK_ASSIGN_OR_RETURN(
            auto q, check::make_question(tenant.value_or(""), user.value_or(""), service_id.value_or(""), path));
        out.push_back(std::move(q));
    }
    return out;
}

}  // namespace

void add_check_routes(Router& router, check::Runtime& runtime) {
    Route single{"GET", "/api/v1/check", Access::kPublisher, [&runtime](Context& c) -> Result<Response> {
                     SK_RETURN_IF_ERROR(service::require(c.who(), domain::Permission::kRuntime));
                     SK_ASSIGN_OR_RETURN(const check::Question q, question_from_query(c.request));
                     const check::Answer answer = runtime.check(c.who().publisher_id, q.tenant, q.user, q.service_id);
                     Response r;
                     r.body.reserve(96);
                     r.body += '{';
                     append_answer(r.body, answer);
                     r.body += '}';
                     return r;
                 }};
    single.runtime = true;
    single.in_memory = true;
    router.add(std::move(single));

    Route batch{"POST", "/api/v1/check", Access::kPublisher, [&runtime](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(service::require(c.who(), domain::Permission::kRuntime));
                    SK_ASSIGN_OR_RETURN(const auto questions, batch_from_body(c));
                    boost::json::array results;
                    results.reserve(questions.size());
                    for (const auto& q : questions) {
                        results.emplace_back(
                            answer_json(q, runtime.check(c.who().publisher_id, q.tenant, q.user, q.service_id)));
                    }
                    return json_response(200, boost::json::object{{"results", std::move(results)}});
                }};
    batch.max_body = kMaxCheckBody;
    batch.read_only = true;
    batch.runtime = true;
    batch.in_memory = true;
    router.add(std::move(batch));

    Route tokens{"POST", "/api/v1/tokens", Access::kPublisher, [&runtime](Context& c) -> Result<Response> {
                     SK_RETURN_IF_ERROR(service::require(c.who(), domain::Permission::kRuntime));
                     SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                     const json::Fields f(body);
                     SK_RETURN_IF_ERROR(f.only({"tenant", "user", "service_id", "nonce"}));
                     SK_ASSIGN_OR_RETURN(auto tenant, f.optional_string("tenant", 64));
                     SK_ASSIGN_OR_RETURN(auto user, f.optional_string("user", 254));
                     SK_ASSIGN_OR_RETURN(auto service_id, f.optional_string("service_id", check::kMaxServiceIdLength));
                     SK_ASSIGN_OR_RETURN(auto nonce, f.optional_string("nonce", check::kMaxNonceLength));
                     SK_ASSIGN_OR_RETURN(
                         auto q, check::make_question(tenant.value_or(""), user.value_or(""), service_id.value_or("")));
                     if (nonce && nonce->empty()) nonce.reset();
                     SK_ASSIGN_OR_RETURN(
                         auto issued, runtime.issue_token({c.who().publisher_id, std::move(q.tenant), std::move(q.user),
                                                           std::move(q.service_id), std::move(nonce)}));
                     return json_response(200, boost::json::object{{"token", issued.token},
                                                                   {"expires_at", format_rfc3339(issued.expires_at)}});
                 }};
    tokens.max_body = kMaxTokenBody;
    tokens.read_only = true;
    tokens.runtime = true;
    tokens.in_memory = true;
    router.add(std::move(tokens));

    router.add(from_memory({"GET", "/.well-known/jwks.json", Access::kPublic, [&runtime](Context&) -> Result<Response> {
                                Response r = json_response(200, runtime.keys().jwks(now_millis()));
                                r.set_header("Cache-Control", "public, max-age=" + std::to_string(kJwksMaxAgeSeconds));
                                return r;
                            }}));
}

}  // namespace seatkeeper::http
