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

// ---- Units of work, nesting and the one write path (store.hpp) ---------------------------------------------

namespace {
thread_local int read_only_scopes = 0;
thread_local detail::WriteTransaction* innermost_write = nullptr;  // this thread's write transactions, a stack
}  // namespace

ReadOnlyScope::ReadOnlyScope() { ++read_only_scopes; }
ReadOnlyScope::~ReadOnlyScope() { --read_only_scopes; }

namespace detail {

// A write transaction owned by an in_transaction call, begun at once (kWrite) or at its first use
// (kDeferredWrite). While it lives it is this thread's write transaction on its store, which nested calls join.
class WriteTransaction final : public Transaction {
public:
    WriteTransaction(Store& store, bool deferred) : store_(store), outer_(innermost_write) {
        if (!deferred) begun();
        innermost_write = this;
    }
    ~WriteTransaction() override { innermost_write = outer_; }  // tx_ rolls back unless committed
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    // This thread's write transaction on `store`, if any.
    static WriteTransaction* on(const Store& store) {
        for (WriteTransaction* w = innermost_write; w != nullptr; w = w->outer_) {
            if (&w->store_ == &store) return w;
        }
        return nullptr;
    }

    [[nodiscard]] bool has_begun() const { return tx_ != nullptr; }

    // The backend's transaction, begun now if it was deferred.
    Transaction& begun() {
        if (broken_) throw Failure(Status::Internal("a savepoint of this transaction could not be rolled back"));
        if (!tx_) {
            tx_ = store_.begin(TxMode::kWrite);
            ++store_.writes_;
        }
        return *tx_;
    }

    std::string next_savepoint() { return "sk" + std::to_string(++savepoints_); }
    // After a savepoint that could not be rolled back, nothing more may run or commit in this transaction.
    void mark_broken() { broken_ = true; }

    Rows run_query(const Query& query, const Params& params) override { return begun().query(query, params); }
    std::int64_t run_execute(const Query& query, const Params& params) override {
        return begun().execute(query, params);
    }
    void run_each(const Query& query, const Params& params, RowVisitor visit) override {
        begun().each(query, params, visit);
    }
    void commit() override {
        if (broken_) throw Failure(Status::Internal("a savepoint of this transaction could not be rolled back"));
        if (tx_) tx_->commit();  // a deferred transaction that never began has nothing to commit
    }
    void savepoint(std::string_view name) override { begun().savepoint(name); }
    void release_savepoint(std::string_view name) override { begun().release_savepoint(name); }
    void rollback_to_savepoint(std::string_view name) override { begun().rollback_to_savepoint(name); }

private:
    Store& store_;
    WriteTransaction* outer_;
    std::unique_ptr<Transaction> tx_;
    int savepoints_ = 0;
    bool broken_ = false;
};

UnitOfWork::UnitOfWork(Store& store, TxMode mode) {
    const bool writes = mode != TxMode::kRead;
    if (writes && read_only_scopes > 0) {
        throw Failure(Status::Internal("a write transaction was begun while answering a read-only request"));
    }
    WriteTransaction* ambient = WriteTransaction::on(store);
    if (ambient != nullptr && (writes || ambient->has_begun())) {
        joined_ = ambient;
        savepoint_ = ambient->next_savepoint();
        ambient->savepoint(savepoint_);  // begins a deferred transaction: this is its first write
        ++store.nested_;
    } else if (writes) {
        write_ = std::make_unique<WriteTransaction>(store, mode == TxMode::kDeferredWrite);
    } else {
        read_ = store.begin(TxMode::kRead);
        ++store.reads_;
    }
}

UnitOfWork::~UnitOfWork() {
    if (joined_ == nullptr || committed_) return;
    try {
        joined_->rollback_to_savepoint(savepoint_);
        joined_->release_savepoint(savepoint_);
    } catch (const Failure&) {
        joined_->mark_broken();
    }
}

Transaction& UnitOfWork::transaction() {
    if (joined_ != nullptr) return joined_->begun();
    if (read_) return *read_;
    // The backend's own transaction when it has begun (migrations run scripts through it), else the deferred one.
    return write_->has_begun() ? write_->begun() : static_cast<Transaction&>(*write_);
}

void UnitOfWork::commit() {
    if (joined_ != nullptr) {
        joined_->release_savepoint(savepoint_);
    } else if (read_) {
        read_->commit();
    } else {
        write_->commit();
    }
    committed_ = true;
}

}  // namespace detail

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
