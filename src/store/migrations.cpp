#include "store/migrations.hpp"

#include <chrono>
#include <string>

namespace seatkeeper::store {

Status apply_migrations(Store& store, std::span<const Migration> migrations,
                        const std::function<void(Transaction&, std::string_view)>& run_script) {
    Status s = in_transaction(store, TxMode::kWrite, [](Transaction& tx) {
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at BIGINT NOT NULL)");
        return Status::Ok();
    });
    if (!s.ok()) return s;
    for (const Migration& m : migrations) {
        s = in_transaction(store, TxMode::kWrite, [&m, &run_script](Transaction& tx) {
            if (tx.query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}})) {
                return Status::Ok();
            }
            run_script(tx, m.sql);
            const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            tx.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       {std::int64_t{m.version}, std::string(m.name), std::int64_t{now}});
            return Status::Ok();
        });
        if (!s.ok()) return s;
    }
    return Status::Ok();
}

}  // namespace seatkeeper::store
