// Which database a test runs against, and a fresh PostgreSQL database for each test that needs one.
//
// PostgreSQL tests use the server named by SEATKEEPER_TEST_POSTGRES_URL: a postgresql:// URL of a role that may
// CREATE DATABASE (`scripts/dev test` starts a local server and sets it). Without it they fail and say so — a
// missing server must never pass as a green run — unless SEATKEEPER_TEST_POSTGRES=off opts out, for a developer
// without PostgreSQL: then they are skipped.
//
// Each TestDatabase is a database of its own, emptied before use, so tests run in parallel without seeing each
// other's data or writer lock. Creating and dropping a database per test would cost a checkpoint (an fsync of
// the whole server) per DROP, so the databases are kept and reused: sk_test_1, sk_test_2, …, each claimed by
// one TestDatabase at a time through a session advisory lock on the server's admin connection (released by
// the server even when a test crashes) and emptied (schema public dropped and created) when claimed.
//
// Thread-safety: TestDatabase is used by the thread that made it; the functions only read the environment.
#pragma once

#include <memory>
#include <string>

struct pg_conn;

namespace seatkeeper::testing {

enum class PostgresTests {
    kRun,      // SEATKEEPER_TEST_POSTGRES_URL is set
    kOff,      // SEATKEEPER_TEST_POSTGRES=off and no URL: skip
    kMissing,  // neither: fail
};
PostgresTests postgres_tests();
// What is missing and how to provide it, for the failure message.
std::string postgres_missing_message();
// Throws std::runtime_error, saying why, when the server of SEATKEEPER_TEST_POSTGRES_URL cannot be reached.
void check_postgres_server();

// The backend of the HTTP tests: SEATKEEPER_TEST_BACKEND, "sqlite" (when unset) or "postgresql". ctest runs
// the HTTP tests once with each (labels sqlite and postgresql).
std::string test_backend();

// `url` (postgresql://…/db?params) naming `database` instead of its own database.
std::string with_database(const std::string& url, const std::string& database);

class TestDatabase {
public:
    // Claims the first free sk_test_N (creating it when new) and empties it; throws std::runtime_error when
    // there is no server.
    TestDatabase();
    // Gives the database back for the next test.
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] const std::string& name() const { return name_; }

private:
    std::unique_ptr<pg_conn, void (*)(pg_conn*)> claim_;  // holds the advisory lock that makes it ours
    std::string name_;
    std::string url_;
};

}  // namespace seatkeeper::testing
