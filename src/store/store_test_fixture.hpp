// The fixture of the store tests: for every test a fresh, migrated database of one backend — a SQLite file in a
// temporary directory of its own, or a new PostgreSQL database (tests/support/test_database.hpp) — and the few
// rows and backend-specific queries the tests need.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "common/crypto.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"

namespace seatkeeper::store {

class StoreFixture : public ::testing::Test {
protected:
    // "sqlite" or "postgresql".
    [[nodiscard]] virtual std::string backend() const = 0;

    void SetUp() override {
        if (backend() == "postgresql") {
            switch (seatkeeper::testing::postgres_tests()) {
                case seatkeeper::testing::PostgresTests::kRun:
                    break;
                case seatkeeper::testing::PostgresTests::kOff:
                    GTEST_SKIP() << "SEATKEEPER_TEST_POSTGRES=off";
                case seatkeeper::testing::PostgresTests::kMissing:
                    FAIL() << seatkeeper::testing::postgres_missing_message();
            }
            database_ = std::make_unique<seatkeeper::testing::TestDatabase>();
            url_ = database_->url();
        } else {
            dir_ = std::filesystem::temp_directory_path() / ("seatkeeper-store-test-" + crypto::random_token(12));
            url_ = "sqlite:" + sqlite_path().string();
        }
        store_ = open();
        ASSERT_NE(store_, nullptr);
        const Status migrated = store_->migrate();
        ASSERT_TRUE(migrated.ok()) << migrated.message() << " " << migrated.log_detail();
    }

    void TearDown() override {
        store_.reset();
        database_.reset();
        std::error_code ignored;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
    }

    [[nodiscard]] std::filesystem::path sqlite_path() const { return dir_ / "data" / "seatkeeper.sqlite"; }

    // Another Store on the test's database: a second node, or the same one after a restart. Null on failure.
    [[nodiscard]] std::unique_ptr<Store> open() const {
        auto opened = open_store(url_);
        EXPECT_TRUE(opened.ok()) << opened.status().message() << " " << opened.status().log_detail();
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    [[nodiscard]] std::span<const Migration> migrations() const {
        return backend() == "postgresql" ? postgresql_migrations() : sqlite_migrations();
    }

    [[nodiscard]] std::string tables_sql() const {
        return backend() == "postgresql"
                   ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                   : "SELECT name FROM sqlite_master WHERE type = 'table'";
    }

    Status add_publisher(const std::string& id) {
        return in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
            tx.execute("INSERT INTO publishers (id, name, created_at) VALUES (?, ?, ?)",
                       {id, "Publisher " + id, std::int64_t{1}});
            return Status::Ok();
        });
    }

    Status add_offer(const std::string& publisher_id, const std::string& offer_id) {
        return in_transaction(*store_, TxMode::kWrite, [&](Transaction& tx) {
            tx.execute(
                "INSERT INTO offers (publisher_id, id, alias, type, state, created_at, updated_at) "
                "VALUES (?, ?, ?, 'dynamics-365-ce-powerapps', 'draft', 1, 1)",
                {publisher_id, offer_id, "Alias of " + offer_id});
            return Status::Ok();
        });
    }

    bool publisher_exists(const std::string& id) {
        const Result<bool> found = in_transaction(*store_, TxMode::kRead, [&](Transaction& tx) -> Result<bool> {
            return tx.query_one("SELECT 1 FROM publishers WHERE id = ?", {id}).has_value();
        });
        EXPECT_TRUE(found.ok()) << found.status().log_detail();
        return found.ok() && *found;
    }

    // The counter the concurrency tests increment: offers.review_attempt of contoso/crm.
    static Status increment_review_attempt(Store& store) {
        return in_transaction(store, TxMode::kWrite, [](Transaction& tx) {
            // Read, then write what was read plus one: only a serialised write transaction keeps this right.
            const std::int64_t n =
                tx.query_one("SELECT review_attempt FROM offers WHERE publisher_id = 'contoso' AND id = 'crm'")
                    ->integer(0);
            tx.execute("UPDATE offers SET review_attempt = ? WHERE publisher_id = 'contoso' AND id = 'crm'", {n + 1});
            return Status::Ok();
        });
    }

    std::int64_t review_attempt() {
        const auto n = in_transaction(*store_, TxMode::kRead, [](Transaction& tx) -> Result<std::int64_t> {
            return tx.query_one("SELECT review_attempt FROM offers WHERE publisher_id = 'contoso' AND id = 'crm'")
                ->integer(0);
        });
        EXPECT_TRUE(n.ok()) << n.status().log_detail();
        return n.ok() ? *n : -1;
    }

    std::filesystem::path dir_;
    std::unique_ptr<seatkeeper::testing::TestDatabase> database_;
    std::string url_;
    std::unique_ptr<Store> store_;
};

}  // namespace seatkeeper::store
