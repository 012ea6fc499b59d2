#include "store/store.hpp"

#include <chrono>
#include <condition_variable>

#include "common/mutex.hpp"
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

int RowView::column_index(std::size_t i) const {
    if (i >= size_) throw Failure(Status::Internal("column " + std::to_string(i) + " is out of range"));
    return static_cast<int>(i);
}

// ---- Units of work, nesting and the one write path (store.hpp) ---------------------------------------------

namespace {
thread_local int read_only_scopes = 0;
thread_local detail::WriteTransaction* innermost_write = nullptr;  // this thread's write transactions, a stack
thread_local int row_locked_units = 0;  // this thread's kRowLocked transactions of their own (0 or 1)
}  // namespace

ReadOnlyScope::ReadOnlyScope() { ++read_only_scopes; }
ReadOnlyScope::~ReadOnlyScope() { --read_only_scopes; }

namespace detail {

// Group commit (store.hpp "Group commit"). The turn is a flag rather than a held mutex, so that the unit holding
// it runs its statements, and the committer flushes, without the mutex: waiting writers sleep on `changed_`.
class GroupCommit {
public:
    // The backend write transaction that units take turns in. Only the thread holding the turn touches `tx`,
    // `units` and `broken`; `done` and `outcome` are read and written under GroupCommit::mutex_.
    struct Batch {
        std::unique_ptr<Transaction> tx;
        std::size_t units = 0;
        bool broken = false;  // a unit's savepoint could not be rolled back: the batch must not commit
        bool done = false;
        Status outcome;  // the commit's, once done
    };

    explicit GroupCommit(Store& store) : store_(store) {}

    // Waits for the turn (at most kTurnWait) and returns the open batch with the caller counted in it, beginning
    // one when none is open. Throws Failure (Unavailable after the wait, or the backend's BEGIN failing).
    std::shared_ptr<Batch> join() {
        std::shared_ptr<Batch> batch;
        {
            MutexLock lock(mutex_);
            ++waiting_;
            const auto deadline = std::chrono::steady_clock::now() + kTurnWait;
            while (turn_taken_ && std::chrono::steady_clock::now() < deadline) lock.wait_until(changed_, deadline);
            --waiting_;
            if (turn_taken_) {
                throw Failure(Status::Unavailable("the database is busy; retry",
                                                  "waited 5 s for the writers' turn of this process"));
            }
            turn_taken_ = true;
            batch = open_;
        }
        if (!batch) {
            try {
                auto fresh = std::make_shared<Batch>();
                fresh->tx = store_.begin(TxMode::kWrite);
                batch = std::move(fresh);
            } catch (...) {
                const MutexLock lock(mutex_);
                turn_taken_ = false;
                changed_.notify_all();
                throw;
            }
        }
        const MutexLock lock(mutex_);
        open_ = batch;
        ++batch->units;
        return batch;
    }

    // Gives the turn up once the caller's unit is done in `batch` (its savepoint released or rolled back). The
    // caller commits the batch when no writer waits for the turn, the batch is full or broken; otherwise the
    // next writer goes on in it. With `wait`, returns once the batch is committed, with the commit's outcome;
    // without (a unit that failed anyway), Ok at once unless the caller committed.
    Status leave(const std::shared_ptr<Batch>& batch, bool wait) {
        bool commit_now = false;
        {
            const MutexLock lock(mutex_);
            commit_now = waiting_ == 0 || batch->units >= kMaxUnits || batch->broken;
            if (commit_now) {
                open_.reset();  // the turn stays taken: the next writer begins a new batch after this commit
            } else {
                turn_taken_ = false;
                changed_.notify_all();
            }
        }
        if (commit_now) {
            Status outcome = Status::Ok();
            try {
                if (batch->broken) {
                    throw Failure(Status::Internal("a savepoint of this transaction could not be rolled back"));
                }
                batch->tx->commit();
                ++store_.commits_;
            } catch (const Failure& failure) {
                outcome = failure.status();
            }
            batch->tx.reset();  // rolls back unless committed; hands the connection back
            const MutexLock lock(mutex_);
            batch->done = true;
            batch->outcome = outcome;
            turn_taken_ = false;
            changed_.notify_all();
            return outcome;
        }
        if (!wait) return Status::Ok();
        MutexLock lock(mutex_);
        while (!batch->done) lock.wait(changed_);
        return batch->outcome;
    }

    [[nodiscard]] std::uint64_t waiting() const {
        const MutexLock lock(mutex_);
        return waiting_;
    }

private:
    // As long as a writer waits for the database's own lock (the SQLite busy timeout, PostgreSQL lock_timeout).
    static constexpr auto kTurnWait = std::chrono::seconds(5);
    // Units in one batch at most, so that a steady stream of writers still commits.
    static constexpr std::size_t kMaxUnits = 256;

    Store& store_;
    mutable Mutex mutex_;
    std::condition_variable changed_;  // the turn was given up, or a batch committed
    bool turn_taken_ SK_GUARDED_BY(mutex_) = false;
    std::uint64_t waiting_ SK_GUARDED_BY(mutex_) = 0;
    std::shared_ptr<Batch> open_ SK_GUARDED_BY(mutex_);
};

// A write unit of work of its own, begun at once (kWrite) or at its first use (kDeferredWrite), run in the
// store's open batch (GroupCommit) in the savepoint kUnitSavepoint. While it lives it is this thread's write
// transaction on its store, which nested calls join in savepoints of their own.
class WriteTransaction final : public Transaction {
public:
    WriteTransaction(Store& store, bool deferred) : store_(store), outer_(innermost_write) {
        if (!deferred) begun();
        innermost_write = this;
    }
    ~WriteTransaction() override {
        innermost_write = outer_;
        if (!batch_ || left_) return;
        // Not committed: undo this unit's writes, and leave the batch to the others.
        try {
            batch_->tx->rollback_to_savepoint(kUnitSavepoint);
            batch_->tx->release_savepoint(kUnitSavepoint);
        } catch (const Failure&) {
            batch_->broken = true;
        }
        leave(false);
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    // This thread's write transaction on `store`, if any.
    static WriteTransaction* on(const Store& store) {
        for (WriteTransaction* w = innermost_write; w != nullptr; w = w->outer_) {
            if (&w->store_ == &store) return w;
        }
        return nullptr;
    }

    [[nodiscard]] bool has_begun() const { return batch_ != nullptr; }

    // The batch's backend transaction, joined now (the writers' turn taken, this unit's savepoint open) if this
    // unit was deferred.
    Transaction& begun() {
        if (broken_) throw Failure(Status::Internal("a savepoint of this transaction could not be rolled back"));
        if (!batch_) {
            batch_ = store_.group_commit_->join();
            ++store_.writes_;
            try {
                batch_->tx->savepoint(kUnitSavepoint);
            } catch (const Failure&) {
                batch_->broken = true;  // the batch's transaction is in an unknown state
                leave(false);
                throw;
            }
        }
        return *batch_->tx;
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
    // Keeps this unit's writes in the batch and returns once the batch has committed; throws its failure.
    void commit() override {
        if (broken_) throw Failure(Status::Internal("a savepoint of this transaction could not be rolled back"));
        if (!batch_) return;  // a deferred transaction that never began has nothing to commit
        batch_->tx->release_savepoint(kUnitSavepoint);
        const Status outcome = leave(true);
        if (!outcome.ok()) throw Failure(outcome);
    }
    void savepoint(std::string_view name) override { begun().savepoint(name); }
    void release_savepoint(std::string_view name) override { begun().release_savepoint(name); }
    void rollback_to_savepoint(std::string_view name) override { begun().rollback_to_savepoint(name); }

private:
    static constexpr std::string_view kUnitSavepoint = "unit";

    Status leave(bool wait) {
        left_ = true;
        return store_.group_commit_->leave(batch_, wait);
    }

    Store& store_;
    WriteTransaction* outer_;
    std::shared_ptr<GroupCommit::Batch> batch_;
    bool left_ = false;
    int savepoints_ = 0;
    bool broken_ = false;
};

UnitOfWork::UnitOfWork(Store& store, TxMode mode) {
    const bool writes = mode != TxMode::kRead;
    if (writes && read_only_scopes > 0) {
        throw Failure(Status::Internal("a write transaction was begun while answering a read-only request"));
    }
    if (writes && row_locked_units > 0) {
        throw Failure(Status::Internal("a write transaction was begun inside a row-locked one"));
    }
    WriteTransaction* ambient = WriteTransaction::on(store);
    if (mode == TxMode::kRowLocked && ambient == nullptr && store.row_locks()) {
        row_locked_ = store.begin(TxMode::kRowLocked);
        ++row_locked_units;
        ++store.writes_;
        store_ = &store;
        return;
    }
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
    if (row_locked_) --row_locked_units;  // the transaction rolls back unless committed
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
    if (row_locked_) return *row_locked_;
    // The backend's own transaction when it has begun (migrations run scripts through it), else the deferred one.
    return write_->has_begun() ? write_->begun() : static_cast<Transaction&>(*write_);
}

void UnitOfWork::commit() {
    if (joined_ != nullptr) {
        joined_->release_savepoint(savepoint_);
    } else if (read_) {
        read_->commit();
    } else if (row_locked_) {
        row_locked_->commit();
        ++store_->commits_;
    } else {
        write_->commit();
    }
    committed_ = true;
}

}  // namespace detail

Store::Store() : group_commit_(std::make_unique<detail::GroupCommit>(*this)) {}
Store::~Store() = default;

TransactionCounts Store::transaction_counts() const {
    return {reads_.load(), writes_.load(), nested_.load(), commits_.load(), group_commit_->waiting()};
}

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
