// Offline license tokens checked by an independent JWT library: tests/http/verify_tokens.py verifies them with
// PyJWT against the JWKS, before and after `seatkeeper keys rotate` run as a separate process on the database
// of this running server.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/child_process.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::testing {
namespace {

TEST(TokensWithPyJwt, VerifyBeforeAndAfterKeyRotation) {
    TestServer server([](app::Config& c) { c.check.refresh_ms = 50; });
    add_offer(server.app().services(), "contoso", "crm", {"premium"}, true, false);
    CustomerFixture customers(server.app().services().store());
    const std::string tenant = customers.add_tenant("Fabrikam");
    customers.set_licenses(tenant, "contoso", "crm", "premium", 2);
    customers.assign(tenant, "contoso.crm.premium", "ada@fabrikam.example");
    ASSERT_TRUE(server.app().runtime().catch_up().ok());
    auto key = service::create_api_key(server.app().services(), service::system_principal("contoso"), {"app", "app"});
    ASSERT_TRUE(key.ok());

    // The command line needs the server's master key: on SQLite it finds master.key beside the database, on
    // PostgreSQL the harness's key is handed over.
    std::vector<std::string> rotate{SEATKEEPER_BINARY, "keys", "rotate", "--database", server.app().config().database};
    if (const auto& master_key = server.app().config().secrets.key) {
        rotate.insert(rotate.begin(), {"/usr/bin/env", "SEATKEEPER_MASTER_KEY=" + master_key->to_base64()});
    }
    std::vector<std::string> args{SEATKEEPER_PYTHON,
                                  std::string(SEATKEEPER_SOURCE_DIR) + "/tests/http/verify_tokens.py",
                                  server.base(),
                                  key->key,
                                  tenant,
                                  "ada@fabrikam.example",
                                  "contoso.crm.premium",
                                  "premium",
                                  server.app().config().settings.public_url,
                                  "300"};
    args.insert(args.end(), rotate.begin(), rotate.end());
    const Completed run = run_to_end(args);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("ok: tokens verified with PyJWT"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace seatkeeper::testing
