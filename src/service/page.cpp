#include "service/page.hpp"

#include <charconv>

namespace seatkeeper::service {

Result<Keyset> parse_keyset(const std::string& cursor) {
    if (cursor.empty()) return Keyset{};
    const auto refused = Status::Invalid("cursor", "cursor", "cursor must be a next_cursor this list returned");
    const auto dot = cursor.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == cursor.size() || cursor.size() > 200) return refused;
    Keyset k{true, 0, cursor.substr(dot + 1)};
    const auto [ptr, ec] = std::from_chars(cursor.data(), cursor.data() + dot, k.created_at);
    if (ec != std::errc() || ptr != cursor.data() + dot || k.created_at < 0) return refused;
    return k;
}

std::string keyset_cursor(std::int64_t created_at, const std::string& id) {
    return std::to_string(created_at) + "." + id;
}

}  // namespace seatkeeper::service
