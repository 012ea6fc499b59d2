#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "common/mutex.hpp"
#include "store/migrations.hpp"

namespace seatkeeper::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kPoolSize = 8;

Status error_status(sqlite3* db, int rc, std::string_view what) {
    const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
    std::string detail = std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Status::Conflict("duplicate", "an object with this id already exists");
    }
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        return Status::Unavailable("the database is busy; retry", detail);
    }
    return Status::Internal(detail);
}

// The data layer's one PostgreSQL-only clause (store.hpp, "Row locks"): a trailing `FOR UPDATE` or `FOR UPDATE
// SKIP LOCKED`, which SQLite does not parse. SQLite has one writer at a time, so every row a write transaction
// reads is as good as locked: the clause is dropped.
std::string_view without_row_locks(std::string_view sql) {
    for (const std::string_view clause :
         {std::string_view(" FOR UPDATE SKIP LOCKED"), std::string_view(" FOR UPDATE")}) {
        if (sql.ends_with(clause)) return sql.substr(0, sql.size() - clause.size());
    }
    return sql;
}

// A prepared statement in use: a named query's, kept by its connection and reset after use, or an ad-hoc one,
// finalised after use.
class Statement {
public:
    Statement(sqlite3_stmt* stmt, bool owned) : stmt_(stmt), owned_(owned) {}
    ~Statement() {
        if (owned_) {
            sqlite3_finalize(stmt_);
        } else {
            sqlite3_reset(stmt_);  // ends its read of the database; the error, if any, was reported by step
            sqlite3_clear_bindings(stmt_);
        }
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    [[nodiscard]] sqlite3_stmt* get() const { return stmt_; }

private:
    sqlite3_stmt* stmt_;
    bool owned_;
};

class Connection {
public:
    explicit Connection(sqlite3* db) : db_(db) {}
    ~Connection() {
        for (auto& [name, stmt] : statements_) sqlite3_finalize(stmt);
        sqlite3_close_v2(db_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    [[nodiscard]] sqlite3* get() const { return db_; }

    // The statement for `query`: prepared once per connection under a named query's name (as on PostgreSQL, a
    // second text under one name is refused), per call for ad-hoc SQL.
    Statement statement(const Query& query) {
        const std::string_view sql = without_row_locks(query.sql);
        if (query.name.empty()) return {prepare(sql), true};
        if (const auto it = statements_.find(query.name); it != statements_.end()) {
            const char* text = sqlite3_sql(it->second);
            if (text != sql) {
                throw Failure(Status::Internal("two queries are named " + std::string(query.name)));
            }
            // Still stepping through an outer run's rows (a nested Transaction::each): a copy of its own.
            if (sqlite3_stmt_busy(it->second) != 0) return {prepare(sql), true};
            return {it->second, false};
        }
        sqlite3_stmt* stmt = prepare(sql);
        statements_.emplace(std::string(query.name), stmt);
        return {stmt, false};
    }

    void exec(std::string_view sql) const {
        char* err = nullptr;
        const std::string owned(sql);
        const int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            const std::string message = err != nullptr ? err : "";
            sqlite3_free(err);
            throw Failure(error_status(db_, rc, "exec " + message));
        }
    }

private:
    [[nodiscard]] sqlite3_stmt* prepare(std::string_view sql) const {
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &stmt, nullptr);
        if (rc != SQLITE_OK) throw Failure(error_status(db_, rc, "prepare " + std::string(sql)));
        return stmt;
    }

    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
    };

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*, NameHash, std::equal_to<>> statements_;
};

class Pool {
public:
    explicit Pool(std::string path) : path_(std::move(path)) {}

    std::unique_ptr<Connection> acquire() {
        {
            const MutexLock lock(mutex_);
            if (!idle_.empty()) {
                auto c = std::move(idle_.back());
                idle_.pop_back();
                return c;
            }
        }
        return open();
    }

    void release(std::unique_ptr<Connection> c) {
        const MutexLock lock(mutex_);
        if (idle_.size() < kPoolSize) idle_.push_back(std::move(c));
    }

    [[nodiscard]] std::unique_ptr<Connection> open() const {
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(path_.c_str(), &db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            Status s = error_status(db, rc, "open " + path_);
            sqlite3_close_v2(db);
            throw Failure(Status::Unavailable("the database cannot be opened", s.log_detail()));
        }
        auto c = std::make_unique<Connection>(db);
        sqlite3_busy_timeout(db, kBusyTimeoutMs);
        sqlite3_extended_result_codes(db, 1);
        c->exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
        return c;
    }

private:
    std::string path_;
    Mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_ SK_GUARDED_BY(mutex_);
};

void bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        int rc = SQLITE_OK;
        const Value& v = params[i];
        if (std::holds_alternative<std::monostate>(v)) {
            rc = sqlite3_bind_null(stmt, index);
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(stmt, index, *n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(stmt, index, *d);
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        } else if (const auto* b = std::get_if<Blob>(&v)) {
            rc = sqlite3_bind_blob64(stmt, index, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) throw Failure(error_status(db, rc, "bind"));
    }
}

Value column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
            return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
        case SQLITE_FLOAT:
            return sqlite3_column_double(stmt, i);
        case SQLITE_TEXT: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
        }
        case SQLITE_BLOB: {
            const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
            return Blob{std::string(p == nullptr ? "" : p,
                                    p == nullptr ? 0 : static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)))};
        }
        default:
            return std::monostate{};
    }
}

// The row a statement stands on, read in place.
class SqliteRowView final : public RowView {
public:
    explicit SqliteRowView(sqlite3_stmt* stmt)
        : RowView(static_cast<std::size_t>(sqlite3_column_count(stmt))), stmt_(stmt) {}
    [[nodiscard]] bool is_null(std::size_t i) const override {
        return sqlite3_column_type(stmt_, column_index(i)) == SQLITE_NULL;
    }
    [[nodiscard]] std::string_view text(std::size_t i) const override {
        const int c = column_index(i);
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
        return p == nullptr ? std::string_view{}
                            : std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)));
    }
    [[nodiscard]] std::int64_t integer(std::size_t i) const override {
        return sqlite3_column_int64(stmt_, column_index(i));
    }

private:
    sqlite3_stmt* stmt_;
};

class SqliteTransaction final : public Transaction {
public:
    SqliteTransaction(Pool& pool, std::unique_ptr<Connection> conn, TxMode mode) : pool_(pool), conn_(std::move(conn)) {
        conn_->exec(mode == TxMode::kRead ? "BEGIN" : "BEGIN IMMEDIATE");
    }

    ~SqliteTransaction() override {
        if (!done_) {
            try {
                conn_->exec("ROLLBACK");
            } catch (const Failure&) {
                return;  // a connection that cannot roll back is not returned to the pool
            }
        }
        pool_.release(std::move(conn_));
    }
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    Rows run_query(const Query& query, const Params& params) override {
        Rows rows;
        run(query, params, &rows);
        return rows;
    }

    std::int64_t run_execute(const Query& query, const Params& params) override {
        run(query, params, nullptr);
        return sqlite3_changes64(conn_->get());
    }

    void run_each(const Query& query, const Params& params, RowVisitor visit) override {
        run(query, params, nullptr, &visit);
    }

    // Migrations hold several statements; only they come through here.
    void exec_script(std::string_view sql) { conn_->exec(sql); }

    void commit() override {
        conn_->exec("COMMIT");
        done_ = true;
    }

    void savepoint(std::string_view name) override { conn_->exec("SAVEPOINT " + std::string(name)); }
    void release_savepoint(std::string_view name) override { conn_->exec("RELEASE SAVEPOINT " + std::string(name)); }
    void rollback_to_savepoint(std::string_view name) override {
        conn_->exec("ROLLBACK TO SAVEPOINT " + std::string(name));
    }

private:
    // Collects the rows into `rows`, or hands each to `visit`, or (neither) only steps through them.
    void run(const Query& query, const Params& params, Rows* rows, const RowVisitor* visit = nullptr) {
        sqlite3* db = conn_->get();
        const Statement stmt = conn_->statement(query);
        sqlite3_stmt* raw = stmt.get();
        bind(db, raw, params);
        const SqliteRowView view(raw);
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
            if (visit != nullptr) (*visit)(view);
            if (rows == nullptr) continue;
            const int n = sqlite3_column_count(raw);
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(n));
            for (int i = 0; i < n; ++i) values.push_back(column(raw, i));
            rows->emplace_back(std::move(values));
        }
        if (rc != SQLITE_DONE) throw Failure(error_status(db, rc, "step " + std::string(query.sql)));
    }

    Pool& pool_;
    std::unique_ptr<Connection> conn_;
    bool done_ = false;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(std::string path) : pool_(std::move(path)) {}

    std::unique_ptr<Transaction> begin(TxMode mode) override {
        return std::make_unique<SqliteTransaction>(pool_, pool_.acquire(), mode);
    }

    Status migrate() override {
        return apply_migrations(*this, sqlite_migrations(), [](Transaction& tx, std::string_view sql) {
            dynamic_cast<SqliteTransaction&>(tx).exec_script(sql);
        });
    }

    Status ping() override {
        return in_transaction(*this, TxMode::kRead, [](Transaction& tx) {
            tx.query("SELECT 1");
            return Status::Ok();
        });
    }

    [[nodiscard]] std::string_view backend() const override { return "sqlite"; }

private:
    Pool pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
    try {
        const std::filesystem::path p(path);
        if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
        auto store = std::make_unique<SqliteStore>(path);
        SK_RETURN_IF_ERROR(store->ping());
        return std::unique_ptr<Store>(std::move(store));
    } catch (const Failure& f) {
        return f.status();
    } catch (const std::filesystem::filesystem_error& e) {
        return Status::Unavailable("the database directory cannot be created", e.what());
    }
}

}  // namespace seatkeeper::store::sqlite
