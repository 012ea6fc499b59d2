// Offline license tokens checked by an independent JWT library: tests/http/verify_tokens.py verifies them with
// PyJWT against the JWKS, before and after `seatkeeper keys rotate` run as a separate process on the database
// of this running server.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/customer_fixture.hpp"

namespace seatkeeper::testing {
namespace {

std::string shell_quoted(const std::string& arg) { return "'" + arg + "'"; }

// Runs `command`; its exit status and what it printed (stdout and stderr together).
std::pair<int, std::string> run(const std::string& command) {
    std::string output;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return {-1, "popen failed"};
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) output += buffer.data();
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

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
    const auto& master_key = server.app().config().secrets.key;
    const std::string key_env = master_key ? "/usr/bin/env SEATKEEPER_MASTER_KEY=" + master_key->to_base64() + " " : "";
    const std::string command = shell_quoted(SEATKEEPER_PYTHON) + " " +
                                shell_quoted(std::string(SEATKEEPER_SOURCE_DIR) + "/tests/http/verify_tokens.py") +
                                " " + shell_quoted(server.base()) + " " + shell_quoted(key->key) + " " +
                                shell_quoted(tenant) + " ada@fabrikam.example " + "contoso.crm.premium premium " +
                                shell_quoted(server.app().config().settings.public_url) + " 300 " + key_env +
                                shell_quoted(SEATKEEPER_BINARY) + " keys rotate --database " +
                                shell_quoted(server.app().config().database);
    const auto [status, output] = run(command);
    EXPECT_EQ(status, 0) << command << "\n" << output;
    EXPECT_NE(output.find("ok: tokens verified with PyJWT"), std::string::npos) << output;
}

}  // namespace
}  // namespace seatkeeper::testing
