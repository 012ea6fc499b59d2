// Cursor pagination for the lists that grow without bound (API.md: `limit` and `cursor`, answered with
// `next_cursor`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"

namespace seatkeeper::service {

// One page of a list that grows without bound (leads, mails), read by keyset on (created_at DESC, id) so that a
// page stays right while rows are added. `cursor` is what the previous page's next_cursor said ("" for the
// first page): opaque to clients, "<created_at>.<id>" of the last row seen.
struct PageQuery {
    std::string cursor;
    std::size_t limit = 100;
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_cursor;  // null on the last page
};

// The position a cursor names: rows after it come next. Fails naming the field `cursor`.
struct Keyset {
    bool present = false;  // false on the first page
    std::int64_t created_at = 0;
    std::string id;
};
Result<Keyset> parse_keyset(const std::string& cursor);
std::string keyset_cursor(std::int64_t created_at, const std::string& id);

}  // namespace seatkeeper::service
