// Helpers every route file uses to read requests and shape answers, so that all routes behave alike.
#pragma once

#include <boost/json.hpp>
#include <utility>

#include "common/json.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "service/accounts.hpp"
#include "service/page.hpp"

namespace seatkeeper::http {

// The Set-Cookie value of the session cookie (HttpOnly, SameSite=Lax, Secure over TLS); "" with 0 clears it.
std::string session_cookie(const std::string& value, Millis max_age_ms, bool secure);
// The answer to a sign-in: {user, csrf_token, expires_at} and the session cookie.
Response sign_in_response(int status, const service::SignIn& signin, bool secure_cookies);
// {items: [...], next_cursor}: the shape of every list.
Response list_response(boost::json::array items, std::optional<std::string> next_cursor = std::nullopt);
// The page a list route was asked for: `limit` (1–1000, default 100) and `cursor` (a next_cursor it answered).
Result<service::PageQuery> page_query(const Context& context);
// One page of a list the service returns whole (those bounded by what one account holds: offers, plans, users,
// keys, deals, groups …), in the same shape; its cursor is the position in the list, opaque to clients.
Result<Response> paged_list_response(const Context& context, boost::json::array items);
// The request body as a JSON object (an empty body reads as {}); a body must come as application/json (415).
Result<boost::json::object> body_object(const Context& context);
// The request body read by one of http/inputs/'s parsers (`parse(const boost::json::object&) -> Result<T>`):
// what every route with a JSON body does first.
template <typename Parse>
auto read_input(const Context& context, Parse&& parse) -> decltype(parse(std::declval<const boost::json::object&>())) {
    SK_ASSIGN_OR_RETURN(const auto body, body_object(context));
    return std::forward<Parse>(parse)(body);
}
// application/json or application/<something>+json, parameters and case aside.
bool is_json_media_type(std::string_view content_type);
// Whether the request says `Prefer: return=minimal` (RFC 7240; among other preferences, case aside): a route that
// honours it answers less and says so with `Preference-Applied: return=minimal`.
bool prefers_minimal(const Request& request);
// A query parameter as an integer within [min, max]; `fallback` when absent.
Result<std::int64_t> integer_param(const Context& context, std::string_view name, std::int64_t fallback,
                                   std::int64_t min, std::int64_t max);

}  // namespace seatkeeper::http
