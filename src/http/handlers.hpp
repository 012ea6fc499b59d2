// Helpers every route file uses to read requests and shape answers, so that all routes behave alike.
#pragma once

#include <boost/json.hpp>

#include "common/json.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

namespace seatkeeper::http {

// {items: [...], next_cursor}: the shape of every list.
Response list_response(boost::json::array items, std::optional<std::string> next_cursor = std::nullopt);
// The request body as a JSON object (an empty body reads as {}).
Result<boost::json::object> body_object(const Context& context);
// A query parameter as an integer within [min, max]; `fallback` when absent.
Result<std::int64_t> integer_param(const Context& context, std::string_view name, std::int64_t fallback,
                                   std::int64_t min, std::int64_t max);

}  // namespace seatkeeper::http
