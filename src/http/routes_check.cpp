// The runtime License API (API.md "Runtime"): the license check, single and batch, offline license tokens
// and the JWKS that verifies them. Checks and tokens need a publisher API key with the `app` role and are
// answered from the node's SeatIndex (check/), never from the database.
#include <array>
#include <boost/url/decode_view.hpp>
#include <boost/url/pct_string_view.hpp>

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

// One query parameter's percent-decoded value, held inline. A longer value is cut at Capacity characters:
// each capacity is one more than the longest valid value, so a cut value is refused as the whole one would be.
template <std::size_t Capacity>
class DecodedValue {
public:
    void assign(const boost::urls::pct_string_view& encoded) {
        size_ = 0;
        for (const char c : *encoded) {
            if (size_ == Capacity) break;
            text_[size_++] = c;
        }
    }
    [[nodiscard]] std::string_view view() const { return {text_.data(), size_}; }

private:
    std::array<char, Capacity> text_{};
    std::size_t size_ = 0;
};

// The single check's answer to `who` asking the query string's tenant, user and service_id, appended to
// `body` as {"result":…}: the route's handler and its in-place form both answer with it. Nothing is allocated
// unless the question is refused.
Status answer_check(const check::Runtime& runtime, const service::Principal& who, std::string_view query,
                    std::string& body) {
    SK_RETURN_IF_ERROR(service::require(who, domain::Permission::kRuntime));
    DecodedValue<check::kTenantIdLength + 1> tenant;
    DecodedValue<check::kMaxUpnLength + 1> user;
    DecodedValue<check::kMaxServiceIdLength + 1> service_id;
    // Split here rather than by boost::urls::parse_query: Boost.URL 1.81 reads the last value on to the first
    // NUL, past the end of a view that is not the end of its string (the in-place path's query is a view into
    // the request line). A malformed escape anywhere makes every parameter missing, as parse_query did.
    for (std::string_view rest = query; !rest.empty();) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const std::size_t eq = pair.find('=');
        const auto key = boost::urls::make_pct_string_view(pair.substr(0, eq));
        const auto value =
            boost::urls::make_pct_string_view(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!key || !value) {
            tenant = {};
            user = {};
            service_id = {};
            break;
        }
        if (eq == std::string_view::npos) continue;
        if (*key == "tenant") {
            tenant.assign(*value);
        } else if (*key == "user") {
            user.assign(*value);
        } else if (*key == "service_id") {
            service_id.assign(*value);
        }
    }
    check::NormalizedText normalized;
    SK_ASSIGN_OR_RETURN(const check::QuestionView q,
                        check::normalize_question(tenant.view(), user.view(), service_id.view(), normalized));
    const check::Answer answer = runtime.check(who.publisher_id, q.tenant, q.user, q.service_id);
    body += '{';
    views::append_answer(body, answer);
    body += '}';
    return Status::Ok();
}

}  // namespace

void add_check_routes(Router& router, check::Runtime& runtime) {
    Route single{"GET", "/api/v1/check", Access::kPublisher, [&runtime](Context& c) -> Result<Response> {
                     Response r;
                     r.body.reserve(96);
                     SK_RETURN_IF_ERROR(answer_check(runtime, c.who(), c.request.query, r.body));
                     return r;
                 }};
    single.runtime = true;
    single.in_memory = true;
    single.in_place = [&runtime](const service::Principal& who, std::string_view query, std::string& body) {
        return answer_check(runtime, who, query, body);
    };
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
