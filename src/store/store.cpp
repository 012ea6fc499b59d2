#include "store/store.hpp"

#include "store/postgresql/postgresql_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace seatkeeper::store {

namespace {
[[noreturn]] void wrong_type(std::size_t i, const char* want) {
    throw Failure(Status::Internal("column " + std::to_string(i) + " is not " + want));
}
}  // namespace

std::string Row::text(std::size_t i) const {
    const Value& v = values_.at(i);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
    if (std::holds_alternative<std::monostate>(v)) return {};
    wrong_type(i, "text");
}

std::optional<std::string> Row::optional_text(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return text(i);
}

std::int64_t Row::integer(std::size_t i) const {
    const Value& v = values_.at(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    if (const auto* s = std::get_if<std::string>(&v)) {
        try {
            return std::stoll(*s);
        } catch (const std::exception&) {
            wrong_type(i, "an integer");
        }
    }
    wrong_type(i, "an integer");
}

std::optional<std::int64_t> Row::optional_integer(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return integer(i);
}

std::string Row::blob(std::size_t i) const { return text(i); }

std::optional<std::string> sqlite_path(const std::string& url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return std::nullopt;
    return url.starts_with(kSqlite) ? url.substr(kSqlite.size()) : url;
}

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
    const std::optional<std::string> path = sqlite_path(url);
    if (!path) return postgresql::open_postgresql_store(url);
    if (path->empty()) return Status::Invalid("database", "required", "database path is empty");
    return sqlite::open_sqlite_store(*path);
}

}  // namespace seatkeeper::store
