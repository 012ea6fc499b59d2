// The check index against its reference (issue 13): SeatIndex::check with random keys at 10 k, 1 M and 10 M
// seats, and in the same run a SQLite prepared point lookup of the same questions on the same database (the
// seats table and its primary key, as the schema makes them), so that their ratio can be computed; plus the
// time to load the index and the heap it holds per seat.
//
// The database of N seats: N / 1000 tenants, each with a pool of contoso.crm.premium holding 1000 seats
// (user<j>@tenant<i>.example), written with one INSERT … SELECT per table in one transaction, in a temporary
// SQLite file made the first time a benchmark of that size runs. The questions: 2^20 random (tenant, user)
// pairs, half holding a seat (licensed/assigned), half not (denied/no_seat), built before timing.
//
//   build/release/bench/check_index_bench --benchmark_format=json
//   (--benchmark_filter='seats:(10000|1000000)$' to leave out the 10 M runs)
//
// With SEATKEEPER_BENCH_POSTGRES_URL (a scratch database: its schema is dropped and made again), also
// SeatIndexLoadPostgres/seats:N: the same seats written with generate_series, loaded from PostgreSQL.
//
// Benchmarks: SeatIndexLoad/seats:N (one load; counters seats, bytes_per_seat: malloc'd bytes held by the
// index, mallinfo2 before and after, over the seats), SeatIndexCheck/seats:N and SqlitePointLookup/seats:N
// (items_per_second: answers per second on one thread).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "check/seat_index.hpp"
#include "common/crypto.hpp"

namespace {

using seatkeeper::Status;
using seatkeeper::check::SeatIndex;
namespace store = seatkeeper::store;

constexpr std::int64_t kSeatsPerTenant = 1000;
constexpr std::size_t kQuestions = std::size_t{1} << 20U;
constexpr const char* kServiceId = "contoso.crm.premium";

std::string tenant_id(std::int64_t i) {
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%08llx-0000-4000-8000-%012llx", static_cast<long long>(i),
                  static_cast<long long>(i));
    return buffer.data();
}

std::string upn(std::int64_t tenant, std::int64_t user) {
    return "user" + std::to_string(user) + "@tenant" + std::to_string(tenant) + ".example";
}

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "%s\n", error != nullptr ? error : "sqlite3_exec failed");
        std::abort();
    }
}

std::size_t heap_bytes() {
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;  // small blocks and mmapped ones
}

// The publisher, offer and plan whose service ID (contoso.crm.premium) the seats are of.
void add_catalogue(store::Transaction& tx) {
    tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'Contoso', 0)");
    tx.execute(
        "INSERT INTO offers (publisher_id, id, alias, type, state, license_management, "
        "allow_install_without_license, created_at, updated_at) VALUES ('contoso', 'crm', 'crm', "
        "'dynamics-365-ce-powerapps', 'live', 1, 0, 0, 0)");
    tx.execute(
        "INSERT INTO plans (publisher_id, offer_id, id, name, state, created_at, updated_at) "
        "VALUES ('contoso', 'crm', 'premium', 'Premium', 'published', 0, 0)");
}

struct Question {
    std::string tenant;
    std::string user;
};

// One database of `seats` seats, its questions and (once loaded) its index.
struct World {
    std::int64_t seats;
    std::filesystem::path dir;
    std::unique_ptr<store::Store> db;
    std::unique_ptr<SeatIndex> index;
    std::vector<Question> questions;

    explicit World(std::int64_t n) : seats(n) {
        dir = std::filesystem::temp_directory_path() / ("seatkeeper-bench-" + seatkeeper::crypto::random_token(8));
        const std::string path = (dir / "bench.db").string();
        db = std::move(store::open_store("sqlite:" + path)).value();
        if (!db->migrate().ok()) std::abort();
        const Status seeded = store::in_transaction(*db, store::TxMode::kWrite, [](store::Transaction& tx) {
            add_catalogue(tx);
            return Status::Ok();
        });
        if (!seeded.ok()) std::abort();

        const std::int64_t tenants = std::max<std::int64_t>(1, seats / kSeatsPerTenant);
        sqlite3* raw = nullptr;
        if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) std::abort();
        exec(raw, "PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; BEGIN");
        const std::string counted = "WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < " +
                                    std::to_string(tenants - 1) + ")";
        exec(raw, counted +
                      " INSERT INTO tenants (id, name, created_at) SELECT printf('%08x-0000-4000-8000-%012x', i, i), "
                      "'bench', 0 FROM t");
        exec(raw,
             "INSERT INTO license_pools (tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, assigned, "
             "updated_at) SELECT id, 'contoso.crm.premium', 'contoso', 'crm', 'premium', 100000, " +
                 std::to_string(kSeatsPerTenant) + ", 0 FROM tenants");
        exec(raw, counted + ", u(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM u WHERE j < " +
                      std::to_string(std::min(seats, kSeatsPerTenant) - 1) +
                      ") INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq) "
                      "SELECT printf('%08x-0000-4000-8000-%012x', t.i, t.i), 'contoso.crm.premium', "
                      "'user' || u.j || '@tenant' || t.i || '.example', NULL, 'bench', 0, u.j FROM t, u");
        exec(raw, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
        sqlite3_close(raw);

        std::mt19937_64 random(42);
        questions.reserve(kQuestions);
        for (std::size_t i = 0; i < kQuestions; ++i) {
            const auto t = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(tenants));
            const auto u = static_cast<std::int64_t>(random() % kSeatsPerTenant);
            const bool hit = (random() & 1U) == 0;
            questions.push_back({tenant_id(t), upn(t, hit ? u : u + kSeatsPerTenant)});
        }
    }
    ~World() {
        index.reset();
        db.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    SeatIndex& loaded() {
        if (!index) {
            index = std::make_unique<SeatIndex>(*db);
            if (!index->load().ok()) std::abort();
        }
        return *index;
    }
};

// The same seats in PostgreSQL, loaded into an index once per iteration.
void BM_SeatIndexLoadPostgres(benchmark::State& state, const std::string& url, std::int64_t seats) {
    auto db = std::move(store::open_store(url)).value();
    const std::int64_t tenants = std::max<std::int64_t>(1, seats / kSeatsPerTenant);
    const Status wiped = store::in_transaction(*db, store::TxMode::kWrite, [](store::Transaction& tx) {
        tx.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        return Status::Ok();
    });
    if (!wiped.ok() || !db->migrate().ok()) std::abort();
    const Status seeded = store::in_transaction(*db, store::TxMode::kWrite, [&](store::Transaction& tx) {
        add_catalogue(tx);
        const std::string tenant = "lpad(to_hex(t), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(t), 12, '0')";
        tx.execute("INSERT INTO tenants (id, name, created_at) SELECT " + tenant +
                   ", 'bench', 0 FROM generate_series(0, " + std::to_string(tenants - 1) + ") t");
        tx.execute(
            "INSERT INTO license_pools (tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, assigned, "
            "updated_at) SELECT id, 'contoso.crm.premium', 'contoso', 'crm', 'premium', 100000, " +
            std::to_string(kSeatsPerTenant) + ", 0 FROM tenants");
        tx.execute("INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq) SELECT " +
                   tenant +
                   ", 'contoso.crm.premium', 'user' || u || '@tenant' || t || '.example', NULL, 'bench', 0, u "
                   "FROM generate_series(0, " +
                   std::to_string(tenants - 1) + ") t, generate_series(0, " +
                   std::to_string(std::min(seats, kSeatsPerTenant) - 1) + ") u");
        return Status::Ok();
    });
    if (!seeded.ok()) std::abort();
    std::unique_ptr<SeatIndex> index;
    for (auto _ : state) {
        state.PauseTiming();
        index = std::make_unique<SeatIndex>(*db);
        const std::size_t before = heap_bytes();
        state.ResumeTiming();
        if (!index->load().ok()) std::abort();
        state.PauseTiming();
        state.counters["bytes_per_seat"] =
            static_cast<double>(heap_bytes() - before) / static_cast<double>(index->stats().seats);
        state.counters["seats"] = static_cast<double>(index->stats().seats);
        index.reset();
        state.ResumeTiming();
    }
}

// One world at a time: a bigger one replaces the one before, so that a 10 M run holds only its own.
World& world(std::int64_t seats) {
    static std::unique_ptr<World> current;
    if (!current || current->seats != seats) {
        current.reset();
        current = std::make_unique<World>(seats);
    }
    return *current;
}

void BM_SeatIndexLoad(benchmark::State& state, std::int64_t seats) {
    World& w = world(seats);
    for (auto _ : state) {
        state.PauseTiming();
        w.index.reset();
        const std::size_t before = heap_bytes();
        state.ResumeTiming();
        w.loaded();
        state.PauseTiming();
        state.counters["bytes_per_seat"] =
            static_cast<double>(heap_bytes() - before) / static_cast<double>(w.index->stats().seats);
        state.counters["seats"] = static_cast<double>(w.index->stats().seats);
        state.ResumeTiming();
    }
}

void BM_SeatIndexCheck(benchmark::State& state, std::int64_t seats) {
    World& w = world(seats);
    const SeatIndex& index = w.loaded();
    std::size_t i = 0;
    std::int64_t licensed = 0;
    for (auto _ : state) {
        const Question& q = w.questions[i++ & (kQuestions - 1)];
        const auto answer = index.check("contoso", q.tenant, q.user, kServiceId);
        licensed += answer.result == seatkeeper::check::Verdict::kLicensed ? 1 : 0;
        benchmark::DoNotOptimize(answer);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["hit_ratio"] = static_cast<double>(licensed) / static_cast<double>(state.iterations());
}

// The reference: what answering from the database would cost at best, one prepared statement on one connection.
void BM_SqlitePointLookup(benchmark::State& state, std::int64_t seats) {
    World& w = world(seats);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2((w.dir / "bench.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) std::abort();
    sqlite3_stmt* stmt = nullptr;
    const char* sql = "SELECT 1 FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?";
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) std::abort();
    std::size_t i = 0;
    std::int64_t found = 0;
    for (auto _ : state) {
        const Question& q = w.questions[i++ & (kQuestions - 1)];
        sqlite3_bind_text(stmt, 1, q.tenant.data(), static_cast<int>(q.tenant.size()), SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, kServiceId, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, q.user.data(), static_cast<int>(q.user.size()), SQLITE_STATIC);
        found += sqlite3_step(stmt) == SQLITE_ROW ? 1 : 0;
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    state.SetItemsProcessed(state.iterations());
    state.counters["hit_ratio"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
    seatkeeper::crypto::init_crypto();
    // Each size's three in a row, so that its database is made once.
    for (const std::int64_t seats : {10000, 1000000, 10000000}) {
        const std::string size = "/seats:" + std::to_string(seats);
        benchmark::RegisterBenchmark(("SeatIndexLoad" + size).c_str(), BM_SeatIndexLoad, seats)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("SeatIndexCheck" + size).c_str(), BM_SeatIndexCheck, seats);
        benchmark::RegisterBenchmark(("SqlitePointLookup" + size).c_str(), BM_SqlitePointLookup, seats);
    }
    if (const char* url = std::getenv("SEATKEEPER_BENCH_POSTGRES_URL"); url != nullptr && *url != '\0') {
        for (const std::int64_t seats : {10000, 1000000, 10000000}) {
            benchmark::RegisterBenchmark(("SeatIndexLoadPostgres/seats:" + std::to_string(seats)).c_str(),
                                         BM_SeatIndexLoadPostgres, std::string(url), seats)
                ->Unit(benchmark::kMillisecond);
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
