// The mail outbox end to end: mails enqueued in a use case's transaction, sent by the job worker through
// libcurl to a real SMTP server (tests/support/smtp_sink.py, Python's aiosmtpd, whose e-mail parser checks
// our encoding independently), retried while the server is down, kept when no SMTP is configured, refused
// when an address or subject would inject a header; and GET /api/v1/mails, scoped to the publisher.
#include "service/mail.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/smtp_sink.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

constexpr auto kPatience = std::chrono::seconds(30);  // generous: an ASan build on a busy machine

// Enqueues `mail` the way a use case does: in a write transaction of its own, which commits when it succeeds.
Result<std::string> enqueue(app::App& app, const service::OutgoingMail& mail) {
    return store::in_transaction(app.services().store(), store::TxMode::kWrite,
                                 [&](store::Transaction& tx) { return service::enqueue_mail(tx, mail); });
}

struct MailRow {
    std::string state;
    std::int64_t attempts = 0;
    std::optional<std::string> last_error;
    std::optional<std::int64_t> sent_at;
};

MailRow mail_row(app::App& app, const std::string& id) {
    auto row = store::in_transaction(
        app.services().store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<MailRow> {
            const auto r = tx.query_one("SELECT state, attempts, last_error, sent_at FROM mails WHERE id = ?", {id});
            if (!r) return Status::NotFound(id);
            return MailRow{r->text(0), r->integer(1), r->optional_text(2), r->optional_integer(3)};
        });
    EXPECT_TRUE(row.ok()) << row.status().message();
    return row.ok() ? *row : MailRow{};
}

// Polls the mail's row until `done` holds (or kPatience passes); returns the last row read.
MailRow wait_for_mail(app::App& app, const std::string& id, const std::function<bool(const MailRow&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    MailRow row = mail_row(app, id);
    while (!done(row) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        row = mail_row(app, id);
    }
    EXPECT_TRUE(done(row)) << "mail " << id << " is still " << row.state << " after " << row.attempts
                           << " attempts; last error: " << row.last_error.value_or("none");
    return row;
}

MailRow wait_for_state(app::App& app, const std::string& id, const std::string& state) {
    return wait_for_mail(app, id, [&state](const MailRow& r) { return r.state == state; });
}

std::int64_t count_rows(app::App& app, const std::string& table) {
    auto n = store::in_transaction(app.services().store(), store::TxMode::kRead,
                                   [&](store::Transaction& tx) -> Result<std::int64_t> {
                                       return tx.query_one("SELECT COUNT(*) FROM " + table)->integer(0);
                                   });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
}

std::string header_of(const bj::object& message, const char* name) {
    const auto* v = message.at("headers").as_object().if_contains(name);
    return v != nullptr ? std::string(v->as_string()) : std::string();
}

std::string without_cr(std::string text) {
    std::erase(text, '\r');
    return text;
}

// A server whose mail goes to `smtp_url`, from "Seatkeeper <no-reply@seatkeeper.test>", retrying quickly.
std::unique_ptr<TestServer> server_mailing_to(const std::string& smtp_url,
                                              const std::function<void(app::Config&)>& tweak = {}) {
    return std::make_unique<TestServer>([&](app::Config& c) {
        c.settings.smtp.url = smtp_url;
        c.settings.smtp.from = {"Seatkeeper", "no-reply@seatkeeper.test"};
        c.settings.mail_retry = {8, 200, 400};
        if (tweak) tweak(c);
    });
}

const std::string kUtf8Subject = "Einladung: Adatum CRM f\xc3\xbcr Fabrikam \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac";
// A line that is only a dot would end SMTP's DATA early unless it is dot-stuffed; a doubled dot would show.
const std::string kTrickyBody =
    "Hello Ada,\n"
    ".hidden line that starts with a dot\n"
    ".\n"
    "..two dots\n"
    "Accept here: https://licensing.adatum.example/consent?token=abc=def&x=1\n"
    "Gr\xc3\xbc\xc3\x9f"
    "e aus Z\xc3\xbcrich, trailing space \n" +
    std::string(120, 'w') + "\n" + "From the end.\n";

// ---- Delivery through a real SMTP server ------------------------------------------------------------------

TEST(MailDelivery, ReachesTheServerWithTheRightHeadersAndBody) {
    SmtpSink sink;
    auto server = server_mailing_to(sink.url());
    server->create_publisher("adatum");
    const auto id = enqueue(server->app(), {"ada@fabrikam.example", kUtf8Subject, kTrickyBody, "adatum", {}});
    ASSERT_TRUE(id.ok()) << id.status().message();

    const auto messages = sink.wait_for_messages(1);
    ASSERT_EQ(messages.size(), 1U);
    const bj::object& m = messages.front();
    EXPECT_EQ(m.at("mail_from").as_string(), "no-reply@seatkeeper.test");
    EXPECT_EQ(m.at("rcpt_tos").as_array(), bj::array{"ada@fabrikam.example"});
    EXPECT_EQ(m.at("defects").as_array(), bj::array{}) << "Python's e-mail parser found problems";
    EXPECT_EQ(header_of(m, "From"), "Seatkeeper <no-reply@seatkeeper.test>");
    EXPECT_EQ(header_of(m, "To"), "ada@fabrikam.example");
    EXPECT_EQ(header_of(m, "Subject"), kUtf8Subject) << "RFC 2047 words decode to the subject";
    EXPECT_EQ(header_of(m, "Message-ID"), "<" + *id + "@seatkeeper.test>");
    EXPECT_EQ(header_of(m, "MIME-Version"), "1.0");
    EXPECT_EQ(header_of(m, "Content-Transfer-Encoding"), "quoted-printable");
    EXPECT_EQ(header_of(m, "Auto-Submitted"), "auto-generated");
    EXPECT_TRUE(header_of(m, "Date").ends_with(" +0000")) << header_of(m, "Date");
    EXPECT_EQ(m.at("content_type").as_string(), "text/plain");
    EXPECT_EQ(m.at("charset").as_string(), "utf-8");
    EXPECT_EQ(without_cr(std::string(m.at("body").as_string())), kTrickyBody)
        << "dots, UTF-8, '=', trailing space and a long line all arrive as written";

    const std::string raw(m.at("raw").as_string());
    for (const char c : raw) ASSERT_LT(static_cast<unsigned char>(c), 0x80U) << "the message is 7-bit";
    EXPECT_NE(raw.find("\r\n.hidden line"), std::string::npos) << "one dot after unstuffing: not doubled";
    EXPECT_NE(raw.find("\r\n.\r\n..two dots"), std::string::npos);

    const MailRow row = wait_for_state(server->app(), *id, "sent");
    EXPECT_EQ(row.attempts, 1);
    EXPECT_TRUE(row.sent_at.has_value());
    EXPECT_FALSE(row.last_error.has_value());
}

TEST(MailDelivery, IsRetriedWhileTheServerIsDownAndDeliveredOnceItIsUp) {
    const int port = SmtpSink::free_port();
    auto server = server_mailing_to("smtp://127.0.0.1:" + std::to_string(port));
    const auto id = enqueue(server->app(), {"ada@fabrikam.example", "Try again", "Body\n", {}, {}});
    ASSERT_TRUE(id.ok()) << id.status().message();

    const MailRow waiting = wait_for_mail(server->app(), *id, [](const MailRow& r) { return r.attempts >= 2; });
    EXPECT_EQ(waiting.state, "pending");
    EXPECT_EQ(waiting.last_error.value_or(""), "The SMTP server did not accept a connection");

    SmtpSink sink(port);
    const auto messages = sink.wait_for_messages(1);
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(header_of(messages.front(), "Subject"), "Try again");
    const MailRow sent = wait_for_state(server->app(), *id, "sent");
    EXPECT_GE(sent.attempts, 3);
    EXPECT_TRUE(sent.sent_at.has_value());
    EXPECT_EQ(sink.messages().size(), 1U) << "sent once";
}

TEST(MailDelivery, FailsAfterTheLastAttemptWithTheLastError) {
    const int port = SmtpSink::free_port();
    auto server = server_mailing_to("smtp://127.0.0.1:" + std::to_string(port),
                                    [](app::Config& c) { c.settings.mail_retry.max_attempts = 3; });
    const auto id = enqueue(server->app(), {"ada@fabrikam.example", "Never", "Body\n", {}, {}});
    ASSERT_TRUE(id.ok());
    const MailRow row = wait_for_state(server->app(), *id, "failed");
    EXPECT_EQ(row.attempts, 3);
    EXPECT_EQ(row.last_error.value_or(""), "The SMTP server did not accept a connection");
    EXPECT_FALSE(row.sent_at.has_value());
}

TEST(MailDelivery, ARecipientTheServerRefusesFailsAtOnce) {
    SmtpSink sink;
    auto server = server_mailing_to(sink.url());
    const auto id = enqueue(server->app(), {"refuse-me@fabrikam.example", "Refused", "Body\n", {}, {}});
    ASSERT_TRUE(id.ok());
    const MailRow row = wait_for_state(server->app(), *id, "failed");
    EXPECT_EQ(row.attempts, 1) << "a 5xx answer is final; retrying cannot help";
    EXPECT_EQ(row.last_error.value_or(""), "The SMTP server refused the recipient address (SMTP 550)");
    EXPECT_TRUE(sink.messages().empty());
}

TEST(MailDelivery, SignsInWithTheConfiguredCredentials) {
    SmtpSink sink(0, "seatkeeper:s3cret-pa55");
    auto server = server_mailing_to(sink.url(), [](app::Config& c) {
        c.settings.smtp.username = "seatkeeper";
        c.settings.smtp.password = "s3cret-pa55";
        c.settings.smtp.starttls = false;  // the sink has no TLS: sending the password in clear is said explicitly
    });
    const auto id = enqueue(server->app(), {"ada@fabrikam.example", "Signed in", "Body\n", {}, {}});
    ASSERT_TRUE(id.ok());
    const auto messages = sink.wait_for_messages(1);
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages.front().at("login").as_string(), "seatkeeper");
    wait_for_state(server->app(), *id, "sent");
}

TEST(MailDelivery, NeverSendsAPasswordWhereTheServerOffersNoStartTls) {
    SmtpSink sink(0, "seatkeeper:s3cret-pa55");
    auto server = server_mailing_to(sink.url(), [](app::Config& c) {
        c.settings.smtp.username = "seatkeeper";
        c.settings.smtp.password = "s3cret-pa55";  // smtp.starttls unset: required because there is a password
        c.settings.mail_retry.max_attempts = 1;
    });
    const auto id = enqueue(server->app(), {"ada@fabrikam.example", "Not in clear", "Body\n", {}, {}});
    ASSERT_TRUE(id.ok());
    const MailRow row = wait_for_state(server->app(), *id, "failed");
    EXPECT_NE(row.last_error.value_or("").find("does not offer STARTTLS"), std::string::npos)
        << row.last_error.value_or("");
    EXPECT_EQ(row.last_error.value_or("").find("s3cret"), std::string::npos);
    EXPECT_TRUE(sink.messages().empty());
}

// ---- The outbox -------------------------------------------------------------------------------------------

TEST(MailOutbox, WithoutSmtpTheMailIsKeptAndNotSent) {
    TestServer server;  // smtp.url is not set
    const auto id = enqueue(server.app(), {"ada@fabrikam.example", "Kept", "Body\n", {}, {}});
    ASSERT_TRUE(id.ok()) << id.status().message();
    const MailRow row = wait_for_state(server.app(), *id, "kept");
    EXPECT_EQ(row.attempts, 1);
    EXPECT_FALSE(row.sent_at.has_value());
    EXPECT_FALSE(row.last_error.has_value());
}

TEST(MailOutbox, AMailAndItsJobAreWrittenTogether) {
    TestServer server;
    server.restart(false);  // no worker: the job stays as it was enqueued
    const auto id = enqueue(server.app(), {"ada@fabrikam.example", "Queued", "Body\n", {}, {}});
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(mail_row(server.app(), *id).state, "pending");
    auto job = store::in_transaction(server.app().services().store(), store::TxMode::kRead,
                                     [&](store::Transaction& tx) -> Result<std::string> {
                                         const auto r = tx.query_one("SELECT kind, payload, state FROM jobs");
                                         if (!r) return Status::NotFound("no job");
                                         return r->text(0) + " " + r->text(1) + " " + r->text(2);
                                     });
    ASSERT_TRUE(job.ok());
    EXPECT_EQ(*job, "send_mail {\"mail_id\":\"" + *id + "\"} pending");
}

TEST(MailOutbox, ARolledBackTransactionLeavesNoMailAndNoJob) {
    TestServer server;
    const Status s = store::in_transaction(
        server.app().services().store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
            const auto id = service::enqueue_mail(tx, {"ada@fabrikam.example", "Rolled back", "Body\n", {}, {}});
            EXPECT_TRUE(id.ok());
            return Status::Conflict("later_step", "the use case failed later");
        });
    EXPECT_EQ(s.rule(), "later_step");
    EXPECT_EQ(count_rows(server.app(), "mails"), 0);
    EXPECT_EQ(count_rows(server.app(), "jobs"), 0);
}

TEST(MailOutbox, RefusesHeaderInjectionNamingTheField) {
    struct Case {
        service::OutgoingMail mail;
        std::string field;
    };
    const std::string ok_to = "ada@fabrikam.example";
    const std::vector<Case> cases{
        {{"ada@fabrikam.example\r\nBcc: eve@evil.example", "Hi", "Body", {}, {}}, "to"},
        {{"ada@fabrikam.example\nBcc: eve@evil.example", "Hi", "Body", {}, {}}, "to"},
        {{"ada@fabrikam.example, eve@evil.example", "Hi", "Body", {}, {}}, "to"},
        {{"Ada <ada@fabrikam.example>", "Hi", "Body", {}, {}}, "to"},
        {{"ada@fabrikam.example>\r\nRCPT TO:<eve@evil.example", "Hi", "Body", {}, {}}, "to"},
        {{ok_to, "Hi\r\nBcc: eve@evil.example", "Body", {}, {}}, "subject"},
        {{ok_to, "Hi\nX-Injected: yes", "Body", {}, {}}, "subject"},
        {{ok_to, "Hi\rthere", "Body", {}, {}}, "subject"},
        {{ok_to, "Hi", std::string("Nul\0byte", 8), {}, {}}, "body"},
    };
    TestServer server;
    for (const Case& c : cases) {
        SCOPED_TRACE(::testing::PrintToString(c.mail.to) + " / " + ::testing::PrintToString(c.mail.subject));
        const auto id = enqueue(server.app(), c.mail);
        ASSERT_FALSE(id.ok());
        EXPECT_EQ(id.status().code(), StatusCode::kInvalid);
        EXPECT_EQ(id.status().field(), c.field);
    }
    EXPECT_EQ(count_rows(server.app(), "mails"), 0);
    EXPECT_EQ(count_rows(server.app(), "jobs"), 0);
}

// ---- GET /api/v1/mails -------------------------------------------------------------------------------------

// contoso and fabrikam, each with mails (kept: no SMTP); contoso's global admin signed in.
class MailApi : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<TestServer>();
        server_->create_publisher("contoso");
        server_->create_publisher("fabrikam");
        admin_ = std::make_unique<Client>(server_->base());
        ASSERT_EQ(admin_->login("admin@contoso.example", "password-contoso-1").status, 200);
    }

    std::string mail_for(const std::optional<std::string>& publisher, const std::string& subject) {
        const auto id = enqueue(server_->app(), {"buyer@customer.example", subject, "Secret link", publisher, {}});
        EXPECT_TRUE(id.ok()) << id.status().message();
        return id.ok() ? *id : std::string();
    }

    std::unique_ptr<Client> client_with_key(const std::string& publisher, const std::string& role) {
        auto key = service::create_api_key(server_->app().services(), service::system_principal(publisher),
                                           {role, role + " key"});
        EXPECT_TRUE(key.ok()) << key.status().message();
        auto client = std::make_unique<Client>(server_->base());
        client->use_api_key(key->key);
        return client;
    }

    std::unique_ptr<TestServer> server_;
    std::unique_ptr<Client> admin_;
};

TEST_F(MailApi, ListsTheCallersPublisherOnlyNewestFirstWithoutBodies) {
    const std::string first = mail_for("contoso", "First");
    const std::string second = mail_for("contoso", "Second");
    const std::string other = mail_for("fabrikam", "Not yours");
    mail_for(std::nullopt, "Nobody's");
    wait_for_state(server_->app(), second, "kept");

    const HttpResponse r = admin_->get("/api/v1/mails");
    ASSERT_EQ(r.status, 200) << r.body;
    const bj::array& items = r.json().at("items").as_array();
    ASSERT_EQ(items.size(), 2U) << r.body;
    EXPECT_TRUE(r.json().at("next_cursor").is_null());
    std::vector<std::string> ids;
    for (const auto& item : items) ids.emplace_back(item.at("id").as_string());
    EXPECT_EQ(ids.size(), 2U);
    EXPECT_NE(std::find(ids.begin(), ids.end(), first), ids.end());
    EXPECT_NE(std::find(ids.begin(), ids.end(), second), ids.end());
    EXPECT_EQ(r.body.find(other), std::string::npos);
    EXPECT_EQ(r.body.find("Secret link"), std::string::npos) << "bodies are never listed";

    const bj::object& mail = items.front().as_object();
    for (const auto* key : {"id", "to", "subject", "state", "attempts", "last_error", "created_at", "sent_at"}) {
        EXPECT_TRUE(mail.contains(key)) << key;
    }
    EXPECT_FALSE(mail.contains("body"));
    EXPECT_EQ(mail.at("to").as_string(), "buyer@customer.example");
    EXPECT_GE(items[0].at("created_at").as_string(), items[1].at("created_at").as_string()) << "newest first";
}

TEST_F(MailApi, FiltersByState) {
    const std::string id = mail_for("contoso", "Kept one");
    wait_for_state(server_->app(), id, "kept");
    const HttpResponse kept = admin_->get("/api/v1/mails?state=kept");
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_EQ(kept.json().at("items").as_array().size(), 1U);
    const HttpResponse sent = admin_->get("/api/v1/mails?state=sent");
    ASSERT_EQ(sent.status, 200) << sent.body;
    EXPECT_TRUE(sent.json().at("items").as_array().empty());
    const HttpResponse bad = admin_->get("/api/v1/mails?state=lost");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(bad.str("field"), "state");
}

TEST_F(MailApi, IsForbiddenToEveryRoleButGlobalAdmin) {
    mail_for("contoso", "Admins only");
    for (const auto* role : {"account_admin", "developer", "viewer", "app"}) {
        SCOPED_TRACE(role);
        const HttpResponse r = client_with_key("contoso", role)->get("/api/v1/mails");
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(r.body.find("Admins only"), std::string::npos);
    }
    const HttpResponse key_admin = client_with_key("contoso", "global_admin")->get("/api/v1/mails");
    EXPECT_EQ(key_admin.status, 200) << key_admin.body;
    EXPECT_EQ(Client(server_->base()).get("/api/v1/mails").status, 401);
}

}  // namespace
}  // namespace seatkeeper::testing
