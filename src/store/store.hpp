// Store: the one door to the database, for SQLite and PostgreSQL alike.
//
// Services never see a connection: they run a unit of work with `in_transaction(store, mode, fn)`, which
// begins a transaction, hands `fn` a Transaction, commits when `fn` returns ok and rolls back otherwise (or
// when anything throws). SQL text lives in the service and store code as portable SQL with `?` placeholders
// and bound parameters only: no SQLite-only or PostgreSQL-only syntax outside store/<backend>/ and the
// migrations. A database failure inside a transaction throws store::Failure, which in_transaction turns
// back into a Status (unique violations → Conflict, busy/locked → Unavailable, anything else → Internal),
// so that service code reads top to bottom without checking every statement.
//
// Write transactions are serialised by the database (BEGIN IMMEDIATE on SQLite; one advisory lock taken by
// every write transaction on PostgreSQL, across all nodes), which is what keeps check-then-write use cases
// (seat assignment, state transitions) correct. Read transactions see one snapshot and never wait for writers.
//
// Thread-safety: a Store is shared by all threads; each Transaction belongs to the thread that began it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/status.hpp"

namespace seatkeeper::store {

struct Blob {
    std::string bytes;
};

using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

inline Value null_value() { return std::monostate{}; }
inline Value optional_text(const std::optional<std::string>& v) { return v ? Value{*v} : null_value(); }

// One result row; columns by position, in the order of the SELECT list.
class Row {
public:
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
    [[nodiscard]] bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
    [[nodiscard]] std::string text(std::size_t i) const;
    [[nodiscard]] std::optional<std::string> optional_text(std::size_t i) const;
    [[nodiscard]] std::int64_t integer(std::size_t i) const;
    [[nodiscard]] std::optional<std::int64_t> optional_integer(std::size_t i) const;
    [[nodiscard]] bool boolean(std::size_t i) const { return integer(i) != 0; }
    [[nodiscard]] std::string blob(std::size_t i) const;
    [[nodiscard]] std::size_t size() const { return values_.size(); }

private:
    std::vector<Value> values_;
};

using Rows = std::vector<Row>;
using Params = std::vector<Value>;

// Thrown by Transaction methods on a database error; caught by in_transaction.
class Failure : public std::exception {
public:
    explicit Failure(Status status) : status_(std::move(status)) {}
    [[nodiscard]] const Status& status() const { return status_; }
    [[nodiscard]] const char* what() const noexcept override { return status_.log_detail().c_str(); }

private:
    Status status_;
};

class Transaction {
public:
    virtual ~Transaction() = default;
    Transaction() = default;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
    // Runs a statement; returns the number of rows it changed.
    virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
    virtual void commit() = 0;

    std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
        Rows rows = query(sql, params);
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }
};

enum class TxMode { kRead, kWrite };

class Store {
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Throws Failure when no transaction can be started (e.g. the database is gone).
    virtual std::unique_ptr<Transaction> begin(TxMode mode) = 0;
    // Applies the numbered migrations not applied yet, each in its own transaction. Idempotent.
    virtual Status migrate() = 0;
    // A cheap liveness probe for /readyz.
    virtual Status ping() = 0;
    [[nodiscard]] virtual std::string_view backend() const = 0;
};

// Opens a store from a URL: "sqlite:PATH" (or a bare path), or "postgresql://…" / "postgres://…" (a libpq
// URI). Creates the SQLite file and its directory when missing; a PostgreSQL database must exist.
Result<std::unique_ptr<Store>> open_store(const std::string& url);
// The file a SQLite URL names ("sqlite:PATH" or a bare path); nullopt for a PostgreSQL URL.
std::optional<std::string> sqlite_path(const std::string& url);

// Runs `fn` in one transaction; see the file comment. `fn` returns Status or Result<T>.
template <typename Fn>
auto in_transaction(Store& store, TxMode mode, Fn&& fn) -> decltype(fn(std::declval<Transaction&>())) {
    using Out = decltype(fn(std::declval<Transaction&>()));
    try {
        std::unique_ptr<Transaction> tx = store.begin(mode);
        Out out = fn(*tx);
        if (out.ok()) tx->commit();
        return out;
    } catch (const Failure& failure) {
        return Out(failure.status());
    }
}

}  // namespace seatkeeper::store
