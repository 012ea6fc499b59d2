// Store: the one door to the database, for SQLite and PostgreSQL alike.
//
// Services never see a connection: they run a unit of work with `in_transaction(store, mode, fn)`, which
// begins a transaction, hands `fn` a Transaction, commits when `fn` returns ok and rolls back otherwise (or
// when anything throws), and pass that Transaction to the data layer (src/data/), the one place SQL is written:
// named queries (`Query`), portable SQL with `?` placeholders and bound parameters only, no SQLite-only or
// PostgreSQL-only syntax outside store/<backend>/ and the migrations. `scripts/check-layers` fails the test
// command when SQL text appears in service/, check/, http/, jobs/ or app/. A database failure inside a transaction
// throws store::Failure, which in_transaction turns back into a Status (unique violations → Conflict, busy/locked →
// Unavailable, anything else → Internal), so that service code reads top to bottom without checking every statement.
//
// Write transactions are serialised by the database (BEGIN IMMEDIATE on SQLite; one advisory lock taken by
// every write transaction on PostgreSQL, across all nodes), which is what keeps check-then-write use cases
// (seat assignment, state transitions) correct. Read transactions see one snapshot and never wait for writers.
//
// **One write path.** Every write transaction of the server, the worker and the command line is begun and
// committed by in_transaction (store.cpp, detail::UnitOfWork), migrations included; `Store::begin` is called
// there and by tests that hold the writers' lock on purpose, nowhere else.
//
// **Group commit.** An acknowledged write is durable (SQLite `synchronous=FULL`, PostgreSQL
// `synchronous_commit=on`: it survives a crash and a power loss), and a durable commit costs a disk flush, so a
// process does not pay one per write. Its write units of work take turns in one backend write transaction, the
// open *batch*: each runs in a savepoint of its own (a unit that refuses or fails rolls back only itself), and
// when it is done it gives the turn to the next writer waiting for it; the one that finds nobody waiting (or the
// batch full) commits the batch for all. in_transaction returns only after the batch holding its unit has
// committed, with the commit's outcome: no answer leaves before its write is durable, and a commit that fails
// fails every unit in it. One writer at a time per process, as before (the database serialises writers across
// processes and nodes); a lone writer commits at once, so nothing waits for a timer. Waiting for the turn is
// bounded like the database's own lock wait (5 s, then Unavailable).
//
// **Nesting.** While a thread runs a write transaction on a store (the `fn` of a kWrite or kDeferredWrite
// in_transaction), every in_transaction it calls on that store, directly or through a use case, *joins* it
// instead of beginning another: `fn` runs in a savepoint of the outer transaction, on its connection, so it
// sees the outer writes; the savepoint is released when `fn` returns ok and rolled back otherwise. So a nested
// unit of work is still all or nothing, and nothing is durable before the outer transaction commits. Savepoints
// rather than simply joining: a use case that refuses (a 4xx) undoes exactly its own writes, as it does on its
// own, and on PostgreSQL a failed statement leaves the outer transaction usable. The one exception: a kRead
// nested in a kDeferredWrite that has not begun yet runs as its own read transaction (there is nothing of its
// own to see yet, and beginning the write would take the writers' lock early). Read transactions are never
// joined: an in_transaction inside a kRead `fn` begins its own, as before.
//
// **Row locks.** The one PostgreSQL-only syntax the data layer may write is a trailing `FOR UPDATE` or
// `FOR UPDATE SKIP LOCKED` on a SELECT of a kRowLocked (or write) transaction; the SQLite store drops it, since
// SQLite's single writer holds every row a write transaction reads.
//
// **Change notifications.** Every PostgreSQL write transaction sends `NOTIFY seatkeeper_changes` as it commits
// (one per batch, also for a batch whose units all refused and which commits empty: a spurious wake-up costs a
// listener one read; none when the backend transaction rolls back). `Store::listen()` opens a listener that wakes when
// any node commits, so that other nodes' indexes and workers catch up in milliseconds instead of at their next poll;
// SQLite has no listener (nullptr) and the polls alone serve it.
//
// **Read-only requests.** Inside a ReadOnlyScope (the HTTP pipeline opens one for GET and `read_only` routes)
// in_transaction refuses to begin or join a write transaction: Internal, so a read route that starts writing
// fails its tests instead of queueing behind every writer.
//
// Thread-safety: a Store is shared by all threads; each Transaction belongs to the thread that began it, and
// the nesting above is per thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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
// NULL for an empty text (columns where "none" is NULL rather than '').
inline Value text_or_null(const std::string& v) { return v.empty() ? null_value() : Value{v}; }
inline Value optional_integer(const std::optional<std::int64_t>& v) { return v ? Value{*v} : null_value(); }

// A named SQL statement, declared once in the data layer (`constexpr store::Query kFindPool{"pool.find", "SELECT …"}`):
// Each backend prepares it on each connection under its name, the first time it runs there; logs and errors name
// it. Names are unique in the program (a second text under a name already prepared fails the statement). Ad-hoc
// SQL (tests, store internals) runs unnamed: prepared by its text.
struct Query {
    std::string_view name;
    std::string_view sql;
};

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

// One result row as the backend holds it while Transaction::each visits it: nothing is copied, and a text is
// valid only until the visitor returns. For reads of millions of rows (the check index's load).
class RowView {
public:
    virtual ~RowView() = default;
    RowView(const RowView&) = delete;
    RowView& operator=(const RowView&) = delete;
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] virtual bool is_null(std::size_t i) const = 0;
    [[nodiscard]] virtual std::string_view text(std::size_t i) const = 0;  // "" for NULL
    [[nodiscard]] virtual std::int64_t integer(std::size_t i) const = 0;   // 0 for NULL
    [[nodiscard]] bool boolean(std::size_t i) const { return integer(i) != 0; }

protected:
    explicit RowView(std::size_t size) : size_(size) {}
    // Column `i` as the backends' C APIs number it; throws Failure (Internal) past the last column.
    [[nodiscard]] int column_index(std::size_t i) const;

private:
    std::size_t size_;
};

// A borrowed callable taking a RowView (like a function_ref): no allocation, valid while the call it is passed
// to runs.
class RowVisitor {
public:
    template <typename Fn>
    requires(!std::is_same_v<std::remove_cvref_t<Fn>, RowVisitor> && std::is_invocable_v<Fn&, const RowView&>)
        RowVisitor(Fn&& fn)  // NOLINT(google-explicit-constructor, bugprone-forwarding-reference-overload): a view
        : object_(static_cast<void*>(std::addressof(fn))),
          call_([](void* object, const RowView& row) { (*static_cast<std::remove_reference_t<Fn>*>(object))(row); }) {}
    void operator()(const RowView& row) const { call_(object_, row); }

private:
    void* object_;
    void (*call_)(void*, const RowView&);
};

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

    Rows query(const Query& query, const Params& params = {}) { return run_query(query, params); }
    // Runs a statement; returns the number of rows it changed.
    std::int64_t execute(const Query& query, const Params& params = {}) { return run_execute(query, params); }
    // Runs a query and hands each result row to `visit` as the backend reads it, without building Rows: SQLite
    // steps the statement, PostgreSQL fetches from a cursor in batches. For reads too large to hold as Rows.
    void each(const Query& query, const Params& params, RowVisitor visit) { run_each(query, params, visit); }
    void each(std::string_view sql, const Params& params, RowVisitor visit) { run_each(Query{{}, sql}, params, visit); }
    // Ad-hoc SQL, unnamed: for tests and the store itself.
    Rows query(std::string_view sql, const Params& params = {}) { return run_query(Query{{}, sql}, params); }
    std::int64_t execute(std::string_view sql, const Params& params = {}) {
        return run_execute(Query{{}, sql}, params);
    }
    virtual void commit() = 0;
    // Savepoints, which nested in_transaction calls run in (see "Nesting"). `name` is a plain identifier.
    virtual void savepoint(std::string_view name) = 0;
    virtual void release_savepoint(std::string_view name) = 0;
    virtual void rollback_to_savepoint(std::string_view name) = 0;

    std::optional<Row> query_one(const Query& query, const Params& params = {}) {
        Rows rows = run_query(query, params);
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }
    std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
        return query_one(Query{{}, sql}, params);
    }

protected:
    virtual Rows run_query(const Query& query, const Params& params) = 0;
    virtual std::int64_t run_execute(const Query& query, const Params& params) = 0;
    virtual void run_each(const Query& query, const Params& params, RowVisitor visit) = 0;
};

enum class TxMode {
    kRead,   // one snapshot; never waits for writers
    kWrite,  // serialised with every other write transaction from its first statement (BEGIN) on
    // A write transaction begun at its first write: by the first kWrite in_transaction nested in it, or the first
    // statement `fn` runs on the Transaction it is handed; one that never writes begins nothing and commits
    // nothing. Until then no lock is held, so what a request does before it writes (a password hash, a DNS
    // lookup, reading the database) holds up no other writer. The request transaction of an Idempotency-Key
    // (service/idempotency.hpp). `Store::begin` never sees this mode.
    kDeferredWrite,
    // A write transaction that appends no event and needs no order with other writers, only locks on the rows it
    // claims (`SELECT … FOR UPDATE SKIP LOCKED`, see "Row locks"): the webhook outbox's claims and outcomes. On
    // PostgreSQL it takes no writers' lock and commits on its own, outside the group commit, so that deliveries on
    // several nodes neither wait for nor hold up the writers of changes; on SQLite (one writer) and nested in a
    // write transaction it is a kWrite. A write transaction nested in one is refused (Internal): it would take
    // another connection and commit apart.
    kRowLocked,
};

// Wakes when a write transaction of any node has committed (Store::listen). Thread-safety: one thread at a time.
class ChangeListener {
public:
    virtual ~ChangeListener() = default;
    ChangeListener() = default;
    ChangeListener(const ChangeListener&) = delete;
    ChangeListener& operator=(const ChangeListener&) = delete;
    // Waits at most `timeout_ms` for a commit; true when one (or more) came, and also at once when it has just
    // (re)connected: what committed before it listened sent no notification it could hear, so the caller reads
    // once. A lost connection is reopened on a later call; meanwhile it waits out the timeout and answers false.
    virtual bool wait(std::int64_t timeout_ms) = 0;
};

// How many transactions in_transaction has begun on a store: for tests and measurements, not for control flow.
struct TransactionCounts {
    std::uint64_t reads = 0;    // read transactions
    std::uint64_t writes = 0;   // write units of work (a kDeferredWrite counts once it begins)
    std::uint64_t nested = 0;   // units of work that joined a write transaction in a savepoint
    std::uint64_t commits = 0;  // batches committed (group commit: one commit for one or more writes)
    std::uint64_t waiting = 0;  // writers waiting for their turn now
};

class Store;

// While one lives on a thread, in_transaction on that thread refuses write transactions (see the file comment).
class ReadOnlyScope {
public:
    ReadOnlyScope();
    ~ReadOnlyScope();
    ReadOnlyScope(const ReadOnlyScope&) = delete;
    ReadOnlyScope& operator=(const ReadOnlyScope&) = delete;
};

namespace detail {
class WriteTransaction;
class GroupCommit;

// One in_transaction call: a transaction of its own, or a savepoint of the write transaction it joins.
// Whatever is not committed is rolled back when it is destroyed.
class UnitOfWork {
public:
    UnitOfWork(Store& store, TxMode mode);  // throws Failure
    ~UnitOfWork();
    UnitOfWork(const UnitOfWork&) = delete;
    UnitOfWork& operator=(const UnitOfWork&) = delete;

    Transaction& transaction();
    void commit();  // throws Failure

private:
    std::unique_ptr<Transaction> read_;        // a read transaction of its own
    std::unique_ptr<Transaction> row_locked_;  // a kRowLocked transaction of its own, outside the group commit
    Store* store_ = nullptr;                   // whose commits to count, with row_locked_
    std::unique_ptr<WriteTransaction> write_;  // a write transaction of its own, which nested calls join
    WriteTransaction* joined_ = nullptr;       // or the one this unit runs in a savepoint of
    std::string savepoint_;
    bool committed_ = false;
};
}  // namespace detail

class Store {
public:
    virtual ~Store();
    Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // kRead or kWrite; throws Failure when it cannot begin. Called by in_transaction and lock-holding tests only.
    virtual std::unique_ptr<Transaction> begin(TxMode mode) = 0;
    // Applies the numbered migrations not applied yet, each in its own transaction. Idempotent.
    virtual Status migrate() = 0;
    // A cheap liveness probe for /readyz.
    virtual Status ping() = 0;
    [[nodiscard]] virtual std::string_view backend() const = 0;
    // Whether kRowLocked transactions run apart from the writers' lock (PostgreSQL) or as kWrite (SQLite).
    [[nodiscard]] virtual bool row_locks() const { return false; }
    // A listener for other nodes' commits (see "Change notifications"); nullptr when the backend has none.
    virtual std::unique_ptr<ChangeListener> listen() { return nullptr; }

    [[nodiscard]] TransactionCounts transaction_counts() const;

private:
    friend class detail::UnitOfWork;
    friend class detail::WriteTransaction;
    friend class detail::GroupCommit;
    std::atomic<std::uint64_t> reads_{0};
    std::atomic<std::uint64_t> writes_{0};
    std::atomic<std::uint64_t> nested_{0};
    std::atomic<std::uint64_t> commits_{0};
    std::unique_ptr<detail::GroupCommit> group_commit_;  // the open batch and whose turn it is (store.cpp)
};

// Opens a store from a URL: "sqlite:PATH" (or a bare path), or "postgresql://…" / "postgres://…" (a libpq
// URI). Creates the SQLite file and its directory when missing; a PostgreSQL database must exist.
Result<std::unique_ptr<Store>> open_store(const std::string& url);
// The file a SQLite URL names ("sqlite:PATH" or a bare path); nullopt for a PostgreSQL URL.
std::optional<std::string> sqlite_path(const std::string& url);

// Runs `fn` as one unit of work: its own transaction, or a savepoint of the write transaction this thread runs
// on `store` (see the file comment). `fn` returns Status or Result<T>.
template <typename Fn>
auto in_transaction(Store& store, TxMode mode, Fn&& fn) -> decltype(fn(std::declval<Transaction&>())) {
    using Out = decltype(fn(std::declval<Transaction&>()));
    try {
        detail::UnitOfWork unit(store, mode);
        Out out = fn(unit.transaction());
        if (out.ok()) unit.commit();
        return out;
    } catch (const Failure& failure) {
        return Out(failure.status());
    }
}

}  // namespace seatkeeper::store
