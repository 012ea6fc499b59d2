// The numbered migrations of each backend, compiled into the binary from src/store/migrations/<backend>/NNN_name.sql.
#pragma once

#include <span>
#include <string_view>

namespace seatkeeper::store {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

std::span<const Migration> sqlite_migrations();

}  // namespace seatkeeper::store
