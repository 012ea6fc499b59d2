#include "http/handlers.hpp"

#include <charconv>

namespace seatkeeper::http {

Response list_response(boost::json::array items, std::optional<std::string> next_cursor) {
    return json_response(200, boost::json::object{{"items", std::move(items)},
                                                  {"next_cursor", next_cursor ? boost::json::value(*next_cursor)
                                                                              : boost::json::value(nullptr)}});
}

Result<boost::json::object> body_object(const Context& context) {
    if (context.request.body.empty()) return boost::json::object{};
    return json::parse_object(context.request.body);
}

Result<std::int64_t> integer_param(const Context& context, std::string_view name, std::int64_t fallback,
                                   std::int64_t min, std::int64_t max) {
    const auto text = context.request.query_param(name);
    if (!text) return fallback;
    std::int64_t value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || value < min || value > max) {
        return Status::Invalid(std::string(name), "range",
                               std::string(name) + " must be an integer between " + std::to_string(min) + " and " +
                                   std::to_string(max));
    }
    return value;
}

}  // namespace seatkeeper::http
