// The reference of the write rows of `scripts/dev bench` (issue 13): one durable commit per write, back to
// back, on the disk the server's database is on. Each iteration is BEGIN IMMEDIATE; INSERT one row; COMMIT on
// a SQLite database in WAL mode with synchronous=FULL (the commit returns once the WAL is on disk), so its
// commits/s is what a server that commits every write on its own can acknowledge at most. DurableCommitNormal
// is the same with synchronous=NORMAL (what the server ran before issue 13: a commit waits for no disk), for
// the record. The database goes in $SEATKEEPER_BENCH_DIR (default: the temporary directory).
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

std::filesystem::path bench_dir() {
    const char* dir = std::getenv("SEATKEEPER_BENCH_DIR");
    return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir) : std::filesystem::temp_directory_path();
}

void exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        std::fprintf(stderr, "durable_commit_bench: %s: %s\n", sql, message.c_str());
        std::abort();
    }
}

// BEGIN IMMEDIATE; INSERT; COMMIT per iteration on a new database file with the given synchronous mode.
void commit_loop(benchmark::State& state, const char* synchronous) {
    const auto path = bench_dir() / ("durable-commit-" + std::string(synchronous) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        std::fprintf(stderr, "durable_commit_bench: cannot open %s\n", path.c_str());
        std::abort();
    }
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, ("PRAGMA synchronous=" + std::string(synchronous)).c_str());
    exec(db, "CREATE TABLE writes (id INTEGER PRIMARY KEY, upn TEXT NOT NULL, at INTEGER NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO writes (upn, at) VALUES (?, ?)", -1, &insert, nullptr);
    std::int64_t n = 0;
    for (auto _ : state) {
        exec(db, "BEGIN IMMEDIATE");
        std::string upn = std::to_string(n);
        upn += "@bench.example";
        sqlite3_bind_text(insert, 1, upn.c_str(), static_cast<int>(upn.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 2, n++);
        if (sqlite3_step(insert) != SQLITE_DONE) std::abort();
        sqlite3_reset(insert);
        exec(db, "COMMIT");
    }
    state.SetItemsProcessed(state.iterations());
    sqlite3_finalize(insert);
    sqlite3_close(db);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace

int main(int argc, char** argv) {
    // Registered by name: the names are what bench/bench.py reads.
    benchmark::RegisterBenchmark("DurableCommitFull", commit_loop, "FULL")->UseRealTime();
    benchmark::RegisterBenchmark("DurableCommitNormal", commit_loop, "NORMAL")->UseRealTime();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
