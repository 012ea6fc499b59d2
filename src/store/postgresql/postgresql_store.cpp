#include "store/postgresql/postgresql_store.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/mutex.hpp"
#include "store/migrations.hpp"
#include "store/postgresql/postgresql_sql.hpp"

namespace seatkeeper::store::postgresql {
namespace {

constexpr std::size_t kPoolSize = 16;
// The channel every write transaction notifies as it commits (store.hpp "Change notifications").
constexpr std::string_view kChangesChannel = "seatkeeper_changes";
constexpr auto kAcquireTimeout = std::chrono::seconds(5);
constexpr std::size_t kMaxPreparedPerConnection = 256;
// Rows fetched per round trip by Transaction::each, which reads through a cursor rather than one result.
constexpr int kCursorBatch = 50000;

// Type OIDs from PostgreSQL's catalog (pg_type.dat); fixed since they were assigned.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;
constexpr Oid kUntyped = 0;  // the server infers the type from where the parameter is used

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// See the header: writers queue for kWriterLock (at most 5 s) and tell the listening nodes when they commit;
// row-locked transactions lock only their rows; readers share one snapshot and lock nothing.
std::string begin_sql(TxMode mode) {
    if (mode == TxMode::kRead) return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    if (mode == TxMode::kRowLocked) return "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '5s'";
    return "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '5s'; SELECT pg_advisory_xact_lock(" +
           std::to_string(kWriterLock) + "); NOTIFY " + std::string(kChangesChannel);
}

std::string trimmed(const char* message) {
    std::string s = message != nullptr ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// The Status of a failed command: by SQLSTATE when the server sent one; a connection that broke on the way
// has none and is Unavailable.
Status error_status(PGconn* conn, const PGresult* result, std::string_view what) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string message = result != nullptr && *PQresultErrorMessage(result) != '\0'
                                    ? trimmed(PQresultErrorMessage(result))
                                    : trimmed(PQerrorMessage(conn));
    std::string detail = std::string(what) + ": " + message;
    if (state != nullptr) detail += " (SQLSTATE " + std::string(state) + ")";
    if (state == nullptr && PQstatus(conn) == CONNECTION_BAD) {
        return Status::Unavailable("the database is unavailable; retry", std::move(detail));
    }
    return status_from_sqlstate(state != nullptr ? state : "", std::move(detail));
}

Value column(const PGresult* result, int row, int col) {
    if (PQgetisnull(result, row, col) != 0) return std::monostate{};
    const char* text = PQgetvalue(result, row, col);
    const auto length = static_cast<std::size_t>(PQgetlength(result, row, col));
    switch (PQftype(result, col)) {
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid: {
            std::int64_t n = 0;
            const auto [end, ec] = std::from_chars(text, text + length, n);
            if (ec == std::errc() && end == text + length) return n;
            break;
        }
        case kBoolOid:
            return std::int64_t{text[0] == 't' ? 1 : 0};
        case kFloat4Oid:
        case kFloat8Oid:
        case kNumericOid: {
            double d = 0;
            const auto [end, ec] = std::from_chars(text, text + length, d);
            if (ec == std::errc() && end == text + length) return d;
            break;
        }
        case kByteaOid: {
            std::size_t size = 0;
            unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
            if (bytes == nullptr)
                throw Failure(Status::Internal("bytea column " + std::to_string(col) + " is malformed"));
            Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
            PQfreemem(bytes);
            return blob;
        }
        default:
            break;
    }
    return std::string(text, length);
}

// The arrays libpq takes for the parameters of one statement; `text_` owns the text of numbers.
class BoundParams {
public:
    explicit BoundParams(const Params& params) {
        const std::size_t n = params.size();
        types_.resize(n, kUntyped);
        values_.resize(n, nullptr);
        lengths_.resize(n, 0);
        formats_.resize(n, 0);
        text_.reserve(n);  // no reallocation: values_ points into these strings
        for (std::size_t i = 0; i < n; ++i) {
            const Value& v = params[i];
            if (const auto* integer = std::get_if<std::int64_t>(&v)) {
                types_[i] = kInt8Oid;
                values_[i] = text_.emplace_back(std::to_string(*integer)).c_str();
            } else if (const auto* real = std::get_if<double>(&v)) {
                types_[i] = kFloat8Oid;
                std::array<char, 32> buffer{};
                const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *real);
                values_[i] = text_.emplace_back(buffer.data(), ec == std::errc() ? end : buffer.data()).c_str();
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                values_[i] = s->c_str();
            } else if (const auto* blob = std::get_if<Blob>(&v)) {
                types_[i] = kByteaOid;
                values_[i] = blob->bytes.data();
                lengths_[i] = static_cast<int>(blob->bytes.size());
                formats_[i] = 1;
            }
        }
    }

    [[nodiscard]] int count() const { return static_cast<int>(types_.size()); }
    [[nodiscard]] const Oid* types() const { return types_.data(); }
    [[nodiscard]] const char* const* values() const { return values_.data(); }
    [[nodiscard]] const int* lengths() const { return lengths_.data(); }
    [[nodiscard]] const int* formats() const { return formats_.data(); }
    // A statement prepared for some parameter types serves only calls with the same types.
    [[nodiscard]] std::string signature() const {
        std::string out;
        for (const Oid t : types_) out += std::to_string(t) + ",";
        return out;
    }

private:
    std::vector<Oid> types_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::vector<std::string> text_;
};

// One libpq connection and the statements prepared on it.
class Connection {
public:
    explicit Connection(PGconn* conn) : conn_(conn) {}
    ~Connection() { PQfinish(conn_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    static std::unique_ptr<Connection> open(const std::string& url) {
        // Keywords before "dbname" are defaults that the URL may override; the URL is expanded in place.
        const std::array<const char*, 5> keywords{"connect_timeout", "client_encoding", "fallback_application_name",
                                                  "dbname", nullptr};
        const std::array<const char*, 5> values{"5", "UTF8", "seatkeeper", url.c_str(), nullptr};
        auto conn = std::make_unique<Connection>(PQconnectdbParams(keywords.data(), values.data(), 1));
        if (conn->conn_ == nullptr)
            throw Failure(Status::Unavailable("the database cannot be opened", "out of memory"));
        if (PQstatus(conn->conn_) != CONNECTION_OK) {
            throw Failure(Status::Unavailable("the database cannot be opened",
                                              "connect: " + trimmed(PQerrorMessage(conn->conn_))));
        }
        // Notices ("relation already exists, skipping") are expected chatter, not errors; libpq would print
        // them on stderr.
        PQsetNoticeProcessor(
            conn->conn_, [](void*, const char*) {}, nullptr);
        return conn;
    }

    // Whether the connection can serve the next transaction.
    [[nodiscard]] bool reusable() const {
        return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
    }
    [[nodiscard]] bool broken() const { return PQstatus(conn_) == CONNECTION_BAD; }
    [[nodiscard]] PGconn* get() const { return conn_; }

    // Simple-query protocol, no parameters: BEGIN/COMMIT/ROLLBACK and migrations (several statements).
    // Returns the last command's tag.
    std::string exec(const std::string& sql) {
        const ResultPtr result(PQexec(conn_, sql.c_str()), PQclear);
        check(result.get(), sql);
        return PQcmdStatus(result.get());
    }

    ResultPtr run(const Query& query, const Params& params) {
        const std::string_view sql = query.sql;
        const BoundParams bound(params);
        // A named query is prepared under its name (and "name#2" … for other parameter types: a statement
        // prepared for some types serves only calls with the same types), found again by name without reading its
        // text; an unnamed one by its text, up to kMaxPreparedPerConnection of them. Either way a statement is
        // numbered ($1 … $n) and its parameters counted once, when it is prepared.
        std::string key = query.name.empty() ? std::string(sql) : std::string(query.name);
        key += '\0';
        key += bound.signature();
        auto it = prepared_.find(key);
        if (it != prepared_.end() && !query.name.empty() && it->second.seen != sql.data() && it->second.sql != sql) {
            throw Failure(Status::Internal("two queries are named " + std::string(query.name)));
        }
        std::optional<NumberedSql> numbered;
        if (it == prepared_.end()) {
            numbered = number_placeholders(sql);
            if (numbered->placeholders != params.size()) {
                throw Failure(Status::Internal("statement " + std::string(query.name) + " has " +
                                               std::to_string(numbered->placeholders) + " placeholders but " +
                                               std::to_string(params.size()) + " parameters: " + std::string(sql)));
            }
            std::string name;
            if (!query.name.empty()) {
                const auto [text, fresh] = named_.try_emplace(std::string(query.name), PreparedName{std::string(sql)});
                if (!fresh && text->second.sql != sql) {
                    throw Failure(Status::Internal("two queries are named " + std::string(query.name)));
                }
                name = std::string(query.name);
                if (++text->second.variants > 1) name += "#" + std::to_string(text->second.variants);
            } else if (unnamed_ < kMaxPreparedPerConnection) {
                name = "sk" + std::to_string(++unnamed_);
            }
            if (!name.empty()) {
                const ResultPtr prepared(
                    PQprepare(conn_, name.c_str(), numbered->sql.c_str(), bound.count(), bound.types()), PQclear);
                check(prepared.get(), sql);
                const std::string_view prepared_sql =
                    query.name.empty() ? std::string_view{} : named_.at(std::string(query.name)).sql;
                it = prepared_.emplace(std::move(key), Prepared{std::move(name), prepared_sql, sql.data()}).first;
            }
        }
        ResultPtr result = it != prepared_.end()
                               ? ResultPtr(PQexecPrepared(conn_, it->second.name.c_str(), bound.count(), bound.values(),
                                                          bound.lengths(), bound.formats(), 0),
                                           PQclear)
                               : ResultPtr(PQexecParams(conn_, numbered->sql.c_str(), bound.count(), bound.types(),
                                                        bound.values(), bound.lengths(), bound.formats(), 0),
                                           PQclear);
        check(result.get(), sql);
        return result;
    }

private:
    void check(const PGresult* result, std::string_view sql) {
        const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        throw Failure(error_status(conn_, result, sql));
    }

    PGconn* conn_;
    struct PreparedName {
        std::string sql;   // the text prepared under the name
        int variants = 0;  // how many parameter-type variants are prepared
    };
    struct Prepared {
        std::string name;      // the statement's name on the connection
        std::string_view sql;  // a named query's text (in named_), to tell a second text under its name
        const char* seen;      // where the text was when prepared: a query found again at the same place is the same
    };
    // A named query's name (or an unnamed one's text) and its parameter types → the statement prepared for them.
    std::unordered_map<std::string, Prepared> prepared_;
    std::unordered_map<std::string, PreparedName> named_;
    std::size_t unnamed_ = 0;
};

// At most kPoolSize connections, opened when needed; a caller waits for a free one up to kAcquireTimeout.
class Pool {
public:
    explicit Pool(std::string url) : url_(std::move(url)) {}

    // The connection and whether it was opened just now (so cannot be stale).
    std::pair<std::unique_ptr<Connection>, bool> acquire() {
        {
            MutexLock lock(mutex_);
            const auto deadline = std::chrono::steady_clock::now() + kAcquireTimeout;
            while (idle_.empty() && open_ >= kPoolSize && std::chrono::steady_clock::now() < deadline) {
                lock.wait_until(available_, deadline);
            }
            if (idle_.empty() && open_ >= kPoolSize) {
                throw Failure(Status::Unavailable("the database is busy; retry",
                                                  "all " + std::to_string(kPoolSize) + " connections are in use"));
            }
            if (!idle_.empty()) {
                auto c = std::move(idle_.back());
                idle_.pop_back();
                return {std::move(c), false};
            }
            ++open_;
        }
        try {
            return {Connection::open(url_), true};
        } catch (...) {
            forget();
            throw;
        }
    }

    void release(std::unique_ptr<Connection> c) {
        if (!c->reusable()) {
            c.reset();
            forget();
            return;
        }
        {
            const MutexLock lock(mutex_);
            idle_.push_back(std::move(c));
        }
        available_.notify_one();
    }

private:
    void forget() {
        {
            const MutexLock lock(mutex_);
            --open_;
        }
        available_.notify_one();
    }

    const std::string url_;
    Mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_ SK_GUARDED_BY(mutex_);
    std::size_t open_ SK_GUARDED_BY(mutex_) = 0;  // idle and in use
};

// One row of a fetched batch, read in place (libpq's text format).
class PostgresqlRowView final : public RowView {
public:
    explicit PostgresqlRowView(const PGresult* result)
        : RowView(static_cast<std::size_t>(PQnfields(result))), result_(result) {}
    void at(int row) { row_ = row; }
    [[nodiscard]] bool is_null(std::size_t i) const override {
        return PQgetisnull(result_, row_, column_index(i)) != 0;
    }
    [[nodiscard]] std::string_view text(std::size_t i) const override {
        const int c = column_index(i);
        return {PQgetvalue(result_, row_, c), static_cast<std::size_t>(PQgetlength(result_, row_, c))};
    }
    [[nodiscard]] std::int64_t integer(std::size_t i) const override {
        const int c = column_index(i);
        if (PQgetisnull(result_, row_, c) != 0) return 0;
        const std::string_view t = text(i);
        if (PQftype(result_, c) == kBoolOid) return t == "t" ? 1 : 0;
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
        if (ec != std::errc() || end != t.data() + t.size()) {
            throw Failure(Status::Internal("column " + std::to_string(i) + " is not an integer"));
        }
        return n;
    }

private:
    const PGresult* result_;
    int row_ = 0;
};

class PostgresqlTransaction final : public Transaction {
public:
    PostgresqlTransaction(Pool& pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}

    ~PostgresqlTransaction() override {
        if (!done_ && !conn_->broken()) {
            try {
                conn_->exec("ROLLBACK");
            } catch (const Failure&) {
                // The pool drops a connection left inside a transaction.
            }
        }
        pool_.release(std::move(conn_));
    }
    PostgresqlTransaction(const PostgresqlTransaction&) = delete;
    PostgresqlTransaction& operator=(const PostgresqlTransaction&) = delete;

    Rows run_query(const Query& query, const Params& params) override {
        const ResultPtr result = conn_->run(query, params);
        const int n = PQntuples(result.get());
        const int columns = PQnfields(result.get());
        Rows rows;
        rows.reserve(static_cast<std::size_t>(n));
        for (int r = 0; r < n; ++r) {
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) values.push_back(column(result.get(), r, c));
            rows.emplace_back(std::move(values));
        }
        return rows;
    }

    std::int64_t run_execute(const Query& query, const Params& params) override {
        const ResultPtr result = conn_->run(query, params);
        const std::string_view tuples = PQcmdTuples(result.get());
        std::int64_t n = 0;
        std::from_chars(tuples.data(), tuples.data() + tuples.size(), n);
        return n;
    }

    // Through a cursor, kCursorBatch rows at a time, so that no result holds every row. A cursor lives until the
    // end of the transaction; a visit that throws leaves it to the rollback. `each` inside a visit opens a
    // cursor of its own.
    void run_each(const Query& query, const Params& params, RowVisitor visit) override {
        const std::string cursor = "sk_each" + std::to_string(open_cursors_);
        const std::string declare = "DECLARE " + cursor + " NO SCROLL CURSOR FOR " + std::string(query.sql);
        const std::string name = query.name.empty() ? std::string() : std::string(query.name) + "#" + cursor;
        conn_->run(Query{name, declare}, params);
        ++open_cursors_;
        const std::string fetch = "FETCH FORWARD " + std::to_string(kCursorBatch) + " FROM " + cursor;
        while (true) {
            const ResultPtr batch = conn_->run(Query{{}, fetch}, {});
            const int n = PQntuples(batch.get());
            PostgresqlRowView view(batch.get());
            for (int r = 0; r < n; ++r) {
                view.at(r);
                visit(view);
            }
            if (n < kCursorBatch) break;
        }
        conn_->exec("CLOSE " + cursor);
        --open_cursors_;
    }

    // Migrations hold several statements; only they come through here.
    void exec_script(std::string_view sql) { conn_->exec(std::string(sql)); }

    void commit() override {
        // COMMIT of a transaction that an error aborted answers ROLLBACK, without an error of its own.
        const std::string tag = conn_->exec("COMMIT");
        done_ = true;
        if (tag != "COMMIT") throw Failure(Status::Internal("COMMIT of an aborted transaction rolled back"));
    }

    // Simple-query protocol like BEGIN and COMMIT: nothing to prepare, and the names repeat in every transaction.
    void savepoint(std::string_view name) override { conn_->exec("SAVEPOINT " + std::string(name)); }
    void release_savepoint(std::string_view name) override { conn_->exec("RELEASE SAVEPOINT " + std::string(name)); }
    void rollback_to_savepoint(std::string_view name) override {
        conn_->exec("ROLLBACK TO SAVEPOINT " + std::string(name));
    }

private:
    Pool& pool_;
    std::unique_ptr<Connection> conn_;
    bool done_ = false;
    int open_cursors_ = 0;  // each's cursors open now (nested visits)
};

class PostgresqlStore final : public Store {
public:
    explicit PostgresqlStore(std::string url) : url_(url), pool_(std::move(url)) {}

    std::unique_ptr<Transaction> begin(TxMode mode) override {
        const std::string sql = begin_sql(mode);
        // Stale pooled connections fail at their first command; each is dropped and the next one tried,
        // until a connection opened just now fails too (then the server is really gone).
        while (true) {
            auto [conn, fresh] = pool_.acquire();
            try {
                conn->exec(sql);
                return std::make_unique<PostgresqlTransaction>(pool_, std::move(conn));
            } catch (const Failure&) {
                const bool retry = !fresh && conn->broken();
                if (!conn->broken()) {
                    try {
                        conn->exec("ROLLBACK");
                    } catch (const Failure&) {
                        // released below; the pool drops it if it is still inside a transaction
                    }
                }
                pool_.release(std::move(conn));
                if (!retry) throw;
            }
        }
    }

    Status migrate() override {
        return apply_migrations(*this, postgresql_migrations(), [](Transaction& tx, std::string_view sql) {
            dynamic_cast<PostgresqlTransaction&>(tx).exec_script(sql);
        });
    }

    Status ping() override {
        return in_transaction(*this, TxMode::kRead, [](Transaction& tx) {
            tx.query("SELECT 1");
            return Status::Ok();
        });
    }

    [[nodiscard]] std::string_view backend() const override { return "postgresql"; }
    [[nodiscard]] bool row_locks() const override { return true; }
    std::unique_ptr<ChangeListener> listen() override { return std::make_unique<Listener>(url_); }

private:
    // A connection of its own, outside the pool, that LISTENs on kChangesChannel.
    class Listener final : public ChangeListener {
    public:
        explicit Listener(std::string url) : url_(std::move(url)) {}

        bool wait(std::int64_t timeout_ms) override {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
            if (!conn_ || conn_->broken()) {
                if (!connect()) {
                    std::this_thread::sleep_until(deadline);
                    return false;
                }
                return true;  // listening from now on; the caller reads what committed before
            }
            PGconn* c = conn_->get();
            while (true) {
                if (drain(c)) return true;
                const auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0) return false;
                pollfd fd{PQsocket(c), POLLIN, 0};
                if (::poll(&fd, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) {
                    conn_.reset();
                    return false;
                }
                if (PQconsumeInput(c) == 0) {  // the connection broke: reopened at the next call
                    conn_.reset();
                    return false;
                }
            }
        }

    private:
        bool connect() {
            try {
                conn_ = Connection::open(url_);
                conn_->exec("LISTEN " + std::string(kChangesChannel));
                return true;
            } catch (const Failure&) {
                conn_.reset();
                return false;
            }
        }
        // Whether notifications have arrived; takes them all.
        static bool drain(PGconn* c) {
            bool any = false;
            while (PGnotify* n = PQnotifies(c)) {
                PQfreemem(n);
                any = true;
            }
            return any;
        }

        std::string url_;
        std::unique_ptr<Connection> conn_;
    };

    std::string url_;
    Pool pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgresql_store(const std::string& url) {
    try {
        auto store = std::make_unique<PostgresqlStore>(url);
        SK_RETURN_IF_ERROR(store->ping());
        return std::unique_ptr<Store>(std::move(store));
    } catch (const Failure& f) {
        return f.status();
    }
}

}  // namespace seatkeeper::store::postgresql
