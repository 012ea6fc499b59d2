// A list of objects as a JSON array, each item through its view: `json_array(users, views::user_json)`.
#pragma once

#include <boost/json.hpp>
#include <utility>

namespace seatkeeper::http::views {

template <typename Range, typename View>
boost::json::array json_array(const Range& items, View&& view) {
    boost::json::array out;
    out.reserve(std::size(items));
    for (const auto& item : items) out.emplace_back(view(item));
    return out;
}

}  // namespace seatkeeper::http::views
