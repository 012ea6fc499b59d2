// The runtime License API (API.md "Runtime"): the license check, single and batch, offline license tokens
// and the JWKS that verifies them. Checks and tokens need a publisher API key with the `app` role and are
// answered from the node's SeatIndex (check/), never from the database.
#include <boost/url/parse_query.hpp>

#include "check/question.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/check_inputs.hpp"
#include "http/views/check_views.hpp"

namespace seatkeeper::http {

namespace {

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

}  // namespace

void add_check_routes(Router& router, check::Runtime& runtime) {
    Route single{"GET", "/api/v1/check", Access::kPublisher, [&runtime](Context& c) -> Result<Response> {
                     SK_RETURN_IF_ERROR(service::require(c.who(), domain::Permission::kRuntime));
                     SK_ASSIGN_OR_RETURN(const check::Question q, question_from_query(c.request));
                     const check::Answer answer = runtime.check(c.who().publisher_id, q.tenant, q.user, q.service_id);
                     Response r;
                     r.body.reserve(96);
                     r.body += '{';
                     views::append_answer(r.body, answer);
                     r.body += '}';
                     return r;
                 }};
    single.runtime = true;
    single.in_memory = true;
    router.add(std::move(single));

    Route batch{"POST", "/api/v1/check", Access::kPublisher, [&runtime](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(service::require(c.who(), domain::Permission::kRuntime));
                    SK_ASSIGN_OR_RETURN(const auto questions, read_input(c, inputs::parse_check_batch));
                    boost::json::array results;
                    results.reserve(questions.size());
                    for (const auto& q : questions) {
                        results.emplace_back(
                            views::answer_json(q, runtime.check(c.who().publisher_id, q.tenant, q.user, q.service_id)));
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
                     SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_token_question));
                     auto& q = input.question;
                     SK_ASSIGN_OR_RETURN(
                         auto issued, runtime.issue_token({c.who().publisher_id, std::move(q.tenant), std::move(q.user),
                                                           std::move(q.service_id), std::move(input.nonce)}));
                     return json_response(200, views::token_json(issued));
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
