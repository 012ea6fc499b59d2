// What the server's log never holds (issue 11, finding 18), read where an operator reads it: the stdout and
// stderr of a real `seatkeeper serve` with no SMTP server configured, where mails are kept and logged. A
// consent invitation link, a sign-up code and a password reset link are each mailed; the log says each mail
// was kept, and holds none of the three, nor the master key that encrypts the signing keys.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include "app/master_key_source.hpp"
#include "common/crypto.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/child_process.hpp"
#include "support/customer_fixture.hpp"
#include "support/smtp_sink.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

class LogSecrets : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("seatkeeper-log-" + crypto::random_token(8));
        fs::create_directories(dir_);
        service::Services services(database_.store(), service::Settings{});
        ASSERT_TRUE(service::create_publisher(services,
                                              {"contoso", "Contoso", "admin@contoso.example", "password-contoso-1", ""})
                        .ok());
        add_offer(services, "contoso", "crm", {"basic"}, true, false);

        std::ofstream config(dir_ / "seatkeeper.toml");
        config << "log_level = \"info\"\n"
                  "[limits]\n"
                  "requests_per_second = 0\n"
                  "logins_per_minute = 0\n"
                  "public_writes_per_minute = 0\n";
        // SQLite makes its own key file beside the database; PostgreSQL needs one given.
        if (const auto sqlite = store::sqlite_path(database_.url())) {
            master_key_file_ = app::default_master_key_file(*sqlite);
        } else {
            master_key_file_ = dir_ / "master.key";
            std::ofstream(master_key_file_) << crypto::MasterKey::generate().to_base64() << "\n";
            fs::permissions(master_key_file_, fs::perms::owner_read | fs::perms::owner_write);
            config << "[secrets]\nmaster_key_file = \"" << master_key_file_.string() << "\"\n";
        }
        config.close();

        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{SEATKEEPER_BINARY, "serve", "--config", (dir_ / "seatkeeper.toml").string(),
                                     "--database", database_.url(), "--listen", "127.0.0.1:" + std::to_string(port_)},
            (dir_ / "server.log").string());
        Client probe(base());
        try {
            server_->wait_until(
                [&] {
                    const auto r = probe.try_request("GET", "/readyz");
                    return r && r->status == 200;
                },
                "seatkeeper serve", "its output follows");
        } catch (const std::exception& e) {
            FAIL() << e.what() << "\n" << stopped_server_log();
        }
    }

    void TearDown() override {
        server_.reset();
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // The bodies of the mails kept in the outbox, once `count` are kept (waits up to 30 s).
    std::vector<std::string> kept_bodies(std::size_t count) {
        std::vector<std::string> bodies;
        eventually(
            [&] {
                auto read = store::in_transaction(database_.store(), store::TxMode::kRead, [](store::Transaction& tx) {
                    std::vector<std::string> out;
                    for (const auto& r : tx.query("SELECT body FROM mails WHERE state = 'kept' ORDER BY created_at")) {
                        out.push_back(r.text(0));
                    }
                    return Result<std::vector<std::string>>(out);
                });
                if (read.ok()) bodies = *read;
                return bodies.size() >= count;
            },
            std::chrono::seconds(30));
        EXPECT_EQ(bodies.size(), count) << "mails kept";
        return bodies;
    }

    // Everything the server wrote, after it stopped.
    std::string stopped_server_log() {
        server_.reset();
        std::ostringstream text;
        text << std::ifstream(dir_ / "server.log").rdbuf();
        return text.str();
    }

    fs::path dir_;
    TempDatabase database_;
    fs::path master_key_file_;
    int port_ = SmtpSink::free_port();
    std::unique_ptr<ChildProcess> server_;
};

std::string first_match(const std::string& text, const std::regex& pattern) {
    std::smatch m;
    return std::regex_search(text, m, pattern) ? m[1].str() : std::string();
}

TEST_F(LogSecrets, MailedCredentialsAndTheMasterKeyNeverReachTheLog) {
    Client publisher(base());
    ASSERT_EQ(publisher.login("admin@contoso.example", "password-contoso-1").status, 200);
    const auto deal = publisher.post(
        "/api/v1/deals",
        {{"customer",
          {{"name", "Fabrikam"}, {"domain", "fabrikam.example"}, {"contact_email", "billing@fabrikam.example"}}},
         {"offer_id", "crm"},
         {"plan_ids", bj::array{"basic"}},
         {"seats", 5},
         {"value", 100},
         {"close_date", "2030-12-31"}});
    ASSERT_EQ(deal.status, 201) << deal.body;
    const auto invite =
        publisher.post("/api/v1/deals/" + deal.str("id") + "/invitations", {{"email", "billing@fabrikam.example"}});
    ASSERT_EQ(invite.status, 201) << invite.body;
    const std::string invitation_url = invite.str("invitation_url");
    const std::string invitation_token = invitation_url.substr(invitation_url.rfind('/') + 1);
    ASSERT_GE(invitation_token.size(), 43U);

    Client anyone(base());
    ASSERT_EQ(anyone.get("/api/v1/invitations/" + invitation_token).status, 200);  // the token in a request path
    ASSERT_EQ(anyone.post("/api/v1/invitations/" + invitation_token + "/signup-code").status, 202);
    ASSERT_EQ(anyone.post("/api/v1/auth/password-reset", {{"email", "admin@contoso.example"}}).status, 202);

    std::string code;
    std::string reset_token;
    for (const std::string& body : kept_bodies(3)) {
        if (code.empty()) code = first_match(body, std::regex(R"(\s(\d{8})\s)"));
        if (reset_token.empty()) {
            reset_token = first_match(body, std::regex(R"(/password-reset/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+))"));
        }
    }
    ASSERT_EQ(code.size(), 8U);
    ASSERT_FALSE(reset_token.empty());
    std::string master_key;
    std::ifstream(master_key_file_) >> master_key;
    ASSERT_EQ(master_key.size(), 44U);

    const std::string log = stopped_server_log();
    // The log is the one the server wrote, at info, and it tells of each mail.
    EXPECT_NE(log.find("\"msg\":\"listening\""), std::string::npos) << log.substr(0, 2000);
    std::size_t kept = 0;
    for (auto at = log.find("\"msg\":\"mail kept\""); at != std::string::npos;
         at = log.find("\"msg\":\"mail kept\"", at + 1)) {
        ++kept;
    }
    EXPECT_EQ(kept, 3U) << log;
    EXPECT_NE(log.find("withheld"), std::string::npos);

    EXPECT_EQ(log.find(invitation_token), std::string::npos) << "the invitation link";
    EXPECT_EQ(log.find(invitation_token.substr(0, 16)), std::string::npos) << "part of the invitation link";
    EXPECT_FALSE(std::regex_search(log, std::regex("(^|[^0-9])" + code + "([^0-9]|$)"))) << "the sign-up code";
    EXPECT_EQ(log.find(reset_token), std::string::npos) << "the reset link";
    EXPECT_EQ(log.find(reset_token.substr(reset_token.find('.') + 1)), std::string::npos) << "the reset secret";
    EXPECT_EQ(log.find(master_key), std::string::npos) << "the master key";
    EXPECT_EQ(log.find(master_key.substr(0, 16)), std::string::npos) << "part of the master key";
    EXPECT_EQ(log.find("password-contoso-1"), std::string::npos);
}

}  // namespace
}  // namespace seatkeeper::testing
