// Staff accounts can be offboarded (API.md "Staff accounts", issue 11 finding 10), for publishers and tenants
// alike: a disabled or deleted user's session ends at once and they cannot sign in; the last active global
// admin stays; only global admins manage users, and only their own account's; a password change ends the
// other sessions; a mailed reset link (through a real SMTP server, tests/support/smtp_sink.hpp) works once,
// not after an hour, and asking for one tells nobody whether the address has an account.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include "http/harness.hpp"
#include "service/tenants.hpp"
#include "support/smtp_sink.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

enum class Kind { kPublisher, kTenant };

void expect_refused(const HttpResponse& r, long status, const std::string& rule, const std::string& field = {}) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << r.body;
    EXPECT_EQ(r.str("rule"), rule) << r.body;
    if (!field.empty()) {
        EXPECT_EQ(r.str("field"), field) << r.body;
    }
}

// One server and SMTP sink for the suite (each Argon2 hash costs); every test makes accounts of its own.
class StaffAccounts : public ::testing::TestWithParam<Kind> {
protected:
    static void SetUpTestSuite() {
        sink_ = std::make_unique<SmtpSink>();
        server_ = std::make_unique<TestServer>([](app::Config& c) {
            c.settings.smtp.url = sink_->url();
            c.settings.smtp.from = {"Seatkeeper", "no-reply@seatkeeper.test"};
            c.settings.mail_retry = {8, 200, 400};
        });
    }
    static void TearDownTestSuite() {
        server_.reset();
        sink_.reset();
    }

    [[nodiscard]] bool tenant() const { return GetParam() == Kind::kTenant; }
    // A staff role that may not manage users, and another one.
    [[nodiscard]] std::string lesser_role() const { return tenant() ? "license_admin" : "viewer"; }
    [[nodiscard]] std::string other_lesser_role() const { return tenant() ? "user" : "developer"; }

    struct Account {
        std::string domain;
        std::unique_ptr<Client> admin;  // its global admin, signed in
        std::string admin_id;
        std::string admin_email;
    };

    // A new publisher or tenant (as the test's parameter says) with its global admin signed in.
    Account new_account() {
        const std::string n = std::to_string(++accounts_);
        Account a;
        a.admin = std::make_unique<Client>(server_->base());
        std::string password;
        if (tenant()) {
            a.domain = "staff" + n + ".tenant.example";
            a.admin_email = "admin@" + a.domain;
            password = "password-tenant-" + n;
            const auto t = service::create_tenant(
                server_->app().services(), {"Tenant " + n, {a.domain}, a.admin_email, password, "Tenant admin " + n});
            EXPECT_TRUE(t.ok()) << t.status().message();
        } else {
            const std::string id = "staffpub" + n;
            server_->create_publisher(id);
            a.domain = id + ".example";
            a.admin_email = "admin@" + a.domain;
            password = "password-" + id + "-1";
        }
        const auto login = a.admin->login(a.admin_email, password);
        EXPECT_EQ(login.status, 200) << login.body;
        a.admin_id = std::string(login.json().at("user").at("id").as_string());
        return a;
    }

    // Adds `local`@the account's domain with `role` and password "password-<local>"; returns its id.
    static std::string add_user(Account& a, const std::string& local, const std::string& role) {
        const auto r = a.admin->post("/api/v1/users", {{"email", local + "@" + a.domain},
                                                       {"name", "User " + local},
                                                       {"password", "password-" + local},
                                                       {"role", role}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.str("id");
    }

    // A client signed in as `local`@the account's domain with its current password.
    static std::unique_ptr<Client> signed_in(const Account& a, const std::string& local,
                                             const std::string& password = {}) {
        auto client = std::make_unique<Client>(server_->base());
        const auto r = client->login(local + "@" + a.domain, password.empty() ? "password-" + local : password);
        EXPECT_EQ(r.status, 200) << r.body;
        return client;
    }

    static HttpResponse login(const std::string& email, const std::string& password) {
        Client c(server_->base());
        return c.login(email, password);
    }

    // The user ids GET /api/v1/users lists.
    static std::vector<std::string> listed_ids(Client& admin) {
        const auto r = admin.get("/api/v1/users");
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        for (const auto& item : r.json().at("items").as_array()) out.emplace_back(item.at("id").as_string());
        return out;
    }

    // The token of the newest reset link mailed to `to` after `already` such mails arrived (waits up to 30 s).
    static std::string reset_token_mailed_to(const std::string& to, std::size_t already = 0) {
        const std::regex link(R"(/password-reset/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+))");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            std::vector<std::string> tokens;
            for (const auto& m : sink_->messages()) {
                const auto& rcpts = m.at("rcpt_tos").as_array();
                if (rcpts.empty() || rcpts[0].as_string() != to) continue;
                const std::string body(m.at("body").as_string());
                std::smatch match;
                if (std::regex_search(body, match, link)) tokens.push_back(match[1]);
            }
            if (tokens.size() > already) return tokens.back();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "no password reset mail reached " << to;
        return {};
    }

    static std::int64_t mails_to(const std::string& to) {
        auto n = store::in_transaction(
            server_->app().services().store(), store::TxMode::kRead,
            [&](store::Transaction& tx) -> Result<std::int64_t> {
                return tx.query_one("SELECT COUNT(*) FROM mails WHERE to_address = ?", {to})->integer(0);
            });
        EXPECT_TRUE(n.ok());
        return n.ok() ? *n : -1;
    }

    static inline std::unique_ptr<SmtpSink> sink_;
    static inline std::unique_ptr<TestServer> server_;
    static inline int accounts_ = 0;
};

TEST_P(StaffAccounts, DisablingEndsTheSessionAtOnceAndSignInUntilEnabled) {
    Account a = new_account();
    const std::string id = add_user(a, "leaver", lesser_role());
    auto leaver = signed_in(a, "leaver");
    ASSERT_EQ(leaver->get("/api/v1/auth/me").status, 200);

    const auto disabled = a.admin->patch("/api/v1/users/" + id, {{"disabled", true}});
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_TRUE(disabled.json().at("disabled").as_bool());
    expect_refused(leaver->get("/api/v1/auth/me"), 401, "unauthenticated");
    expect_refused(leaver->get("/api/v1/users"), 401, "unauthenticated");

    // Refused exactly like a wrong password: an anonymous caller cannot tell a disabled account apart.
    const auto refused = login("leaver@" + a.domain, "password-leaver");
    const auto wrong = login(a.admin_email, "not-the-password");
    expect_refused(refused, 401, "unauthenticated");
    EXPECT_EQ(refused.str("detail"), wrong.str("detail"));
    const auto listed = a.admin->get("/api/v1/users");
    for (const auto& u : listed.json().at("items").as_array()) {
        if (u.at("id").as_string() == id) {
            EXPECT_TRUE(u.at("disabled").as_bool());
        }
    }

    const auto enabled = a.admin->patch("/api/v1/users/" + id, {{"disabled", false}});
    ASSERT_EQ(enabled.status, 200) << enabled.body;
    EXPECT_FALSE(enabled.json().at("disabled").as_bool());
    EXPECT_EQ(login("leaver@" + a.domain, "password-leaver").status, 200);
}

TEST_P(StaffAccounts, DeletingEndsTheSessionAndRemovesTheUser) {
    Account a = new_account();
    const std::string id = add_user(a, "gone", lesser_role());
    auto gone = signed_in(a, "gone");
    ASSERT_EQ(gone->get("/api/v1/auth/me").status, 200);

    const auto deleted = a.admin->del("/api/v1/users/" + id);
    ASSERT_EQ(deleted.status, 204) << deleted.body;
    expect_refused(gone->get("/api/v1/auth/me"), 401, "unauthenticated");
    expect_refused(login("gone@" + a.domain, "password-gone"), 401, "unauthenticated");
    const auto ids = listed_ids(*a.admin);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), id), 0);
    expect_refused(a.admin->del("/api/v1/users/" + id), 404, "not_found");
    expect_refused(a.admin->patch("/api/v1/users/" + id, {{"name", "Back"}}), 404, "not_found");

    // The audit history keeps naming the user; the address is free for a new account.
    const auto events = a.admin->get("/api/v1/events?limit=1000");
    ASSERT_EQ(events.status, 200) << events.body;
    EXPECT_NE(events.body.find("\"user.deleted\""), std::string::npos) << events.body;
    EXPECT_NE(add_user(a, "gone", lesser_role()), id);
}

TEST_P(StaffAccounts, TheLastActiveGlobalAdminCannotBeDisabledDeletedOrDemoted) {
    Account a = new_account();
    const std::string self = "/api/v1/users/" + a.admin_id;
    expect_refused(a.admin->patch(self, {{"disabled", true}}), 409, "last_global_admin", "disabled");
    expect_refused(a.admin->patch(self, {{"role", lesser_role()}}), 409, "last_global_admin", "role");
    expect_refused(a.admin->del(self), 409, "last_global_admin");
    EXPECT_EQ(a.admin->get("/api/v1/auth/me").status, 200);

    // A disabled global admin does not count.
    const std::string second = add_user(a, "second", "global_admin");
    ASSERT_EQ(a.admin->patch("/api/v1/users/" + second, {{"disabled", true}}).status, 200);
    expect_refused(a.admin->patch(self, {{"role", lesser_role()}}), 409, "last_global_admin", "role");
    auto second_admin = [&] {
        EXPECT_EQ(a.admin->patch("/api/v1/users/" + second, {{"disabled", false}}).status, 200);
        return signed_in(a, "second");
    }();
    // Another active one is left: demoting oneself works, and then the other is the last.
    const auto demoted = a.admin->patch(self, {{"role", lesser_role()}});
    ASSERT_EQ(demoted.status, 200) << demoted.body;
    EXPECT_EQ(demoted.str("role"), lesser_role());
    expect_refused(a.admin->patch(self, {{"role", "global_admin"}}), 403, "forbidden");
    expect_refused(second_admin->del("/api/v1/users/" + second), 409, "last_global_admin");
}

TEST_P(StaffAccounts, OnlyGlobalAdminsManageUsers) {
    Account a = new_account();
    const std::string target = add_user(a, "target", lesser_role());
    add_user(a, "lesser", lesser_role());
    add_user(a, "other", other_lesser_role());
    for (const std::string local : {"lesser", "other"}) {
        auto client = signed_in(a, local);
        expect_refused(client->patch("/api/v1/users/" + target, {{"disabled", true}}), 403, "forbidden");
        expect_refused(client->patch("/api/v1/users/" + target, {{"role", "global_admin"}}), 403, "forbidden");
        expect_refused(client->del("/api/v1/users/" + target), 403, "forbidden");
    }
    EXPECT_EQ(login("target@" + a.domain, "password-target").status, 200);
}

TEST_P(StaffAccounts, AnotherAccountsUsersAreNotFound) {
    Account a = new_account();
    Account b = new_account();
    const std::string theirs = add_user(b, "theirs", lesser_role());
    expect_refused(a.admin->patch("/api/v1/users/" + theirs, {{"disabled", true}}), 404, "not_found");
    expect_refused(a.admin->patch("/api/v1/users/" + b.admin_id, {{"role", lesser_role()}}), 404, "not_found");
    expect_refused(a.admin->del("/api/v1/users/" + theirs), 404, "not_found");
    expect_refused(a.admin->del("/api/v1/users/usr_doesnotexist"), 404, "not_found");
    EXPECT_EQ(login("theirs@" + b.domain, "password-theirs").status, 200);
}

TEST_P(StaffAccounts, BadChangesNameTheFieldAndTheRule) {
    Account a = new_account();
    const std::string path = "/api/v1/users/" + add_user(a, "edited", lesser_role());
    expect_refused(a.admin->patch(path, {{"role", "boss"}}), 422, "enum", "role");
    expect_refused(a.admin->patch(path, {{"role", "app"}}), 422, "enum", "role");
    expect_refused(a.admin->patch(path, {{"name", ""}}), 422, "required", "name");
    expect_refused(a.admin->patch(path, {{"name", std::string(201, 'x')}}), 422, "max_length", "name");
    EXPECT_EQ(a.admin->patch(path, {{"disabled", "yes"}}).str("field"), "disabled");
    EXPECT_EQ(a.admin->patch(path, {{"email", "new@" + a.domain}}).str("field"), "email");
    const auto renamed = a.admin->patch(path, {{"name", "Edited Name"}, {"role", other_lesser_role()}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.str("name"), "Edited Name");
    EXPECT_EQ(renamed.str("role"), other_lesser_role());
}

TEST_P(StaffAccounts, ChangingThePasswordEndsTheOtherSessionsOnly) {
    Account a = new_account();
    add_user(a, "changer", lesser_role());
    auto here = signed_in(a, "changer");
    auto elsewhere = signed_in(a, "changer");

    expect_refused(here->post("/api/v1/auth/password",
                              {{"current_password", "not-my-password"}, {"new_password", "a-new-password-1"}}),
                   422, "mismatch", "current_password");
    expect_refused(
        here->post("/api/v1/auth/password", {{"current_password", "password-changer"}, {"new_password", "short"}}), 422,
        "min_length", "new_password");
    EXPECT_EQ(here->post("/api/v1/auth/password", {{"new_password", "a-new-password-1"}}).str("field"),
              "current_password");
    EXPECT_EQ(elsewhere->get("/api/v1/auth/me").status, 200) << "a refused change ends nothing";

    const auto changed = here->post("/api/v1/auth/password",
                                    {{"current_password", "password-changer"}, {"new_password", "a-new-password-1"}});
    ASSERT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(here->get("/api/v1/auth/me").status, 200);
    expect_refused(elsewhere->get("/api/v1/auth/me"), 401, "unauthenticated");
    expect_refused(login("changer@" + a.domain, "password-changer"), 401, "unauthenticated");
    EXPECT_EQ(login("changer@" + a.domain, "a-new-password-1").status, 200);
}

TEST_P(StaffAccounts, AnApiKeyHasNoPasswordToChange) {
    Account a = new_account();
    const auto key = a.admin->post("/api/v1/api-keys", {{"role", lesser_role()}});
    ASSERT_EQ(key.status, 201) << key.body;
    Client with_key(server_->base());
    with_key.use_api_key(key.str("key"));
    expect_refused(with_key.post("/api/v1/auth/password",
                                 {{"current_password", "whatever-it-is"}, {"new_password", "x-new-pass-1"}}),
                   403, "forbidden");
}

TEST_P(StaffAccounts, AMailedResetLinkWorksOnce) {
    Account a = new_account();
    add_user(a, "forgetful", lesser_role());
    const std::string email = "forgetful@" + a.domain;
    auto session = signed_in(a, "forgetful");

    const auto asked = Client(server_->base()).post("/api/v1/auth/password-reset", {{"email", email}});
    ASSERT_EQ(asked.status, 202) << asked.body;
    const std::string token = reset_token_mailed_to(email);
    ASSERT_FALSE(token.empty());

    Client anonymous(server_->base());
    const std::string path = "/api/v1/auth/password-reset/" + token;
    expect_refused(anonymous.post(path, {{"new_password", "short"}}), 422, "min_length", "new_password");
    const auto reset = anonymous.post(path, {{"new_password", "reset-password-1"}});
    ASSERT_EQ(reset.status, 204) << reset.body;
    expect_refused(session->get("/api/v1/auth/me"), 401, "unauthenticated");
    expect_refused(login(email, "password-forgetful"), 401, "unauthenticated");
    EXPECT_EQ(login(email, "reset-password-1").status, 200);

    expect_refused(anonymous.post(path, {{"new_password", "reset-password-2"}}), 409, "reset_link_used");
    EXPECT_EQ(login(email, "reset-password-1").status, 200);
}

TEST_P(StaffAccounts, AnExpiredOrForgedResetLinkIsRefused) {
    Account a = new_account();
    add_user(a, "late", lesser_role());
    const std::string email = "late@" + a.domain;
    Client anonymous(server_->base());
    ASSERT_EQ(anonymous.post("/api/v1/auth/password-reset", {{"email", email}}).status, 202);
    const std::string token = reset_token_mailed_to(email);
    ASSERT_FALSE(token.empty());

    const std::string reset_id = token.substr(0, token.find('.'));
    const Status aged =
        store::in_transaction(server_->app().services().store(), store::TxMode::kWrite, [&](store::Transaction& tx) {
            tx.execute("UPDATE password_resets SET expires_at = ? WHERE id = ?", {now_millis() - 1, reset_id});
            return Status::Ok();
        });
    ASSERT_TRUE(aged.ok()) << aged.message();
    expect_refused(anonymous.post("/api/v1/auth/password-reset/" + token, {{"new_password", "too-late-password"}}), 409,
                   "reset_link_expired");
    expect_refused(
        anonymous.post("/api/v1/auth/password-reset/" + reset_id + ".forged", {{"new_password", "forged-password-1"}}),
        404, "not_found");
    expect_refused(anonymous.post("/api/v1/auth/password-reset/nodot", {{"new_password", "forged-password-1"}}), 404,
                   "not_found");
    EXPECT_EQ(login(email, "password-late").status, 200);
}

TEST_P(StaffAccounts, AskingForAResetRevealsNothingAboutTheAddress) {
    Account a = new_account();
    add_user(a, "known", lesser_role());
    const std::string disabled_id = add_user(a, "benched", lesser_role());
    ASSERT_EQ(a.admin->patch("/api/v1/users/" + disabled_id, {{"disabled", true}}).status, 200);
    Client anonymous(server_->base());

    const auto unknown = anonymous.post("/api/v1/auth/password-reset", {{"email", "nobody@" + a.domain}});
    const auto benched = anonymous.post("/api/v1/auth/password-reset", {{"email", "benched@" + a.domain}});
    const auto known = anonymous.post("/api/v1/auth/password-reset", {{"email", "known@" + a.domain}});
    ASSERT_EQ(known.status, 202) << known.body;
    for (const auto* r : {&unknown, &benched}) {
        EXPECT_EQ(r->status, known.status);
        EXPECT_EQ(r->body, known.body);
        EXPECT_EQ(r->header("content-type"), known.header("content-type"));
    }
    ASSERT_FALSE(reset_token_mailed_to("known@" + a.domain).empty());
    EXPECT_EQ(mails_to("nobody@" + a.domain), 0);
    EXPECT_EQ(mails_to("benched@" + a.domain), 0);
    expect_refused(anonymous.post("/api/v1/auth/password-reset", {{"email", "not an address"}}), 422, "email", "email");
}

INSTANTIATE_TEST_SUITE_P(Accounts, StaffAccounts, ::testing::Values(Kind::kPublisher, Kind::kTenant),
                         [](const ::testing::TestParamInfo<Kind>& kind) {
                             return kind.param == Kind::kTenant ? "Tenant" : "Publisher";
                         });

}  // namespace
}  // namespace seatkeeper::testing
