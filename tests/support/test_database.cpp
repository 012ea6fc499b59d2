#include "support/test_database.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <stdexcept>

namespace seatkeeper::testing {
namespace {

// The advisory lock space of the test databases' claims: (kClaimLock, N) is held while sk_test_N is in use.
constexpr int kClaimLock = 0x5EA7;

std::string env(const char* name) {
    const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): tests read it before starting threads
    return v != nullptr ? v : "";
}

PGconn* connect(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot connect to the test PostgreSQL (SEATKEEPER_TEST_POSTGRES_URL): " + message);
    }
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    return conn;
}

// Runs `sql` outside any transaction (CREATE DATABASE refuses to run inside one); returns the first value, if
// any.
std::string run(PGconn* conn, const std::string& sql) {
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn, sql.c_str()), PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_TUPLES_OK) return PQntuples(result.get()) > 0 ? PQgetvalue(result.get(), 0, 0) : "";
    if (status == PGRES_COMMAND_OK) return "";
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
}

}  // namespace

PostgresTests postgres_tests() {
    if (!env("SEATKEEPER_TEST_POSTGRES_URL").empty()) return PostgresTests::kRun;
    if (env("SEATKEEPER_TEST_POSTGRES") == "off") return PostgresTests::kOff;
    return PostgresTests::kMissing;
}

std::string postgres_missing_message() {
    return "PostgreSQL tests need a server: SEATKEEPER_TEST_POSTGRES_URL is not set. scripts/dev test starts a "
           "local PostgreSQL and sets it; before running ctest by hand, run eval \"$(scripts/dev test-env)\". "
           "Or point it at a postgresql:// URL of a role with CREATEDB, or set SEATKEEPER_TEST_POSTGRES=off to "
           "skip the PostgreSQL tests";
}

void check_postgres_server() {
    const std::string url = env("SEATKEEPER_TEST_POSTGRES_URL");
    if (url.empty()) throw std::runtime_error(postgres_missing_message());
    PQfinish(connect(url));
}

std::string test_backend() {
    const std::string backend = env("SEATKEEPER_TEST_BACKEND");
    return backend.empty() ? "sqlite" : backend;
}

std::string with_database(const std::string& url, const std::string& database) {
    const std::size_t scheme = url.find("://");
    const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
    const std::size_t query = url.find('?', authority);
    const std::size_t path_end = query == std::string::npos ? url.size() : query;
    std::size_t path = url.find('/', authority);
    if (path == std::string::npos || path > path_end) path = path_end;
    return url.substr(0, path) + "/" + database + url.substr(path_end);
}

TestDatabase::TestDatabase() : claim_(nullptr, PQfinish) {
    const std::string admin_url = env("SEATKEEPER_TEST_POSTGRES_URL");
    if (admin_url.empty()) throw std::runtime_error(postgres_missing_message());
    claim_.reset(connect(admin_url));
    int slot = 1;
    while (run(claim_.get(), "SELECT pg_try_advisory_lock(" + std::to_string(kClaimLock) + ", " + std::to_string(slot) +
                                 ")") != "t") {
        ++slot;
    }
    name_ = "sk_test_" + std::to_string(slot);
    if (run(claim_.get(), "SELECT COUNT(*) FROM pg_database WHERE datname = '" + name_ + "'") == "0") {
        run(claim_.get(), "CREATE DATABASE " + name_);
    }
    url_ = with_database(admin_url, name_);
    const std::unique_ptr<PGconn, decltype(&PQfinish)> conn(connect(url_), PQfinish);
    // A connection that an earlier test left inside a transaction would hold this up; say so rather than hang.
    run(conn.get(), "SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
}

TestDatabase::~TestDatabase() = default;

}  // namespace seatkeeper::testing
