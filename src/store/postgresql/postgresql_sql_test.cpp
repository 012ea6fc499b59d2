#include "store/postgresql/postgresql_sql.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace seatkeeper::store::postgresql {
namespace {

struct PlaceholderCase {
    const char* sql;
    const char* numbered;
    std::size_t placeholders;
};

TEST(PostgresqlPlaceholders, NumbersEachQuestionMarkOutsideLiteralsAndComments) {
    const std::vector<PlaceholderCase> cases{
        {"SELECT 1", "SELECT 1", 0},
        {"SELECT ?", "SELECT $1", 1},
        {"UPDATE t SET a = ?, b = ? WHERE id = ?", "UPDATE t SET a = $1, b = $2 WHERE id = $3", 3},
        {"SELECT '?', ?", "SELECT '?', $1", 1},
        {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
        {R"(SELECT E'\'?', ?)", R"(SELECT E'\'?', $1)", 1},
        {R"(SELECT e'a\\', ?)", R"(SELECT e'a\\', $1)", 1},
        {R"(SELECT 'a\', ?)", R"(SELECT 'a\', $1)", 1},  // without E a backslash is just a character
        {R"(SELECT name AS "who?", ?)", R"(SELECT name AS "who?", $1)", 1},
        {R"(SELECT "a""?", ?)", R"(SELECT "a""?", $1)", 1},
        {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
        {"SELECT ? /* a? /* nested? */ still? */, ?", "SELECT $1 /* a? /* nested? */ still? */, $2", 2},
        {"SELECT $$?$$, ?", "SELECT $$?$$, $1", 1},
        {"SELECT $tag$ ? $$ ? $tag$, ?", "SELECT $tag$ ? $$ ? $tag$, $1", 1},
        {"SELECT a$b, ?", "SELECT a$b, $1", 1},
        {"SELECT $1", "SELECT $1", 0},
        {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
        {"", "", 0},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.sql);
        const NumberedSql out = number_placeholders(c.sql);
        EXPECT_EQ(out.sql, c.numbered);
        EXPECT_EQ(out.placeholders, c.placeholders);
    }
}

TEST(PostgresqlPlaceholders, CountsPastNine) {
    const NumberedSql out = number_placeholders("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    EXPECT_EQ(out.sql, "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
    EXPECT_EQ(out.placeholders, 11U);
}

struct SqlstateCase {
    const char* sqlstate;
    StatusCode code;
};

TEST(PostgresqlErrors, MapEachSqlstateToTheKindTheServicesKnow) {
    const std::vector<SqlstateCase> cases{
        {"23505", StatusCode::kConflict},     // unique_violation
        {"40001", StatusCode::kUnavailable},  // serialization_failure
        {"40P01", StatusCode::kUnavailable},  // deadlock_detected
        {"55P03", StatusCode::kUnavailable},  // lock_not_available
        {"57014", StatusCode::kUnavailable},  // query_canceled
        {"08006", StatusCode::kUnavailable},  // connection_failure
        {"08001", StatusCode::kUnavailable},  // sqlclient_unable_to_establish_sqlconnection
        {"57P01", StatusCode::kUnavailable},  // admin_shutdown
        {"57P03", StatusCode::kUnavailable},  // cannot_connect_now
        {"53300", StatusCode::kUnavailable},  // too_many_connections
        {"53100", StatusCode::kUnavailable},  // disk_full
        {"23503", StatusCode::kInternal},     // foreign_key_violation: a bug in the caller
        {"23502", StatusCode::kInternal},     // not_null_violation
        {"42601", StatusCode::kInternal},     // syntax_error
        {"42P01", StatusCode::kInternal},     // undefined_table
        {"25006", StatusCode::kInternal},     // read_only_sql_transaction
        {"", StatusCode::kInternal},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.sqlstate);
        EXPECT_EQ(status_from_sqlstate(c.sqlstate, "detail").code(), c.code);
    }
}

TEST(PostgresqlErrors, AConflictSaysDuplicateAndKeepsTheServerMessageOut) {
    const Status s = status_from_sqlstate("23505", "INSERT …: duplicate key value violates unique constraint");
    EXPECT_EQ(s.rule(), "duplicate");
    EXPECT_EQ(s.message(), "an object with this id already exists");
    EXPECT_EQ(s.message().find("constraint"), std::string::npos);
}

TEST(PostgresqlErrors, TheDetailGoesToTheLogOnly) {
    const Status s = status_from_sqlstate("42601", "SELEC nonsense: syntax error");
    EXPECT_EQ(s.message(), "internal error");
    EXPECT_EQ(s.log_detail(), "SELEC nonsense: syntax error");
    const Status busy = status_from_sqlstate("40001", "could not serialize access");
    EXPECT_EQ(busy.log_detail(), "could not serialize access");
    EXPECT_EQ(busy.message(), "the database is busy; retry");
}

}  // namespace
}  // namespace seatkeeper::store::postgresql
