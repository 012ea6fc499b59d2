// Offline license tokens per second on one core (issue 13): issuing one as POST /api/v1/tokens does after its
// check (the claims check::Runtime::issue_token builds, signed by the KeyRing's active Ed25519 key), and
// verifying one as an app does with the published key (check::verify_jwt, then the expiry claim read). The
// KeyRing is the server's own: its key made by ensure_signing_key in a throwaway SQLite database and sealed
// with a fresh master key. Run by `scripts/dev bench` (bench/bench.py), which reads the JSON output by name:
// TokenIssue, TokenVerify.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "check/jwt.hpp"
#include "check/signing_keys.hpp"
#include "common/crypto.hpp"
#include "common/master_keys.hpp"
#include "store/store.hpp"

namespace {

namespace check = seatkeeper::check;
namespace crypto = seatkeeper::crypto;
namespace store = seatkeeper::store;

constexpr seatkeeper::Millis kKeepRetiredMs = 86'400'000;
constexpr std::int64_t kTokenTtlSeconds = 3600;
constexpr std::size_t kJtiBytes = 16;  // as check::Runtime::issue_token

// A migrated SQLite database in a temporary directory, its signing key and the KeyRing that signs with it.
struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<store::Store> db;
    crypto::MasterKeys master_keys{crypto::MasterKey::generate()};
    std::unique_ptr<check::KeyRing> ring;
    check::PublicKey public_key{};

    Fixture() {
        dir = std::filesystem::temp_directory_path() / ("seatkeeper-token-bench-" + crypto::random_token(8));
        std::filesystem::create_directories(dir);
        auto opened = store::open_store("sqlite:" + (dir / "bench.db").string());
        if (!opened.ok()) std::abort();
        db = std::move(opened).value();
        if (!db->migrate().ok() || !check::ensure_signing_key(*db, master_keys).ok()) std::abort();
        ring = std::make_unique<check::KeyRing>(*db, master_keys, kKeepRetiredMs);
        if (!ring->reload().ok()) std::abort();
        // The public half as an app gets it: the JWKS entry's "x".
        const auto jwks = ring->jwks(seatkeeper::now_millis());
        const auto x = check::base64url_decode(jwks.at("keys").as_array().at(0).as_object().at("x").as_string());
        if (!x || x->size() != public_key.size()) std::abort();
        std::copy(x->begin(), x->end(), public_key.begin());
    }
    ~Fixture() {
        ring.reset();
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

// The claims of a licensed answer, as check::Runtime::issue_token writes them.
boost::json::object claims() {
    const std::int64_t issued_at = seatkeeper::now_millis() / 1000;
    return {
        {"iss", "https://seatkeeper.example"},
        {"pub", "contoso"},
        {"aud", "contoso.crm.premium"},
        {"sub", "user7@00000007.example"},
        {"tid", "00000007-0000-4000-8000-000000000007"},
        {"plan", "premium"},
        {"result", "licensed"},
        {"reason", "assigned"},
        {"iat", issued_at},
        {"exp", issued_at + kTokenTtlSeconds},
        {"jti", crypto::random_token(kJtiBytes)},
        {"nonce", "n1"},
    };
}

void token_issue(benchmark::State& state) {
    const check::KeyRing& ring = *fixture().ring;
    for (auto _ : state) {
        auto token = ring.sign(claims());
        if (!token.ok()) state.SkipWithError("KeyRing::sign failed");
        benchmark::DoNotOptimize(token);
    }
    state.SetItemsProcessed(state.iterations());
}

void token_verify(benchmark::State& state) {
    const Fixture& f = fixture();
    const auto signed_token = f.ring->sign(claims());
    if (!signed_token.ok()) std::abort();
    const std::string& token = signed_token.value();
    for (auto _ : state) {
        const auto verified = check::verify_jwt(token, f.public_key);
        if (!verified || !verified->claims.at("exp").is_int64()) state.SkipWithError("verify_jwt failed");
        benchmark::DoNotOptimize(verified);
    }
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
    crypto::init_crypto();
    fixture();  // the key made before any timing
    // Registered by name: the names are what bench/bench.py reads.
    benchmark::RegisterBenchmark("TokenIssue", token_issue)->UseRealTime();
    benchmark::RegisterBenchmark("TokenVerify", token_verify)->UseRealTime();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
