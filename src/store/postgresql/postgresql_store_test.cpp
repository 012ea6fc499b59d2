#include "store/postgresql/postgresql_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "store/store_test_fixture.hpp"

namespace seatkeeper::store {
namespace {

// What only the PostgreSQL store does: several nodes on one database, the writer lock, the pool, value types.
class PostgresqlStore : public StoreFixture {
protected:
    [[nodiscard]] std::string backend() const override { return "postgresql"; }

    // The server process behind a connection, to kill it as an administrator or a network failure would.
    static std::int64_t backend_pid(Transaction& tx) { return tx.query_one("SELECT pg_backend_pid()")->integer(0); }

    // From another node, so that the connection doing it is never the one it kills; waits until it is gone.
    void kill_backend(std::int64_t pid) const {
        const std::unique_ptr<Store> other = open();
        ASSERT_NE(other, nullptr);
        const Status s = in_transaction(*other, TxMode::kRead, [pid](Transaction& tx) {
            EXPECT_TRUE(tx.query_one("SELECT pg_terminate_backend(?::int, 5000)", {pid})->boolean(0));
            return Status::Ok();
        });
        ASSERT_TRUE(s.ok()) << s.log_detail();
    }
};

using Clock = std::chrono::steady_clock;

// ---- Values -------------------------------------------------------------------------------------------------

TEST_F(PostgresqlStore, ReadsEachColumnTypeAsItsValueKind) {
    const auto row = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<Row> {
        return *tx.query_one(
            "SELECT 7::int2, 70000::int4, 9007199254740993::int8, true, false, 1.5::float4, 2.25::float8, "
            "3.75::numeric, '\\x00ff41'::bytea, 'text', DATE '2025-01-31', NULL::int8");
    });
    ASSERT_TRUE(row.ok()) << row.status().log_detail();
    EXPECT_EQ(row->integer(0), 7);
    EXPECT_EQ(row->integer(1), 70000);
    EXPECT_EQ(row->integer(2), 9007199254740993);
    EXPECT_EQ(row->integer(3), 1);
    EXPECT_EQ(row->integer(4), 0);
    EXPECT_EQ(row->integer(5), 1);
    EXPECT_EQ(row->integer(6), 2);
    EXPECT_EQ(row->integer(7), 3);
    EXPECT_EQ(row->blob(8), std::string("\x00\xff"
                                        "A",
                                        3));
    EXPECT_EQ(row->text(9), "text");
    EXPECT_EQ(row->text(10), "2025-01-31");
    EXPECT_TRUE(row->is_null(11));
}

TEST_F(PostgresqlStore, BindsIntegersAsBigintAndDoublesAsDoublePrecision) {
    const auto row = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<Row> {
        return *tx.query_one("SELECT pg_typeof(?)::text, pg_typeof(?)::text, ? + 1, (? * 2)::text",
                             {std::int64_t{1}, 0.5, std::int64_t{9007199254740993}, 0.1});
    });
    ASSERT_TRUE(row.ok()) << row.status().log_detail();
    EXPECT_EQ(row->text(0), "bigint");
    EXPECT_EQ(row->text(1), "double precision");
    EXPECT_EQ(row->integer(2), 9007199254740994);
    EXPECT_EQ(row->text(3), "0.2");
}

TEST_F(PostgresqlStore, QuestionMarksInLiteralsAndIdentifiersAreNotParameters) {
    const auto row = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<Row> {
        return *tx.query_one("SELECT '?' AS \"why?\", ?, 'it''s ?', E'\\'?', $$?$$ -- ?\n, ?",
                             {std::string("one"), std::string("two")});
    });
    ASSERT_TRUE(row.ok()) << row.status().log_detail();
    EXPECT_EQ(row->text(0), "?");
    EXPECT_EQ(row->text(1), "one");
    EXPECT_EQ(row->text(2), "it's ?");
    EXPECT_EQ(row->text(3), "'?");
    EXPECT_EQ(row->text(4), "?");
    EXPECT_EQ(row->text(5), "two");
}

TEST_F(PostgresqlStore, AStatementWithTheWrongNumberOfParametersIsInternal) {
    const Status s = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) {
        tx.query("SELECT ?, ?", {std::int64_t{1}});
        return Status::Ok();
    });
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    EXPECT_NE(s.log_detail().find("2 placeholders but 1 parameters"), std::string::npos) << s.log_detail();
}

TEST_F(PostgresqlStore, TheSameStatementServesCallsWithNullAndWithAValue) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const std::vector<Value> revoked{null_value(), std::int64_t{5}, null_value(), std::int64_t{6}};
    for (std::size_t i = 0; i < revoked.size(); ++i) {
        const Status s = in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
            tx.execute(
                "INSERT INTO api_keys (id, secret_hash, publisher_id, role, name, created_at, revoked_at) "
                "VALUES (?, 'h', 'contoso', 'viewer', 'k', 1, ?)",
                {"key-" + std::to_string(i), revoked[i]});
            return Status::Ok();
        });
        EXPECT_TRUE(s.ok()) << i << ": " << s.log_detail();
    }
}

TEST_F(PostgresqlStore, ANamedQueryIsPreparedUnderItsNameOncePerParameterTypes) {
    static constexpr Query kEcho{"test.echo", "SELECT CAST(? AS TEXT)"};
    const auto names = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::vector<std::string>> {
        EXPECT_EQ(tx.query_one(kEcho, {"a"})->text(0), "a");
        EXPECT_EQ(tx.query_one(kEcho, {"b"})->text(0), "b");
        EXPECT_TRUE(tx.query_one(kEcho, {null_value()})->is_null(0));     // untyped, as text is
        EXPECT_EQ(tx.query_one(kEcho, {std::int64_t{5}})->text(0), "5");  // bigint: another variant
        std::vector<std::string> out;
        for (const auto& r : tx.query("SELECT name FROM pg_prepared_statements WHERE name LIKE 'test.echo%' "
                                      "ORDER BY name")) {
            out.push_back(r.text(0));
        }
        return out;
    });
    ASSERT_TRUE(names.ok()) << names.status().log_detail();
    EXPECT_EQ(*names, (std::vector<std::string>{"test.echo", "test.echo#2"}));
}

// ---- Transactions -------------------------------------------------------------------------------------------

TEST_F(PostgresqlStore, ReadTransactionsAreReadOnly) {
    const Status s = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) {
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'Contoso', 1)");
        return Status::Ok();
    });
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    EXPECT_NE(s.log_detail().find("25006"), std::string::npos) << s.log_detail();
    EXPECT_FALSE(publisher_exists("contoso"));
}

TEST_F(PostgresqlStore, AReadTransactionSeesOneSnapshot) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const auto counts = in_transaction(
        *store_, TxMode::kRead, [this](Transaction& tx) -> Result<std::pair<std::int64_t, std::int64_t>> {
            const std::int64_t before = tx.query_one("SELECT COUNT(*) FROM publishers")->integer(0);
            EXPECT_TRUE(add_publisher("fabrikam").ok());  // committed by another connection meanwhile
            return std::pair{before, tx.query_one("SELECT COUNT(*) FROM publishers")->integer(0)};
        });
    ASSERT_TRUE(counts.ok()) << counts.status().log_detail();
    EXPECT_EQ(counts->first, 1);
    EXPECT_EQ(counts->second, 1);
    EXPECT_TRUE(publisher_exists("fabrikam"));
}

TEST_F(PostgresqlStore, ACommitAfterASwallowedErrorFailsInsteadOfLosingTheWork) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
        tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'Contoso', 1)");
        try {
            tx.query("SELEC nonsense");
        } catch (const Failure&) {
            // PostgreSQL aborts the whole transaction here, unlike SQLite
        }
        return Status::Ok();
    });
    EXPECT_EQ(s.code(), StatusCode::kInternal);
    EXPECT_FALSE(publisher_exists("contoso"));
    EXPECT_TRUE(add_publisher("fabrikam").ok()) << "the connection goes back to the pool in a usable state";
}

// ---- The writer lock ----------------------------------------------------------------------------------------

// Two nodes, many threads each, all incrementing one counter by reading it and writing it back.
TEST_F(PostgresqlStore, WritersOnSeveralNodesNeverLoseAnUpdate) {
    constexpr int kNodes = 3;
    constexpr int kThreadsPerNode = 4;
    constexpr int kIncrements = 25;
    ASSERT_TRUE(add_publisher("contoso").ok());
    ASSERT_TRUE(add_offer("contoso", "crm").ok());
    std::vector<std::unique_ptr<Store>> nodes;
    for (int n = 0; n < kNodes; ++n) {
        nodes.push_back(open());
        ASSERT_NE(nodes.back(), nullptr);
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (auto& node : nodes) {
        for (int t = 0; t < kThreadsPerNode; ++t) {
            threads.emplace_back([&store = *node, &failures] {
                for (int i = 0; i < kIncrements; ++i) {
                    const Status s = increment_review_attempt(store);
                    if (!s.ok()) {
                        ADD_FAILURE() << s.message() << " " << s.log_detail();
                        ++failures;
                    }
                }
            });
        }
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(review_attempt(), kNodes * kThreadsPerNode * kIncrements);
}

TEST_F(PostgresqlStore, ReadersDoNotWaitForAWriter) {
    ASSERT_TRUE(add_publisher("contoso").ok());
    const std::unique_ptr<Transaction> writer = store_->begin(TxMode::kWrite);
    writer->execute("UPDATE publishers SET name = 'Renamed' WHERE id = 'contoso'");
    const auto started = Clock::now();
    const auto name = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::string> {
        return tx.query_one("SELECT name FROM publishers WHERE id = 'contoso'")->text(0);
    });
    ASSERT_TRUE(name.ok()) << name.status().log_detail();
    EXPECT_EQ(*name, "Publisher contoso") << "a reader sees the last committed data";
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
}

TEST_F(PostgresqlStore, AWriterWaitsForTheWriterLockAtMostFiveSecondsThenIsUnavailable) {
    const std::unique_ptr<Transaction> holder = store_->begin(TxMode::kWrite);
    const auto started = Clock::now();
    const Status s = in_transaction(*store_, TxMode::kWrite, [](Transaction&) { return Status::Ok(); });
    const auto waited = Clock::now() - started;
    EXPECT_EQ(s.code(), StatusCode::kUnavailable);
    EXPECT_NE(s.log_detail().find("55P03"), std::string::npos) << s.log_detail();
    EXPECT_GE(waited, std::chrono::milliseconds(4900));
    EXPECT_LT(waited, std::chrono::seconds(9));
}

TEST_F(PostgresqlStore, TheWriterLockIsTheDocumentedAdvisoryLock) {
    const std::unique_ptr<Transaction> writer = store_->begin(TxMode::kWrite);
    const auto held = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::int64_t> {
        return tx
            .query_one(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = 1588023017 AND objid = 1 AND database = (SELECT oid FROM pg_database "
                "WHERE datname = current_database())")
            ->integer(0);
    });
    ASSERT_TRUE(held.ok()) << held.status().log_detail();
    EXPECT_EQ(*held, 1);
    EXPECT_EQ(postgresql::kWriterLock, (std::int64_t{1588023017} << 32) | 1);
}

// ---- Migrations ---------------------------------------------------------------------------------------------

TEST_F(PostgresqlStore, NodesMigratingAtOnceApplyEachMigrationOnce) {
    const seatkeeper::testing::TestDatabase fresh;
    constexpr int kNodes = 4;
    std::vector<std::thread> threads;
    threads.reserve(kNodes);
    std::atomic<int> failures{0};
    for (int n = 0; n < kNodes; ++n) {
        threads.emplace_back([&fresh, &failures] {
            auto node = open_store(fresh.url());
            const Status s = node.ok() ? (*node)->migrate() : node.status();
            if (!s.ok()) {
                ADD_FAILURE() << s.message() << " " << s.log_detail();
                ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    auto store = open_store(fresh.url());
    ASSERT_TRUE(store.ok());
    const auto versions = in_transaction(**store, TxMode::kRead, [](Transaction& tx) -> Result<std::int64_t> {
        return tx.query_one("SELECT COUNT(*) FROM schema_migrations")->integer(0);
    });
    ASSERT_TRUE(versions.ok()) << versions.status().log_detail();
    EXPECT_EQ(*versions, static_cast<std::int64_t>(postgresql_migrations().size()));
}

// ---- Connections --------------------------------------------------------------------------------------------

TEST_F(PostgresqlStore, ReplacesAPooledConnectionTheServerClosed) {
    std::int64_t pid = 0;
    {
        const std::unique_ptr<Transaction> tx = store_->begin(TxMode::kRead);
        pid = backend_pid(*tx);
        tx->commit();
    }
    kill_backend(pid);
    const auto next =
        in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::int64_t> { return backend_pid(tx); });
    ASSERT_TRUE(next.ok()) << next.status().log_detail();
    EXPECT_NE(*next, pid);
}

TEST_F(PostgresqlStore, AConnectionLostInsideATransactionIsUnavailable) {
    const Status s = in_transaction(*store_, TxMode::kWrite, [this](Transaction& tx) {
        kill_backend(backend_pid(tx));
        tx.query("SELECT 1");
        return Status::Ok();
    });
    EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.log_detail();
    EXPECT_TRUE(store_->ping().ok()) << "the next transaction gets a new connection";
}

TEST_F(PostgresqlStore, ThePoolIsBoundedAndACallerWaitsAtMostFiveSeconds) {
    constexpr int kPoolSize = 16;
    std::vector<std::unique_ptr<Transaction>> held;
    held.reserve(kPoolSize);
    for (int i = 0; i < kPoolSize; ++i) held.push_back(store_->begin(TxMode::kRead));
    const auto started = Clock::now();
    const Status s = store_->ping();
    const auto waited = Clock::now() - started;
    EXPECT_EQ(s.code(), StatusCode::kUnavailable);
    EXPECT_NE(s.log_detail().find("connections are in use"), std::string::npos) << s.log_detail();
    EXPECT_GE(waited, std::chrono::milliseconds(4900));
    held.pop_back();
    EXPECT_TRUE(store_->ping().ok()) << "a connection given back serves the next caller";
}

// A row-locked unit of work takes no writers' lock: it commits while another writer holds it, and a second claimer
// skips the row the first one locked.
TEST_F(PostgresqlStore, RowLockedUnitsNeitherWaitForTheWritersLockNorForEachOther) {
    ASSERT_TRUE(in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
                    tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('a', 'A', 1), ('b', 'B', 1)");
                    return Status::Ok();
                }).ok());
    auto writer = store_->begin(TxMode::kWrite);  // holds the writers' advisory lock until destroyed
    std::string first;
    std::string second;
    const Status outer = in_transaction(*store_, TxMode::kRowLocked, [&](Transaction& tx) -> Status {
        first = tx.query_one("SELECT id FROM publishers ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")->text(0);
        // Another claimer (another thread: its own transaction) skips the locked row.
        std::thread other([&] {
            const Status inner = in_transaction(*store_, TxMode::kRowLocked, [&](Transaction& tx2) -> Status {
                second = tx2.query_one("SELECT id FROM publishers ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")->text(0);
                return Status::Ok();
            });
            EXPECT_TRUE(inner.ok()) << inner.log_detail();
        });
        other.join();
        return Status::Ok();
    });
    EXPECT_TRUE(outer.ok()) << outer.log_detail();
    EXPECT_EQ(first, "a");
    EXPECT_EQ(second, "b");
    writer.reset();
}

// Every write transaction notifies as it commits; a listener on another connection wakes. (A batch whose units all
// refused still commits, empty, and may wake it too: a spurious wake-up costs the listener one read.)
TEST_F(PostgresqlStore, ACommittedWriteWakesAListener) {
    auto listener = store_->listen();
    ASSERT_NE(listener, nullptr);
    EXPECT_TRUE(listener->wait(50));    // connects and listens: what committed before is for the caller to read
    EXPECT_FALSE(listener->wait(200));  // nothing since
    ASSERT_TRUE(in_transaction(*store_, TxMode::kWrite, [](Transaction& tx) {
                    tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('c', 'C', 1)");
                    return Status::Ok();
                }).ok());
    EXPECT_TRUE(listener->wait(10'000));
}

}  // namespace
}  // namespace seatkeeper::store
