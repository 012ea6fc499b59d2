// What every repository does with a result: each row through the function that reads its columns.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "store/store.hpp"

namespace seatkeeper::data {

// Each row through `from_row` (const store::Row& → a typed row), in order.
template <typename FromRow>
auto map_rows(const store::Rows& rows, FromRow from_row) {
    std::vector<std::invoke_result_t<FromRow&, const store::Row&>> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(from_row(r));
    return out;
}

// The first column of each row, as text: for statements that select one column.
inline std::vector<std::string> texts(const store::Rows& rows) {
    return map_rows(rows, [](const store::Row& r) { return r.text(0); });
}

}  // namespace seatkeeper::data
