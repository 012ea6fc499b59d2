// SeatIndex::check on its own, without HTTP: the cost of one answer (a shared lock and four hash lookups) and
// how it holds up with two threads asking at once (the shared_mutex's reader count is one contended cache line).
// The database: 1000 tenants, each with a pool of contoso.crm.premium with 50 seats, and contoso.field-service
// installed by every tenant. Run by bench/check; prints Google Benchmark's table.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "check/seat_index.hpp"
#include "common/crypto.hpp"

namespace {

using seatkeeper::Status;
using seatkeeper::check::SeatIndex;
namespace store = seatkeeper::store;

constexpr int kTenants = 1000;
constexpr int kSeatsPerTenant = 50;

std::string tenant_id(int i) {
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%08x-0000-4000-8000-%012x", i, i);
    return buffer.data();
}

std::string upn(int tenant, int user) {
    return "user" + std::to_string(user) + "@tenant" + std::to_string(tenant) + ".example";
}

struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<store::Store> db;
    std::unique_ptr<SeatIndex> index;

    Fixture() {
        dir = std::filesystem::temp_directory_path() / ("seatkeeper-bench-" + seatkeeper::crypto::random_token(8));
        db = std::move(store::open_store("sqlite:" + (dir / "bench.db").string())).value();
        if (!db->migrate().ok()) std::abort();
        const Status seeded = store::in_transaction(*db, store::TxMode::kWrite, [](store::Transaction& tx) {
            tx.execute("INSERT INTO publishers (id, name, created_at) VALUES ('contoso', 'Contoso', 0)");
            for (const char* offer : {"crm", "field-service"}) {
                tx.execute(
                    "INSERT INTO offers (publisher_id, id, alias, type, state, license_management, "
                    "allow_install_without_license, created_at, updated_at) VALUES ('contoso', ?, ?, "
                    "'dynamics-365-ce-powerapps', 'live', 1, ?, 0, 0)",
                    {std::string(offer), std::string(offer), std::int64_t{std::string(offer) == "field-service"}});
            }
            for (const char* plan : {"basic", "premium"}) {
                tx.execute(
                    "INSERT INTO plans (publisher_id, offer_id, id, name, state, created_at, updated_at) "
                    "VALUES ('contoso', 'crm', ?, ?, 'published', 0, 0)",
                    {std::string(plan), std::string(plan)});
            }
            tx.execute(
                "INSERT INTO plans (publisher_id, offer_id, id, name, state, created_at, updated_at) "
                "VALUES ('contoso', 'field-service', 'pro', 'Pro', 'published', 0, 0)");
            for (int t = 0; t < kTenants; ++t) {
                const std::string tid = tenant_id(t);
                tx.execute("INSERT INTO tenants (id, name, created_at) VALUES (?, 'tenant', 0)", {tid});
                tx.execute(
                    "INSERT INTO license_pools (tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, "
                    "assigned, updated_at) VALUES (?, 'contoso.crm.premium', 'contoso', 'crm', 'premium', 100, ?, 0)",
                    {tid, std::int64_t{kSeatsPerTenant}});
                tx.execute(
                    "INSERT INTO installations (id, tenant_id, publisher_id, offer_id, environment, installed_by, "
                    "created_at) VALUES (?, ?, 'contoso', 'field-service', 'production', 'bench', 0)",
                    {"inst" + std::to_string(t), tid});
                for (int u = 0; u < kSeatsPerTenant; ++u) {
                    tx.execute(
                        "INSERT INTO seats (tenant_id, service_id, upn, assigned_by, assigned_at, seq) "
                        "VALUES (?, 'contoso.crm.premium', ?, 'bench', 0, ?)",
                        {tid, upn(t, u), std::int64_t{u}});
                }
            }
            return Status::Ok();
        });
        if (!seeded.ok()) std::abort();
        index = std::make_unique<SeatIndex>(*db);
        if (!index->load().ok()) std::abort();
    }
    ~Fixture() {
        index.reset();
        db.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// Questions spread over tenants and users, built before timing so only check() is measured.
struct Question {
    std::string tenant;
    std::string user;
    std::string service_id;
};

std::vector<Question> questions(int variant) {
    std::vector<Question> out;
    for (int i = 0; i < 1024; ++i) {
        const int t = (i * 7919) % kTenants;
        switch (variant) {
            case 0:  // licensed
                out.push_back({tenant_id(t), upn(t, i % kSeatsPerTenant), "contoso.crm.premium"});
                break;
            case 1:  // denied, not_assigned
                out.push_back({tenant_id(t), upn(t, kSeatsPerTenant + i), "contoso.crm.premium"});
                break;
            case 2:  // base
                out.push_back({tenant_id(t), upn(t, i), "contoso.field-service.pro"});
                break;
            default:  // unknown service ID
                out.push_back({tenant_id(t), upn(t, i), "contoso.crm.gold"});
                break;
        }
    }
    return out;
}

void BM_Check(benchmark::State& state) {
    const SeatIndex& index = *fixture().index;
    const auto qs = questions(static_cast<int>(state.range(0)));
    std::size_t i = 0;
    for (auto _ : state) {
        const Question& q = qs[i++ & 1023U];
        benchmark::DoNotOptimize(index.check("contoso", q.tenant, q.user, q.service_id));
    }
    state.SetItemsProcessed(state.iterations());
}

void Variants(benchmark::internal::Benchmark* b) {
    b->ArgName("answer");
    for (int v = 0; v < 4; ++v) b->Arg(v);
}

}  // namespace

// answer: 0 licensed, 1 denied/not_assigned, 2 base, 3 denied/unknown_service_id
BENCHMARK(BM_Check)->Apply(Variants)->Threads(1)->Threads(2)->UseRealTime();

int main(int argc, char** argv) {
    seatkeeper::crypto::init_crypto();
    fixture();  // seeded before any timing
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
