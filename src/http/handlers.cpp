#include "http/handlers.hpp"

#include <algorithm>
#include <charconv>

#include "common/text.hpp"
#include "domain/limits.hpp"
#include "http/api.hpp"
#include "http/views/account_views.hpp"

namespace seatkeeper::http {

std::string session_cookie(const std::string& value, Millis max_age_ms, bool secure) {
    return std::string(kSessionCookie) + "=" + value +
           "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_ms / 1000) +
           (secure ? "; Secure" : "");
}

Response sign_in_response(int status, const service::SignIn& signin, bool secure_cookies) {
    Response r = json_response(status, views::sign_in_json(signin));
    r.set_header("Set-Cookie", session_cookie(signin.cookie, signin.expires_at - now_millis(), secure_cookies));
    return r;
}

Response list_response(boost::json::array items, std::optional<std::string> next_cursor) {
    return json_response(200, boost::json::object{{"items", std::move(items)},
                                                  {"next_cursor", next_cursor ? boost::json::value(*next_cursor)
                                                                              : boost::json::value(nullptr)}});
}

Result<service::PageQuery> page_query(const Context& context) {
    SK_ASSIGN_OR_RETURN(const std::int64_t limit,
                        integer_param(context, "limit", domain::kDefaultPageSize, 1, domain::kMaxPageSize));
    return service::PageQuery{context.request.query_param("cursor").value_or(""), static_cast<std::size_t>(limit)};
}

Result<Response> paged_list_response(const Context& context, boost::json::array items) {
    SK_ASSIGN_OR_RETURN(const auto page, page_query(context));
    std::size_t start = 0;
    if (!page.cursor.empty()) {
        const auto* end = page.cursor.data() + page.cursor.size();
        const auto [ptr, ec] = std::from_chars(page.cursor.data(), end, start);
        if (ec != std::errc() || ptr != end || start > items.size()) {
            return Status::Invalid("cursor", "cursor", "cursor must be a next_cursor this list returned");
        }
    }
    const std::size_t stop = std::min(items.size(), start + page.limit);
    boost::json::array out;
    out.reserve(stop - start);
    for (std::size_t i = start; i < stop; ++i) out.push_back(std::move(items[i]));
    return list_response(std::move(out),
                         stop < items.size() ? std::optional<std::string>(std::to_string(stop)) : std::nullopt);
}

Result<boost::json::object> body_object(const Context& context) {
    if (context.request.body.empty()) return boost::json::object{};
    // Only JSON is read as JSON: a browser may send text/plain (or a form) across sites without a preflight,
    // which would let another site sign a visitor in to an account of its choosing (login CSRF).
    if (!is_json_media_type(context.request.header("content-type").value_or(""))) {
        return Status::UnsupportedType("the request body must be sent as Content-Type: application/json");
    }
    return json::parse_object(context.request.body);
}

bool is_json_media_type(std::string_view content_type) {
    const std::string type = text::ascii_lower(text::trim(content_type.substr(0, content_type.find(';'))));
    return type == "application/json" || (type.starts_with("application/") && type.ends_with("+json"));
}

bool prefers_minimal(const Request& request) {
    for (const auto& [name, value] : request.headers) {
        if (name != "prefer") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(',');
            const std::string_view item = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            std::string preference = text::ascii_lower(text::trim(item.substr(0, item.find(';'))));
            std::erase(preference, '"');
            std::erase(preference, ' ');
            if (preference == "return=minimal") return true;
        }
    }
    return false;
}

Result<std::int64_t> integer_param(const Context& context, std::string_view name, std::int64_t fallback,
                                   std::int64_t min, std::int64_t max) {
    const auto text = context.request.query_param(name);
    if (!text) return fallback;
    std::int64_t value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || value < min || value > max) {
        return Status::Invalid(
            std::string(name), "range",
            std::string(name) + " must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return value;
}

}  // namespace seatkeeper::http
