#include "store/store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "store/migrations.hpp"
#include "store/store_test_fixture.hpp"

namespace seatkeeper::store {
namespace {

namespace fs = std::filesystem;

// The store's contract, on each backend.
class StoreTest : public StoreFixture, public ::testing::WithParamInterface<std::string> {
protected:
    [[nodiscard]] std::string backend() const override { return GetParam(); }
};

INSTANTIATE_TEST_SUITE_P(On, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

// What only the SQLite store does.
class SqliteStore : public StoreFixture {
protected:
    [[nodiscard]] std::string backend() const override { return "sqlite"; }
};

// ---- Opening and migrating ----------------------------------------------------------------------------------

TEST_P(StoreTest, OpensTheBackendItsUrlNames) {
    EXPECT_EQ(store_->backend(), backend());
    EXPECT_TRUE(store_->ping().ok());
}

TEST_F(SqliteStore, OpenCreatesTheFileAndItsDirectory) {
    EXPECT_TRUE(fs::is_regular_file(sqlite_path()));
    EXPECT_EQ(store_->backend(), "sqlite");
}

TEST_P(StoreTest, MigrateCreatesTheFoundationTables) {
    const auto names = in_transaction(*store_, TxMode::kRead, [this](Transaction& tx) -> Result<std::set<std::string>> {
        std::set<std::string> out;
        for (const Row& row : tx.query(tables_sql())) out.insert(row.text(0));
        return out;
    });
    ASSERT_TRUE(names.ok()) << names.status().log_detail();
    for (const auto* table : {"schema_migrations", "publishers", "users", "sessions", "api_keys", "offers", "plans",
                              "packages", "leads", "events", "jobs"}) {
        EXPECT_TRUE(names->contains(table)) << table;
    }
}

TEST_P(StoreTest, MigrateIsIdempotent) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const Status again = store_->migrate();
    ASSERT_TRUE(again.ok()) << again.log_detail();
    const auto versions = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::vector<int>> {
        std::vector<int> out;
        for (const Row& row : tx.query("SELECT version FROM schema_migrations ORDER BY version")) {
            out.push_back(static_cast<int>(row.integer(0)));
        }
        return out;
    });
    ASSERT_TRUE(versions.ok()) << versions.status().log_detail();
    std::vector<int> expected;
    for (const Migration& m : migrations()) expected.push_back(m.version);
    EXPECT_EQ(*versions, expected);
    ASSERT_FALSE(versions->empty());
    EXPECT_EQ(versions->front(), 1);
    EXPECT_TRUE(publisher_exists("contoso")) << "a second migrate must not touch the data";
}

TEST_P(StoreTest, ReopeningAnExistingDatabaseKeepsItsData) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    store_.reset();
    store_ = open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->migrate().ok());
    EXPECT_TRUE(publisher_exists("contoso"));
}

TEST_F(SqliteStore, ABarePathOpensLikeSqlitePath) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    store_.reset();
    auto reopened = open_store(sqlite_path().string());
    ASSERT_TRUE(reopened.ok()) << reopened.status().log_detail();
    store_ = std::move(reopened).value();
    ASSERT_TRUE(store_->migrate().ok());
    EXPECT_TRUE(publisher_exists("contoso"));
}

// ---- Transactions -------------------------------------------------------------------------------------------

TEST_P(StoreTest, CommitsWhenTheWorkSucceeds) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    EXPECT_TRUE(publisher_exists("contoso"));
}

// A row-locked unit of work (the webhook outbox's claims): commits like any write, takes `FOR UPDATE SKIP LOCKED`
// on both backends (SQLite drops the clause), and refuses a write transaction nested in it.
TEST_P(StoreTest, ARowLockedUnitCommitsReadsForUpdateAndRefusesANestedWrite) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const Status locked = in_transaction(*store_, TxMode::kRowLocked, [](Transaction& tx) -> Status {
        const auto row = tx.query_one("SELECT id FROM publishers WHERE id = 'contoso' FOR UPDATE SKIP LOCKED");
        if (!row) return Status::NotFound("no row");
        tx.execute("UPDATE publishers SET name = 'Locked' WHERE id = 'contoso'");
        return Status::Ok();
    });
    ASSERT_TRUE(locked.ok()) << locked.log_detail();
    const Status nested = in_transaction(*store_, TxMode::kRowLocked, [this](Transaction&) -> Status {
        return in_transaction(*store_, TxMode::kWrite, [](Transaction&) { return Status::Ok(); });
    });
    if (store_->row_locks()) {
        EXPECT_EQ(nested.code(), StatusCode::kInternal);
    }
    const Status read = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Status {
        const auto row = tx.query_one("SELECT name FROM publishers WHERE id = 'contoso'");
        return row && row->text(0) == "Locked" ? Status::Ok() : Status::Internal("not committed");
    });
    EXPECT_TRUE(read.ok()) << read.log_detail();
}

TEST_P(StoreTest, RollsBackWhenTheWorkReturnsAFailedStatus) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'Contoso', 1)");
        return Status::Invalid("name", "too_dull", "the name is too dull");
    });
    EXPECT_EQ(s.code(), StatusCode::kInvalid);
    EXPECT_EQ(s.field(), "name");
    EXPECT_EQ(s.rule(), "too_dull");
    EXPECT_FALSE(publisher_exists("contoso"));
}

TEST_P(StoreTest, RollsBackWhenTheWorkReturnsAFailedResult) {
    const Result<int> r = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) -> Result<int> {
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'Contoso', 1)");
        return Status::NotFound("no such offer");
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
    EXPECT_FALSE(publisher_exists("contoso"));
}

TEST_P(StoreTest, RollsBackAndReturnsTheStatusOfAThrownFailure) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) -> Status {
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'Contoso', 1)");
        throw Failure(Status::Conflict("seats_exhausted", "no seats left"));
    });
    EXPECT_EQ(s.code(), StatusCode::kConflict);
    EXPECT_EQ(s.rule(), "seats_exhausted");
    EXPECT_FALSE(publisher_exists("contoso"));
}

TEST_P(StoreTest, RollsBackWhenAnythingElseIsThrown) {
    EXPECT_THROW(
        in_transaction(*store_, TxMode::kWrite,
                       [](Transaction& tx) -> Status {
                           tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'C', 1)");
                           throw std::runtime_error("a bug");
                       }),
        std::runtime_error);
    EXPECT_FALSE(publisher_exists("contoso"));
    EXPECT_TRUE(add_publisher("fabrikam").ok()) << "the store stays usable";
}

TEST_P(StoreTest, ReturnsTheValueOfASuccessfulResult) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    ASSERT_TRUE(add_publisher("fabrikam").ok());
    const Result<std::int64_t> n = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::int64_t> {
        return tx.query_one("SELECT COUNT(*) FROM publishers")->integer(0);
    });
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, 2);
}

TEST_P(StoreTest, ExecuteReturnsTheNumberOfChangedRows) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    ASSERT_TRUE(add_publisher("fabrikam").ok());
    const Result<std::int64_t> changed = in_transaction(
        *store_, TxMode::kWrite,
        [](Transaction& tx) -> Result<std::int64_t> { return tx.execute("UPDATE publishers SET name = 'renamed'"); });
    ASSERT_TRUE(changed.ok());
    EXPECT_EQ(*changed, 2);
}

TEST_P(StoreTest, QueryOneIsEmptyWithoutRows) {
    const Result<bool> found = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<bool> {
        return tx.query_one("SELECT id FROM publishers WHERE id = ?", {std::string("nobody")}).has_value();
    });
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(*found);
}

// ---- Constraints --------------------------------------------------------------------------------------------

TEST_P(StoreTest, DuplicatePrimaryKeyIsAConflict) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const Status s = add_publisher("contoso");
    EXPECT_EQ(s.code(), StatusCode::kConflict);
    EXPECT_EQ(s.rule(), "duplicate");
}

TEST_P(StoreTest, DuplicateUniqueColumnIsAConflict) {
    const auto add_user = [this](const std::string& id) {
        return in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
            tx.execute(
                "INSERT INTO users (id, email, name, password_hash, role, created_at) "
                "VALUES (?, 'ada@contoso.example', 'Ada', 'x', 'viewer', 1)",
                {id});
            return Status::Ok();
        });
    };
    ASSERT_TRUE(add_user("u1").ok());
    const Status s = add_user("u2");
    EXPECT_EQ(s.code(), StatusCode::kConflict);
    EXPECT_EQ(s.rule(), "duplicate");
}

TEST_P(StoreTest, ConflictMessageLeaksNoSql) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const Status s = add_publisher("contoso");
    ASSERT_EQ(s.code(), StatusCode::kConflict);
    for (const auto* leak : {"INSERT", "publishers", "UNIQUE constraint", "sqlite", "duplicate key", "23505", "pkey"}) {
        EXPECT_EQ(s.message().find(leak), std::string::npos) << s.message();
    }
}

TEST_P(StoreTest, EnforcesForeignKeys) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
        tx.execute(
            "INSERT INTO plans (publisher_id, offer_id, id, name, state, created_at, updated_at) "
            "VALUES ('contoso', 'missing', 'basic', 'Basic', 'draft', 1, 1)");
        return Status::Ok();
    });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    const std::string detail = text::ascii_lower(s.log_detail());
    EXPECT_NE(detail.find("foreign key"), std::string::npos) << s.log_detail();
    EXPECT_EQ(s.message(), "internal error");
    const auto plans = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::int64_t> {
        return tx.query_one("SELECT COUNT(*) FROM plans")->integer(0);
    });
    ASSERT_TRUE(plans.ok());
    EXPECT_EQ(*plans, 0);
}

TEST_P(StoreTest, ForeignKeyIsSatisfiedByAnExistingOffer) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    ASSERT_TRUE(add_offer("contoso", "crm").ok());
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
        tx.execute(
            "INSERT INTO plans (publisher_id, offer_id, id, name, state, created_at, updated_at) "
            "VALUES ('contoso', 'crm', 'basic', 'Basic', 'draft', 1, 1)");
        return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.log_detail();
}

TEST_P(StoreTest, MalformedSqlIsAnInternalErrorWithTheDetailForTheLog) {
    const Status s = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) {
        tx.query("SELEC nonsense");
        return Status::Ok();
    });
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    EXPECT_EQ(s.message(), "internal error");
    EXPECT_NE(s.log_detail().find("SELEC nonsense"), std::string::npos) << s.log_detail();
}

// ---- Values -------------------------------------------------------------------------------------------------

std::string all_bytes() {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    return bytes + std::string("\0\0zip\0", 6);
}

TEST_P(StoreTest, BlobRoundTripsBinaryBytes) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    ASSERT_TRUE(add_offer("contoso", "crm").ok());
    const std::string bytes = all_bytes();
    const Status saved = in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
        tx.execute(
            "INSERT INTO packages (publisher_id, offer_id, content, size, sha256, uploaded_at) "
            "VALUES ('contoso', 'crm', ?, ?, ?, 1)",
            {Blob{bytes}, static_cast<std::int64_t>(bytes.size()), crypto::sha256_hex(bytes)});
        return Status::Ok();
    });
    ASSERT_TRUE(saved.ok()) << saved.log_detail();
    const auto loaded = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::string> {
        return tx.query_one("SELECT content FROM packages")->blob(0);
    });
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded->size(), bytes.size());
    EXPECT_EQ(*loaded, bytes);
}

TEST_P(StoreTest, BlobIsStoredAsABlobNotText) {
    const bool sqlite = backend() == "sqlite";
    const auto type = in_transaction(*store_, TxMode::kRead, [sqlite](Transaction& tx) -> Result<std::string> {
        return tx.query_one(sqlite ? "SELECT typeof(?)" : "SELECT pg_typeof(?)::text", {Blob{std::string("a\0b", 3)}})
            ->text(0);
    });
    ASSERT_TRUE(type.ok()) << type.status().log_detail();
    EXPECT_EQ(*type, sqlite ? "blob" : "bytea");
}

TEST_P(StoreTest, EmptyBlobIsNotNull) {
    const auto row = in_transaction(*store_, TxMode::kRead,
                                    [](Transaction& tx) -> Result<Row> { return *tx.query_one("SELECT ?", {Blob{}}); });
    ASSERT_TRUE(row.ok());
    EXPECT_FALSE(row->is_null(0));
    EXPECT_EQ(row->blob(0), "");
}

TEST_P(StoreTest, BindsAndReadsEveryValueKind) {
    const auto row = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<Row> {
        return *tx.query_one("SELECT ?, ?, ?, ?, ?", {std::string("caf\xC3\xA9"), std::int64_t{-9007199254740993}, 2.5,
                                                      null_value(), optional_text(std::nullopt)});
    });
    ASSERT_TRUE(row.ok());
    ASSERT_EQ(row->size(), 5U);
    EXPECT_EQ(row->text(0), "caf\xC3\xA9");
    EXPECT_EQ(row->integer(1), -9007199254740993);
    EXPECT_EQ(row->integer(2), 2);
    EXPECT_TRUE(row->is_null(3));
    EXPECT_TRUE(row->is_null(4));
}

// ---- Named queries ------------------------------------------------------------------------------------------

TEST_P(StoreTest, ANamedQueryRunsAgainWithOtherParameters) {
    static constexpr Query kEcho{"test.echo", "SELECT ?"};
    const auto texts = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::vector<std::string>> {
        std::vector<std::string> out;
        for (const char* text : {"first", "second"}) out.push_back(tx.query_one(kEcho, {std::string(text)})->text(0));
        return out;
    });
    ASSERT_TRUE(texts.ok()) << texts.status().log_detail();
    EXPECT_EQ(*texts, (std::vector<std::string>{"first", "second"}));
}

TEST_P(StoreTest, TwoTextsUnderOneQueryNameAreInternal) {
    static constexpr Query kFirst{"test.twice", "SELECT 1"};
    static constexpr Query kSecond{"test.twice", "SELECT 2"};
    const Status s = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) {
        tx.query(kFirst);
        tx.query(kSecond);
        return Status::Ok();
    });
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    EXPECT_NE(s.log_detail().find("two queries are named test.twice"), std::string::npos) << s.log_detail();
}

constexpr const char* kInsertPublisher = "INSERT INTO publishers (id, name, created_at) VALUES (?, ?, 1)";

// ---- Streaming rows (Transaction::each) ---------------------------------------------------------------------

// More rows than PostgreSQL's cursor fetches at once (50000), so that each reads several batches.
constexpr Query kNumbers{"test.numbers",
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                         "SELECT i, 'u' || i, NULL, i % 2 = 0 FROM n"};
constexpr std::int64_t kStreamedRows = 120001;

TEST_P(StoreTest, EachVisitsEveryRowInPlaceAcrossBatches) {
    const Status s = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) {
        std::int64_t seen = 0;
        bool in_order = true;
        tx.each(kNumbers, {kStreamedRows}, [&](const RowView& row) {
            ++seen;
            EXPECT_EQ(row.size(), 4U);
            if (row.integer(0) != seen || row.text(1) != "u" + std::to_string(seen)) in_order = false;
            if (seen == 7) {
                EXPECT_TRUE(row.is_null(2));
                EXPECT_EQ(row.text(2), "");
                EXPECT_FALSE(row.is_null(1));
                EXPECT_FALSE(row.boolean(3));
            }
            if (seen == 8) {
                EXPECT_TRUE(row.boolean(3));
            }
        });
        EXPECT_EQ(seen, kStreamedRows);
        EXPECT_TRUE(in_order);
        return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.log_detail();
}

TEST_P(StoreTest, EachRunsInAWriteTransactionSeesItsWritesAndNests) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
        for (const char* id : {"contoso", "fabrikam", "northwind"}) {
            tx.execute(kInsertPublisher, {std::string(id), std::string(id)});
        }
        std::vector<std::string> outer;
        std::size_t inner = 0;
        tx.each(Query{"test.publishers", "SELECT id FROM publishers WHERE id <> ? ORDER BY id"},
                {std::string("fabrikam")}, [&](const RowView& row) {
                    outer.emplace_back(row.text(0));
                    // A second each while the first one's rows are being visited.
                    tx.each(Query{"test.publishers", "SELECT id FROM publishers WHERE id <> ? ORDER BY id"},
                            {std::string(row.text(0))}, [&](const RowView&) { ++inner; });
                });
        EXPECT_EQ(outer, (std::vector<std::string>{"contoso", "northwind"}));
        EXPECT_EQ(inner, 4U);
        // And again after the cursors are closed.
        std::size_t again = 0;
        tx.each(Query{"test.publishers", "SELECT id FROM publishers WHERE id <> ? ORDER BY id"}, {std::string("x")},
                [&](const RowView&) { ++again; });
        EXPECT_EQ(again, 3U);
        return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.log_detail();
}

TEST_P(StoreTest, AFailureThrownWhileVisitingRollsBack) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
        tx.execute(kInsertPublisher, {std::string("contoso"), std::string("Contoso")});
        tx.each("SELECT id FROM publishers", {},
                [](const RowView&) { throw Failure(Status::Internal("the visitor gives up")); });
        return Status::Ok();
    });
    EXPECT_EQ(s.log_detail(), Status::Internal("the visitor gives up").log_detail());
    EXPECT_FALSE(publisher_exists("contoso"));
}

// ---- Nesting (store.hpp "Nesting") --------------------------------------------------------------------------

TEST_P(StoreTest, ANestedUnitSeesTheOuterWritesAndCommitsOnlyWithIt) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
        tx.execute(kInsertPublisher, {std::string("contoso"), std::string("Contoso")});
        EXPECT_TRUE(publisher_exists("contoso")) << "a nested read runs on the outer transaction";
        EXPECT_TRUE(add_publisher("fabrikam").ok());
        return Status::Conflict("refused", "the outer work refuses after all");
    });
    EXPECT_EQ(s.rule(), "refused");
    EXPECT_FALSE(publisher_exists("contoso"));
    EXPECT_FALSE(publisher_exists("fabrikam")) << "a nested unit is durable only with the outer transaction";
    EXPECT_EQ(store_->transaction_counts().nested, 2U);
}

TEST_P(StoreTest, ANestedUnitThatRefusesRollsBackOnlyItsOwnWrites) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
        tx.execute(kInsertPublisher, {std::string("contoso"), std::string("Contoso")});
        const Status refused = in_transaction(*store_, TxMode::kWrite, [](Transaction& inner) {
            inner.execute(kInsertPublisher, {std::string("fabrikam"), std::string("Fabrikam")});
            return Status::Invalid("name", "too_dull", "refused");
        });
        EXPECT_EQ(refused.rule(), "too_dull");
        // A failed statement, too: on PostgreSQL it would abort the outer transaction without the savepoint.
        const Status duplicate = add_publisher("contoso");
        EXPECT_EQ(duplicate.code(), StatusCode::kConflict);
        tx.execute(kInsertPublisher, {std::string("northwind"), std::string("Northwind")});
        return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.log_detail();
    EXPECT_TRUE(publisher_exists("contoso"));
    EXPECT_FALSE(publisher_exists("fabrikam"));
    EXPECT_TRUE(publisher_exists("northwind"));
}

TEST_P(StoreTest, ANestedUnitIsRolledBackWhenItThrows) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [&](Transaction&) {
        EXPECT_THROW(
            in_transaction(*store_, TxMode::kWrite,
                           [](Transaction& inner) -> Status {
                               inner.execute(kInsertPublisher, {std::string("fabrikam"), std::string("Fabrikam")});
                               throw std::runtime_error("a bug");
                           }),
            std::runtime_error);
        return add_publisher("contoso");
    });
    ASSERT_TRUE(s.ok()) << s.log_detail();
    EXPECT_TRUE(publisher_exists("contoso"));
    EXPECT_FALSE(publisher_exists("fabrikam"));
}

TEST_P(StoreTest, ADeferredWriteTakesTheWritersLockOnlyAtItsFirstWrite) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const TransactionCounts before = store_->transaction_counts();
    const Status s = in_transaction(*store_, TxMode::kDeferredWrite, [&](Transaction&) {
        EXPECT_TRUE(publisher_exists("contoso")) << "a read before the first write runs on its own";
        // Not begun yet, so another thread writes without waiting for this one.
        std::thread other([&] { EXPECT_TRUE(add_publisher("northwind").ok()); });
        other.join();
        EXPECT_EQ(store_->transaction_counts().writes, before.writes + 1) << "only the other thread's";
        EXPECT_TRUE(add_publisher("fabrikam").ok());  // begins it
        EXPECT_TRUE(publisher_exists("fabrikam")) << "once begun, reads join it";
        return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.log_detail();
    EXPECT_TRUE(publisher_exists("fabrikam"));
    EXPECT_TRUE(publisher_exists("northwind"));
    const TransactionCounts after = store_->transaction_counts();
    EXPECT_EQ(after.writes, before.writes + 2);
    EXPECT_EQ(after.nested, before.nested + 2);  // the write and the read after it
}

TEST_P(StoreTest, ADeferredWriteThatNeverWritesBeginsNothing) {
    const TransactionCounts before = store_->transaction_counts();
    const Status s = in_transaction(*store_, TxMode::kDeferredWrite, [](Transaction&) { return Status::Ok(); });
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(store_->transaction_counts().writes, before.writes);
}

TEST_P(StoreTest, ADeferredWriteBeginsAtItsOwnFirstStatement) {
    const Status s = in_transaction(*store_, TxMode::kDeferredWrite, [](Transaction& tx) {
        tx.execute(kInsertPublisher, {std::string("contoso"), std::string("Contoso")});
        return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.log_detail();
    EXPECT_TRUE(publisher_exists("contoso"));
}

TEST_P(StoreTest, AReadOnlyScopeRefusesWriteTransactionsButNotReads) {
    const ReadOnlyScope read_only;
    const Status s = add_publisher("contoso");
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    EXPECT_NE(s.log_detail().find("read-only"), std::string::npos) << s.log_detail();
    EXPECT_FALSE(publisher_exists("contoso"));
}

// ---- Concurrency --------------------------------------------------------------------------------------------

TEST_P(StoreTest, ConcurrentWritersNeverLoseAnUpdate) {
    constexpr int kThreads = 8;
    constexpr int kIncrements = 40;
    ASSERT_TRUE(add_publisher("contoso").ok());
    ASSERT_TRUE(add_offer("contoso", "crm").ok());
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kIncrements; ++i) {
                const Status s = increment_review_attempt(*store_);
                if (!s.ok()) {
                    ADD_FAILURE() << s.message() << " " << s.log_detail();
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(review_attempt(), kThreads * kIncrements);
}

// ---- Group commit (store.hpp "Group commit") -------------------------------------------------------------

// Waits (at most 10 s) until `n` writers wait for the turn held by the caller.
bool until_waiting(const Store& store, std::uint64_t n) {
    for (int i = 0; i < 10000 && store.transaction_counts().waiting < n; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return store.transaction_counts().waiting == n;
}

TEST_P(StoreTest, WritersThatWaitForTheTurnShareOneCommitAndARefusalUndoesOnlyItself) {
    const TransactionCounts before = store_->transaction_counts();
    std::atomic<bool> accepted_ran{false};
    Status refused;
    Status accepted;
    std::vector<std::thread> others;
    const Status first = in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
        tx.execute(kInsertPublisher, {std::string("contoso"), std::string("Contoso")});
        others.emplace_back([&] {
            refused = in_transaction(*store_, TxMode::kWrite, [](Transaction& own) {
                own.execute(kInsertPublisher, {std::string("fabrikam"), std::string("Fabrikam")});
                return Status::Conflict("refused", "over capacity");
            });
        });
        others.emplace_back([&] {
            accepted = in_transaction(*store_, TxMode::kWrite, [&](Transaction& own) {
                own.execute(kInsertPublisher, {std::string("northwind"), std::string("Northwind")});
                accepted_ran = true;
                return Status::Ok();
            });
        });
        EXPECT_TRUE(until_waiting(*store_, 2)) << "both others wait for this unit's turn";
        return Status::Ok();
    });
    ASSERT_TRUE(first.ok()) << first.log_detail();
    EXPECT_TRUE(accepted_ran) << "the first answer leaves only after the commit, which the last writer made";
    for (auto& thread : others) thread.join();
    EXPECT_EQ(refused.rule(), "refused");
    EXPECT_TRUE(accepted.ok()) << accepted.log_detail();
    EXPECT_TRUE(publisher_exists("contoso"));
    EXPECT_FALSE(publisher_exists("fabrikam"));
    EXPECT_TRUE(publisher_exists("northwind"));
    const TransactionCounts after = store_->transaction_counts();
    EXPECT_EQ(after.writes - before.writes, 3U);
    EXPECT_EQ(after.commits - before.commits, 1U) << "three writes, one durable commit";
}

TEST_P(StoreTest, ACommitThatFailsFailsEveryUnitInItsBatch) {
    // A foreign key checked at commit: the batch's commit fails on the second unit's orphan row.
    ASSERT_TRUE(in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
                    tx.execute("CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)");
                    tx.execute(
                        "CREATE TABLE gc_child (parent INTEGER REFERENCES gc_parent (id) "
                        "DEFERRABLE INITIALLY DEFERRED)");
                    return Status::Ok();
                }).ok());
    const TransactionCounts before = store_->transaction_counts();
    Status orphan;
    std::thread other;
    const Status first = in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
        tx.execute(kInsertPublisher, {std::string("contoso"), std::string("Contoso")});
        other = std::thread([&] {
            orphan = in_transaction(*store_, TxMode::kWrite, [](Transaction& own) {
                own.execute("INSERT INTO gc_child (parent) VALUES (7)");
                return Status::Ok();
            });
        });
        EXPECT_TRUE(until_waiting(*store_, 1));
        return Status::Ok();
    });
    other.join();
    EXPECT_FALSE(first.ok()) << "its write was in the batch that failed to commit";
    EXPECT_FALSE(orphan.ok());
    EXPECT_FALSE(publisher_exists("contoso"));
    EXPECT_EQ(store_->transaction_counts().commits, before.commits);
}

TEST_P(StoreTest, AWriterWaitingForTheTurnGivesUpAfterTheLockWait) {
    Status waited;
    const Status first = in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
        tx.execute(kInsertPublisher, {std::string("contoso"), std::string("Contoso")});
        // The other writer needs this unit to end first: it gives up instead of waiting for ever.
        std::thread other([&] { waited = add_publisher("fabrikam"); });
        other.join();
        return Status::Ok();
    });
    ASSERT_TRUE(first.ok()) << first.log_detail();
    EXPECT_EQ(waited.code(), StatusCode::kUnavailable) << waited.log_detail();
    EXPECT_TRUE(publisher_exists("contoso"));
    EXPECT_FALSE(publisher_exists("fabrikam"));
}

TEST_F(SqliteStore, AnAcknowledgedWriteIsFlushedToDiskAtCommit) {
    const auto level = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::int64_t> {
        return tx.query_one("PRAGMA synchronous")->integer(0);
    });
    ASSERT_TRUE(level.ok());
    EXPECT_EQ(*level, 2) << "synchronous=FULL: the WAL is synced at every commit, so a power loss keeps it";
}

// ---- Row accessors ------------------------------------------------------------------------------------------

Row sample_row() {
    return Row({std::string("ada"), std::int64_t{42}, null_value(), 2.9, Blob{std::string("a\0b", 3)},
                std::string("17"), std::string("seventeen"), std::int64_t{0}});
}

TEST(StoreRow, TextReadsTextIntegersAndBlobs) {
    const Row row = sample_row();
    EXPECT_EQ(row.text(0), "ada");
    EXPECT_EQ(row.text(1), "42");
    EXPECT_EQ(row.text(4), std::string("a\0b", 3));
    EXPECT_EQ(row.blob(4), std::string("a\0b", 3));
}

TEST(StoreRow, TextOfNullIsEmpty) { EXPECT_EQ(sample_row().text(2), ""); }

TEST(StoreRow, OptionalTextTellsNullApart) {
    const Row row = sample_row();
    EXPECT_EQ(row.optional_text(0), std::optional<std::string>("ada"));
    EXPECT_EQ(row.optional_text(2), std::nullopt);
}

TEST(StoreRow, IntegerReadsIntegersRealsAndNumericText) {
    const Row row = sample_row();
    EXPECT_EQ(row.integer(1), 42);
    EXPECT_EQ(row.integer(3), 2);
    EXPECT_EQ(row.integer(5), 17);
}

TEST(StoreRow, OptionalIntegerTellsNullApart) {
    const Row row = sample_row();
    EXPECT_EQ(row.optional_integer(1), std::optional<std::int64_t>(42));
    EXPECT_EQ(row.optional_integer(2), std::nullopt);
}

TEST(StoreRow, BooleanIsNonZero) {
    const Row row = sample_row();
    EXPECT_TRUE(row.boolean(1));
    EXPECT_FALSE(row.boolean(7));
}

TEST(StoreRow, WrongTypeThrowsAnInternalFailure) {
    const Row row = sample_row();
    for (const std::size_t column : {std::size_t{2}, std::size_t{4}, std::size_t{6}}) {
        try {
            (void)row.integer(column);
            ADD_FAILURE() << "column " << column << " read as an integer";
        } catch (const Failure& failure) {
            EXPECT_EQ(failure.status().code(), StatusCode::kInternal) << column;
        }
    }
    EXPECT_THROW((void)row.text(3), Failure);
}

TEST(StoreRow, KnowsItsSizeAndNulls) {
    const Row row = sample_row();
    EXPECT_EQ(row.size(), 8U);
    EXPECT_TRUE(row.is_null(2));
    EXPECT_FALSE(row.is_null(0));
}

// ---- open_store ---------------------------------------------------------------------------------------------

TEST(OpenStore, UnreachablePostgresqlIsUnavailableAndKeepsThePasswordOut) {
    for (const auto* url : {"postgresql://seatkeeper:s3cret-pw@127.0.0.1:1/seatkeeper",
                            "postgres://seatkeeper:s3cret-pw@127.0.0.1:1/x"}) {
        SCOPED_TRACE(url);
        const auto opened = open_store(url);
        ASSERT_FALSE(opened.ok());
        EXPECT_EQ(opened.status().code(), StatusCode::kUnavailable);
        EXPECT_EQ(opened.status().message(), "the database cannot be opened");
        EXPECT_NE(opened.status().log_detail().find("127.0.0.1"), std::string::npos) << opened.status().log_detail();
        EXPECT_EQ(opened.status().log_detail().find("s3cret-pw"), std::string::npos) << opened.status().log_detail();
    }
}

TEST(OpenStore, RequiresAPath) {
    for (const auto* url : {"", "sqlite:"}) {
        const auto opened = open_store(url);
        ASSERT_FALSE(opened.ok()) << url;
        EXPECT_EQ(opened.status().code(), StatusCode::kInvalid);
        EXPECT_EQ(opened.status().field(), "database");
        EXPECT_EQ(opened.status().rule(), "required");
    }
}

TEST(OpenStore, UncreatableDirectoryIsUnavailable) {
    const fs::path dir = fs::temp_directory_path() / ("seatkeeper-store-test-" + crypto::random_token(12));
    fs::create_directories(dir);
    std::ofstream(dir / "a-file") << "not a directory";
    const auto opened = open_store("sqlite:" + (dir / "a-file" / "db.sqlite").string());
    EXPECT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().code(), StatusCode::kUnavailable);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

// ---- Migrations ---------------------------------------------------------------------------------------------

// Each numbered migration exists for both backends (src/store/migrations/README.md).
TEST(Migrations, BothBackendsHaveTheSameNumbersAndNames) {
    const auto numbers = [](std::span<const Migration> migrations) {
        std::vector<std::pair<int, std::string>> out;
        for (const Migration& m : migrations) out.emplace_back(m.version, std::string(m.name));
        return out;
    };
    EXPECT_EQ(numbers(sqlite_migrations()), numbers(postgresql_migrations()))
        << "add the missing migration to src/store/migrations/sqlite or src/store/migrations/postgresql";
    ASSERT_FALSE(sqlite_migrations().empty());
    for (std::size_t i = 0; i < sqlite_migrations().size(); ++i) {
        EXPECT_EQ(sqlite_migrations()[i].version, static_cast<int>(i) + 1) << "migrations are numbered 1, 2, 3 …";
    }
}

}  // namespace
}  // namespace seatkeeper::store
