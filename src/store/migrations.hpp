// The numbered migrations of each backend, compiled into the binary from src/store/migrations/<backend>/NNN_name.sql,
// and the one way a backend applies them.
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "store/store.hpp"

namespace seatkeeper::store {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgresql_migrations();

// Applies each migration not yet recorded in schema_migrations, in order, each in its own write transaction
// together with its record, so that a failed migration leaves nothing behind. `run_script` runs a migration's
// SQL (several statements) on the backend's transaction. Two processes migrating at once are serialised by the
// write transactions (each checks for its version under the writer lock), so a version is applied once.
Status apply_migrations(Store& store, std::span<const Migration> migrations,
                        const std::function<void(Transaction&, std::string_view)>& run_script);

}  // namespace seatkeeper::store
