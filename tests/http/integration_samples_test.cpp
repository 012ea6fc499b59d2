// The runnable samples of docs/integration.md against a real server: docs/integration/app_sample.py (the
// standard library and PyJWT) and docs/integration/app_sample.cjs (fetch and jose) each check a user, check a
// batch, get a license token and verify it offline against the JWKS, and reject a tampered one. Each prints
// JSON lines; the test reads them and holds them to what the server knows: the seat holder licensed, another
// user denied no_seat, an expired term denied expired, a rate limit waited out, an outage told from a refusal.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/license_term.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/child_process.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

constexpr const char* kService = "contoso.crm.basic";

struct Sample {
    std::string name;
    std::vector<std::string> command;  // the program and the script, before the options
};
void PrintTo(const Sample& sample, std::ostream* out) { *out << sample.name; }

std::string source(const std::string& path) { return std::string(SEATKEEPER_SOURCE_DIR) + "/" + path; }

const std::vector<Sample>& samples() {
    static const std::vector<Sample> all{
        {"python", {SEATKEEPER_PYTHON, source("docs/integration/app_sample.py")}},
        // CommonJS resolves `jose` through NODE_PATH: web/'s devDependencies, installed by `npm ci` in web/.
        {"node",
         {"/usr/bin/env", "NODE_PATH=" SEATKEEPER_WEB_NODE_MODULES, SEATKEEPER_NODE,
          source("docs/integration/app_sample.cjs")}},
    };
    return all;
}

// What a sample printed: the exit code, everything for the failure messages, and its JSON lines by step.
struct Printed {
    int exit_code = -1;
    std::string output;
    std::vector<bj::object> lines;

    // The first line of `step` (an empty object, and a failure, when there is none).
    [[nodiscard]] const bj::object& step(const std::string& name) const {
        for (const auto& line : lines) {
            if (line.at("step").as_string() == name) return line;
        }
        ADD_FAILURE() << "no " << name << " line in:\n" << output;
        static const bj::object kNone;
        return kNone;
    }
    [[nodiscard]] std::vector<bj::object> all(const std::string& name) const {
        std::vector<bj::object> found;
        for (const auto& line : lines) {
            if (line.at("step").as_string() == name) found.push_back(line);
        }
        return found;
    }
};

std::string text(const bj::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// One server per test (its own database): contoso.crm with the plan basic; tenant Fabrikam (fabrikam.example)
// has a won deal granting 3 basic licenses, without a term; ada holds one, bob none.
class IntegrationSamples : public ::testing::TestWithParam<Sample> {
protected:
    void start(const std::function<void(app::Config&)>& tweak = {}) {
        if (GetParam().name == "node") {
            ASSERT_TRUE(std::filesystem::exists(std::string(SEATKEEPER_WEB_NODE_MODULES) + "/jose"))
                << "jose is not installed: run `npm ci` in web/";
        }
        server_ = std::make_unique<TestServer>(tweak);
        tenant_ = add_crm_customer(server_->app().services());
        ASSERT_TRUE(server_->app().runtime().catch_up().ok());
        app_key_ = key("app");
        issuer_ = server_->app().config().settings.public_url;
    }

    std::string key(const std::string& role) {
        auto created = service::create_api_key(server_->app().services(), service::system_principal("contoso"),
                                               {role, role + " key"});
        if (!created.ok()) throw std::runtime_error("create_api_key: " + created.status().message());
        return created->key;
    }

    Printed run_sample(const std::string& key) {
        std::vector<std::string> args = GetParam().command;
        const std::vector<std::string> options{"--url",        server_->base(),
                                               "--key",        key,
                                               "--tenant",     tenant_,
                                               "--user",       "ada@fabrikam.example",
                                               "--also",       "bob@fabrikam.example",
                                               "--service-id", kService,
                                               "--issuer",     issuer_};
        args.insert(args.end(), options.begin(), options.end());
        const Completed run = run_to_end(args);
        Printed printed{run.exit_code, run.output, {}};
        std::istringstream lines(run.output);
        for (std::string line; std::getline(lines, line);) {
            if (!line.starts_with("{\"step\"")) continue;  // a library's warning, a traceback
            printed.lines.push_back(bj::parse(line).as_object());
        }
        return printed;
    }
    Printed run_sample() { return run_sample(app_key_); }

    // The claims the sample verified, checked against the question it asked and the token it was given.
    static bj::object verified_claims(const Printed& out, const std::string& issuer, const std::string& tenant) {
        const bj::object& claims = out.step("verified").at("claims").as_object();
        const bj::object& token = out.step("token");
        EXPECT_EQ(text(claims, "iss"), issuer);
        EXPECT_EQ(text(claims, "pub"), "contoso");
        EXPECT_EQ(text(claims, "aud"), kService);
        EXPECT_EQ(text(claims, "sub"), "ada@fabrikam.example");
        EXPECT_EQ(text(claims, "tid"), tenant);
        EXPECT_EQ(text(claims, "nonce"), text(token, "nonce"));
        EXPECT_FALSE(text(token, "kid").empty()) << bj::serialize(token);
        EXPECT_FALSE(text(claims, "jti").empty()) << bj::serialize(claims);
        EXPECT_EQ(parse_rfc3339(text(token, "expires_at")),
                  std::optional<Millis>(claims.at("exp").to_number<Millis>() * 1000));
        return claims;
    }

    static void expect_tampered_token_rejected(const Printed& out) {
        const bj::object& tampered = out.step("tampered");
        EXPECT_EQ(tampered.at("rejected"), bj::value(true)) << out.output;
        // PyJWT's InvalidSignatureError, jose's JWSSignatureVerificationFailed.
        EXPECT_NE(text(tampered, "error").find("Signature"), std::string::npos) << bj::serialize(tampered);
    }

    std::unique_ptr<TestServer> server_;
    std::string tenant_;
    std::string app_key_;
    std::string issuer_;  // the server's public_url
};

TEST_P(IntegrationSamples, ChecksBatchesAndVerifiesATokenOffline) {
    start();
    const Printed out = run_sample();
    ASSERT_EQ(out.exit_code, 0) << out.output;

    const bj::object& check = out.step("check");
    EXPECT_EQ(text(check, "result"), "licensed") << out.output;
    EXPECT_EQ(text(check, "reason"), "assigned");
    EXPECT_EQ(text(check, "plan_id"), "basic");

    const bj::array& results = out.step("batch").at("results").as_array();
    ASSERT_EQ(results.size(), 2U) << out.output;
    EXPECT_EQ(text(results[0].as_object(), "user"), "ada@fabrikam.example");
    EXPECT_EQ(text(results[0].as_object(), "result"), "licensed");
    EXPECT_EQ(text(results[0].as_object(), "reason"), "assigned");
    EXPECT_EQ(text(results[1].as_object(), "user"), "bob@fabrikam.example");
    EXPECT_EQ(text(results[1].as_object(), "result"), "denied");
    EXPECT_EQ(text(results[1].as_object(), "reason"), "no_seat");
    EXPECT_FALSE(results[1].as_object().contains("plan_id"));

    const bj::object claims = verified_claims(out, issuer_, tenant_);
    EXPECT_EQ(text(claims, "result"), "licensed");
    EXPECT_EQ(text(claims, "reason"), "assigned");
    EXPECT_EQ(text(claims, "plan"), "basic");
    EXPECT_EQ(claims.at("exp").to_number<std::int64_t>() - claims.at("iat").to_number<std::int64_t>(), 300);
    // The key that signed it is the server's, as its JWKS publishes it.
    Client anyone(server_->base());
    const auto jwks = anyone.get("/.well-known/jwks.json");
    ASSERT_EQ(jwks.status, 200) << jwks.body;
    EXPECT_EQ(jwks.json().at("keys").at(0).at("kid").as_string(), text(out.step("token"), "kid"));

    expect_tampered_token_rejected(out);
    const bj::object& offline = out.step("offline");
    EXPECT_EQ(text(offline, "result"), "licensed");
    EXPECT_EQ(offline.at("until"), claims.at("exp"));
    EXPECT_TRUE(out.all("retry").empty()) << out.output;
}

TEST_P(IntegrationSamples, AnExpiredTermIsDeniedInTheAnswersAndTheToken) {
    start();
    // The publisher gives the licenses a term that ended yesterday, without grace.
    Client publisher(server_->base());
    publisher.use_api_key(key("account_admin"));
    const domain::Day today = domain::day_of(now_millis());
    const bj::object term{
        {"start_date", domain::format_day(today - 30)}, {"end_date", domain::format_day(today - 1)}, {"grace_days", 0}};
    const auto put =
        publisher.request("PUT", "/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/basic",
                          bj::serialize(bj::object{{"quantity", 3}, {"term", term}}));
    ASSERT_EQ(put.status, 200) << put.body;
    ASSERT_EQ(put.str("status"), "expired") << put.body;

    const Printed out = run_sample();
    ASSERT_EQ(out.exit_code, 0) << out.output;
    const bj::object& check = out.step("check");
    EXPECT_EQ(text(check, "result"), "denied") << out.output;
    EXPECT_EQ(text(check, "reason"), "expired");
    EXPECT_FALSE(check.contains("plan_id"));
    for (const auto& result : out.step("batch").at("results").as_array()) {
        EXPECT_EQ(text(result.as_object(), "result"), "denied") << bj::serialize(result);
        EXPECT_EQ(text(result.as_object(), "reason"), "expired") << bj::serialize(result);
    }
    const bj::object claims = verified_claims(out, issuer_, tenant_);
    EXPECT_EQ(text(claims, "result"), "denied");
    EXPECT_EQ(text(claims, "reason"), "expired");
    EXPECT_TRUE(claims.at("plan").is_null());
    expect_tampered_token_rejected(out);
    EXPECT_EQ(text(out.step("offline"), "result"), "denied");
}

TEST_P(IntegrationSamples, WaitsOutARateLimitAsRetryAfterSays) {
    // One runtime request a second for the app key, no burst: the batch and the token each meet a 429 first.
    start([](app::Config& c) {
        c.api.runtime_requests_per_second = 1;
        c.api.runtime_request_burst = 1;
    });
    const Printed out = run_sample();
    ASSERT_EQ(out.exit_code, 0) << out.output;
    const auto retries = out.all("retry");
    ASSERT_FALSE(retries.empty()) << out.output;
    for (const auto& retry : retries) {
        EXPECT_EQ(retry.at("status"), bj::value(429)) << bj::serialize(retry);
        EXPECT_EQ(retry.at("retry_after"), bj::value(1)) << bj::serialize(retry);
    }
    EXPECT_EQ(text(out.step("check"), "result"), "licensed") << out.output;
    EXPECT_EQ(out.step("batch").at("results").as_array().size(), 2U);
    EXPECT_EQ(text(out.step("verified").at("claims").as_object(), "result"), "licensed");
}

TEST_P(IntegrationSamples, TellsAnOutageFromARefusal) {
    start();
    // A key of another role is refused (403): a mistake to fix, not an outage (exit 1).
    const Printed refused = run_sample(key("developer"));
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("403"), std::string::npos) << refused.output;
    EXPECT_TRUE(refused.lines.empty()) << refused.output;
    // No server: unreachable (exit 2), where the app's fail-open or fail-closed choice applies.
    server_->stop();
    const Printed unreachable = run_sample();
    EXPECT_EQ(unreachable.exit_code, 2) << unreachable.output;
    EXPECT_NE(unreachable.output.find("Seatkeeper is unreachable"), std::string::npos) << unreachable.output;
}

INSTANTIATE_TEST_SUITE_P(Samples, IntegrationSamples, ::testing::ValuesIn(samples()),
                         [](const ::testing::TestParamInfo<Sample>& sample) { return sample.param.name; });

}  // namespace
}  // namespace seatkeeper::testing
