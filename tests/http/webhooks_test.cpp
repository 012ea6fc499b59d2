// Webhooks over HTTP (issue 15, API.md "Webhooks and the event contract"), against a real receiver: a local
// HTTP server (support/file_server.hpp) that keeps every request and answers a script of statuses. Signatures are
// verified here as a receiver would (HMAC-SHA256 over "<t>.<body>"); retries, order per subject, dead deliveries,
// disabling with its notice, test events, redelivery, replay, rotation, tenants' endpoints, the refusals, a
// lease that ran out, and several nodes (leasing, and a change reaching another node's checks by NOTIFY).
#include "service/webhooks.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/crypto.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "support/child_process.hpp"
#include "support/customer_fixture.hpp"
#include "support/file_server.hpp"
#include "support/test_database.hpp"

namespace seatkeeper::testing {
namespace {

namespace bj = boost::json;

// `Seatkeeper-Signature: t=…,v1=…[,v1=…]` split into its timestamp and signatures.
struct Signature {
    std::string t;
    std::vector<std::string> v1;
};

Signature parse_signature(const std::string& header) {
    Signature out;
    std::size_t start = 0;
    while (start <= header.size()) {
        const auto comma = header.find(',', start);
        const std::string part = header.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (part.starts_with("t=")) out.t = part.substr(2);
        if (part.starts_with("v1=")) out.v1.push_back(part.substr(3));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

// What a receiver does: the signature made with `secret` over "<t>.<body>" is one of the v1 values.
bool signed_with(const ReceivedRequest& request, const std::string& secret) {
    const auto it = request.headers.find("seatkeeper-signature");
    if (it == request.headers.end()) return false;
    const Signature s = parse_signature(it->second);
    const std::string expected = crypto::hmac_sha256_hex(secret, s.t + "." + request.body);
    for (const auto& v : s.v1) {
        if (crypto::constant_time_equal(v, expected)) return true;
    }
    return false;
}

bj::object body_of(const ReceivedRequest& request) { return bj::parse(request.body).as_object(); }
std::string type_of(const ReceivedRequest& request) { return request.headers.at("seatkeeper-event-type"); }
std::string event_id_of(const ReceivedRequest& request) { return request.headers.at("seatkeeper-event-id"); }

void quick_retries(app::Config& c) {
    c.settings.webhooks.allow_private_addresses = true;  // the receiver is on 127.0.0.1
    c.settings.webhooks.retry_delay_ms = 50;
    c.settings.webhooks.max_retry_delay_ms = 200;
    c.settings.webhooks.max_attempts = 4;
    c.settings.webhooks.disable_after_failures = 0;
    c.check.refresh_ms = 60000;
    c.jobs.poll_interval_ms = 20;
}

// contoso.crm (basic) with Fabrikam's won deal of 3 basic licenses (ada holds one); contoso's and Fabrikam's global
// admins call through API keys; a receiver at receiver_.url("/hook").
class Webhooks : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* path : {"/hook", "/tenant", "/seats", "/down"})
            receiver_.serve(path, "thanks", 200, "text/plain");
        start(quick_retries);
    }

    void start(const std::function<void(app::Config&)>& tweak) {
        server_ = std::make_unique<TestServer>(tweak);
        server_->create_publisher("contoso");
        tenant_ = add_crm_customer(server_->app().services());
        license_ = "/api/v1/deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/basic";
        publisher_ = std::make_unique<Client>(server_->base());
        publisher_->use_api_key(key(service::system_principal("contoso"), "global_admin"));
        tenant_admin_ = std::make_unique<Client>(server_->base());
        tenant_admin_->use_api_key(key(service::tenant_system_principal(tenant_), "global_admin"));
    }

    std::string key(const service::Principal& owner, const std::string& role) { return server_->api_key(owner, role); }

    // A publisher endpoint for `events` at `path` of the receiver: its answer (with the secret).
    HttpResponse add_endpoint(const std::vector<std::string>& events, const std::string& path = "/hook") {
        bj::array patterns;
        for (const auto& e : events) patterns.emplace_back(e);
        return publisher_->post("/api/v1/webhooks",
                                {{"url", receiver_.url(path)}, {"events", patterns}, {"description", "test"}});
    }

    HttpResponse set_quantity(int quantity) {
        return publisher_->request("PUT", license_, bj::serialize(bj::object{{"quantity", quantity}}));
    }

    // The requests `path` received, once there are `count` (the test fails when they do not come).
    std::vector<ReceivedRequest> wait_for(const std::string& path, std::size_t count) {
        EXPECT_GE(receiver_.wait_for_requests(path, count), count) << "the receiver did not get " << count;
        return receiver_.received(path);
    }

    bj::object delivery(const std::string& webhook, std::size_t index = 0) {
        const auto list = publisher_->get("/api/v1/webhooks/" + webhook + "/deliveries");
        EXPECT_EQ(list.status, 200) << list.body;
        const auto& items = list.json().at("items").as_array();
        if (items.size() <= index) return {};
        return items.at(index).as_object();
    }

    FileServer receiver_;
    std::unique_ptr<TestServer> server_;
    std::string tenant_;
    std::string license_;
    std::unique_ptr<Client> publisher_;
    std::unique_ptr<Client> tenant_admin_;
};

TEST_F(Webhooks, ASignedEventReachesTheEndpointWithWhatChanged) {
    const auto created = add_endpoint({"license.*"});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    const std::string secret = created.str("secret");
    EXPECT_TRUE(secret.starts_with("whsec_"));
    EXPECT_TRUE(id.starts_with("wh_"));
    // Shown once: never in a read.
    const auto read = publisher_->get("/api/v1/webhooks/" + id);
    ASSERT_EQ(read.status, 200);
    EXPECT_FALSE(read.json().as_object().contains("secret"));

    ASSERT_EQ(set_quantity(5).status, 200);
    const auto got = wait_for("/hook", 1);
    ASSERT_EQ(got.size(), 1U);
    const ReceivedRequest& request = got.front();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.headers.at("content-type"), "application/json");
    EXPECT_EQ(type_of(request), "license.changed");
    EXPECT_TRUE(signed_with(request, secret)) << request.headers.at("seatkeeper-signature");
    EXPECT_FALSE(signed_with(request, "whsec_another"));
    const auto body = body_of(request);
    EXPECT_EQ(body.at("id").as_string(), event_id_of(request));
    EXPECT_EQ(body.at("type").as_string(), "license.changed");
    EXPECT_EQ(body.at("publisher_id").as_string(), "contoso");
    EXPECT_EQ(body.at("tenant_id").as_string(), tenant_);
    EXPECT_EQ(body.at("subject").as_string(), "deals/" + deal_id_of(tenant_, "contoso", "crm") + "/licenses/basic");
    EXPECT_EQ(body.at("data").at("after").at("quantity").as_int64(), 5);
    EXPECT_EQ(body.at("data").at("before").at("quantity").as_int64(), 3);

    // The outcome is recorded; a seat event (not subscribed) never comes: the next request is the next license
    // change.
    ASSERT_TRUE(
        eventually([&] { return delivery(id).contains("status") && delivery(id).at("status") == "succeeded"; }));
    const auto d = delivery(id);
    EXPECT_EQ(d.at("attempts").as_int64(), 1);
    EXPECT_EQ(d.at("last_status_code").as_int64(), 200);
    EXPECT_EQ(d.at("event_type").as_string(), "license.changed");
    EXPECT_TRUE(d.at("next_attempt_at").is_null());
    ASSERT_EQ(tenant_admin_
                  ->post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                         {{"users", bj::array{"bo@fabrikam.example"}}})
                  .status,
              200);
    ASSERT_EQ(set_quantity(6).status, 200);
    const auto both = wait_for("/hook", 2);
    ASSERT_EQ(both.size(), 2U);
    EXPECT_EQ(type_of(both[1]), "license.changed");
    EXPECT_EQ(body_of(both[1]).at("data").at("after").at("quantity").as_int64(), 6);
}

TEST_F(Webhooks, FailuresAreRetriedInOrderPerSubjectThenGivenUp) {
    const auto created = add_endpoint({"license.changed"});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    receiver_.script("/hook", {500, 503, 200});
    ASSERT_EQ(set_quantity(5).status, 200);
    ASSERT_EQ(set_quantity(6).status, 200);  // the same subject: waits for the first

    const auto got = wait_for("/hook", 4);
    ASSERT_EQ(got.size(), 4U);
    const std::string first = event_id_of(got[0]);
    EXPECT_EQ(event_id_of(got[1]), first);
    EXPECT_EQ(event_id_of(got[2]), first);
    EXPECT_NE(event_id_of(got[3]), first);
    EXPECT_EQ(body_of(got[3]).at("data").at("after").at("quantity").as_int64(), 6);
    EXPECT_EQ(got[0].headers.at("seatkeeper-delivery-attempt"), "1");
    EXPECT_EQ(got[2].headers.at("seatkeeper-delivery-attempt"), "3");
    ASSERT_TRUE(eventually(
        [&] { return delivery(id, 1).contains("attempts") && delivery(id, 1).at("status") == "succeeded"; }));
    EXPECT_EQ(delivery(id, 1).at("attempts").as_int64(), 3);  // the older one, listed second

    // Four failures (webhooks.max_attempts here) and the delivery is dead; nothing is tried after.
    receiver_.script("/hook", {500, 500, 500, 500});
    ASSERT_EQ(set_quantity(7).status, 200);
    wait_for("/hook", 8);
    ASSERT_TRUE(eventually([&] { return delivery(id).contains("status") && delivery(id).at("status") == "dead"; }));
    const auto dead = delivery(id);
    EXPECT_EQ(dead.at("attempts").as_int64(), 4);
    EXPECT_EQ(dead.at("last_status_code").as_int64(), 500);
    EXPECT_TRUE(dead.at("last_error").as_string().starts_with("HTTP 500"));
    EXPECT_TRUE(dead.at("next_attempt_at").is_null());
    const auto only_dead = publisher_->get("/api/v1/webhooks/" + id + "/deliveries?status=dead");
    ASSERT_EQ(only_dead.status, 200);
    EXPECT_EQ(only_dead.json().at("items").as_array().size(), 1U);

    // Redelivered by hand, it is tried afresh.
    const auto again =
        publisher_->post("/api/v1/webhooks/" + id + "/deliveries/" + dead.at("id").as_string().c_str() + "/redeliver");
    ASSERT_EQ(again.status, 202) << again.body;
    EXPECT_EQ(again.str("status"), "pending");
    const auto all = wait_for("/hook", 9);
    EXPECT_EQ(event_id_of(all[8]), event_id_of(all[7]));
    EXPECT_EQ(all[8].headers.at("seatkeeper-delivery-id"), dead.at("id").as_string());  // the API's id
}

TEST_F(Webhooks, AnEndpointThatKeepsFailingIsDisabledAndItsAdminsAreTold) {
    start([](app::Config& c) {
        quick_retries(c);
        c.settings.webhooks.max_attempts = 10;
        c.settings.webhooks.disable_after_failures = 3;
    });
    const auto created = add_endpoint({"license.*"}, "/down");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    receiver_.script("/down", std::vector<int>(20, 500));
    ASSERT_EQ(set_quantity(5).status, 200);
    ASSERT_TRUE(eventually([&] { return !publisher_->get("/api/v1/webhooks/" + id).json().at("enabled").as_bool(); }));
    const auto disabled = publisher_->get("/api/v1/webhooks/" + id);
    EXPECT_NE(disabled.str("disabled_reason").find("3 failed delivery attempts in a row"), std::string::npos);
    EXPECT_EQ(disabled.json().at("consecutive_failures").as_int64(), 3);
    EXPECT_EQ(receiver_.requests("/down"), 3U);

    const auto feed = publisher_->get("/api/v1/events?after=0&limit=1000");
    bool event = false;
    for (const auto& e : feed.json().at("items").as_array()) event = event || e.at("type") == "webhook.disabled";
    EXPECT_TRUE(event);
    const auto mails = publisher_->get("/api/v1/mails");
    bool told = false;
    for (const auto& m : mails.json().at("items").as_array()) {
        told = told || (m.at("to") == "admin@contoso.example" &&
                        std::string(m.at("subject").as_string()).starts_with("Webhook endpoint disabled"));
    }
    EXPECT_TRUE(told) << mails.body;

    // Enabled again, it starts afresh and the delivery that waited goes out.
    receiver_.script("/down", {});
    const auto enabled = publisher_->patch("/api/v1/webhooks/" + id, {{"enabled", true}});
    ASSERT_EQ(enabled.status, 200) << enabled.body;
    EXPECT_EQ(enabled.json().at("consecutive_failures").as_int64(), 0);
    EXPECT_TRUE(enabled.json().at("disabled_reason").is_null());
    EXPECT_GE(receiver_.wait_for_requests("/down", 4), 4U);
}

// webhooks.retention_days: finished deliveries older than it are deleted as new events are dispatched; pending
// and failing ones stay, however old.
TEST_F(Webhooks, FinishedDeliveriesAreDeletedAfterTheRetention) {
    start([](app::Config& c) {
        quick_retries(c);
        c.settings.webhooks.retention_ms = 86'400'000;
        c.settings.webhooks.retry_delay_ms = 3'600'000;  // a failed delivery stays as it is during the test
        c.settings.webhooks.max_retry_delay_ms = 3'600'000;
    });
    const auto created = add_endpoint({"license.*"});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    ASSERT_EQ(set_quantity(5).status, 200);
    wait_for("/hook", 1);
    ASSERT_TRUE(
        eventually([&] { return delivery(id).contains("status") && delivery(id).at("status") == "succeeded"; }));
    const std::string delivered = delivery(id).at("id").as_string().c_str();

    receiver_.script("/hook", std::vector<int>(1000, 500));  // from now on the endpoint fails
    ASSERT_EQ(set_quantity(6).status, 200);
    wait_for("/hook", 2);
    ASSERT_TRUE(eventually([&] { return delivery(id).contains("status") && delivery(id).at("status") == "failed"; }));
    const std::string failing = delivery(id).at("id").as_string().c_str();

    // Both are two days old now.
    const Status aged =
        store::in_transaction(server_->app().services().store(), store::TxMode::kWrite, [](store::Transaction& tx) {
            tx.execute("UPDATE webhook_deliveries SET updated_at = updated_at - ?", {std::int64_t{2 * 86'400'000}});
            return Status::Ok();
        });
    ASSERT_TRUE(aged.ok()) << aged.message();
    ASSERT_EQ(publisher_->post("/api/v1/webhooks/" + id + "/test").status, 202);
    const auto ids = [&] {
        std::set<std::string> out;
        const auto list = publisher_->get("/api/v1/webhooks/" + id + "/deliveries");
        for (const auto& d : list.json().at("items").as_array()) out.insert(d.at("id").as_string().c_str());
        return out;
    };
    ASSERT_TRUE(eventually([&] { return !ids().contains(delivered); })) << "the old succeeded delivery stayed";
    EXPECT_TRUE(ids().contains(failing));
    EXPECT_EQ(ids().size(), 2U);  // the failing one and the test event's
}

TEST_F(Webhooks, ATestEventRedeliveryAndAReplayFromACursor) {
    const auto created = add_endpoint({"license.*"});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");

    const auto test = publisher_->post("/api/v1/webhooks/" + id + "/test");
    ASSERT_EQ(test.status, 202) << test.body;
    EXPECT_EQ(test.str("event_type"), "webhook.ping");
    EXPECT_EQ(test.str("status"), "pending");
    const auto ping = wait_for("/hook", 1);
    EXPECT_EQ(type_of(ping[0]), "webhook.ping");
    EXPECT_EQ(body_of(ping[0]).at("data").at("after").at("id").as_string(), id);
    EXPECT_TRUE(signed_with(ping[0], created.str("secret")));

    ASSERT_TRUE(
        eventually([&] { return delivery(id).contains("status") && delivery(id).at("status") == "succeeded"; }));
    const auto again = publisher_->post("/api/v1/webhooks/" + id + "/deliveries/" + test.str("id") + "/redeliver");
    ASSERT_EQ(again.status, 202) << again.body;
    const auto twice = wait_for("/hook", 2);
    EXPECT_EQ(event_id_of(twice[1]), event_id_of(twice[0]));
    EXPECT_EQ(publisher_->post("/api/v1/webhooks/" + id + "/deliveries/whd_999999/redeliver").status, 404);
    EXPECT_EQ(publisher_->post("/api/v1/webhooks/" + id + "/deliveries/1/redeliver").status, 404);
    EXPECT_EQ(publisher_->post("/api/v1/webhooks/" + id + "/deliveries/nope/redeliver").status, 404);

    // A replay from the start reaches back before the endpoint: the license granted when the deal was set up.
    const auto replay = publisher_->post("/api/v1/webhooks/" + id + "/replay", {{"after", "0"}});
    ASSERT_EQ(replay.status, 202) << replay.body;
    EXPECT_GE(replay.json().at("queued").as_int64(), 2);  // license.granted … and the ping
    EXPECT_TRUE(replay.json().at("next_after").is_null());
    ASSERT_TRUE(eventually([&] {
        for (const auto& r : receiver_.received("/hook")) {
            if (type_of(r) == "license.granted") return true;
        }
        return false;
    }));
    EXPECT_EQ(publisher_->post("/api/v1/webhooks/" + id + "/replay", {{"after", -1}}).status, 422);
    EXPECT_EQ(publisher_->post("/api/v1/webhooks/" + id + "/replay", bj::object{}).status, 422);
}

TEST_F(Webhooks, ARotatedSecretSignsBesideTheNewOneDuringItsGrace) {
    const auto created = add_endpoint({"license.*"});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    const std::string old_secret = created.str("secret");
    const auto rotated = publisher_->post("/api/v1/webhooks/" + id + "/rotate-secret");
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    const std::string new_secret = rotated.str("secret");
    EXPECT_NE(new_secret, old_secret);
    EXPECT_FALSE(rotated.json().at("previous_secret_expires_at").is_null());

    ASSERT_EQ(set_quantity(5).status, 200);
    const auto got = wait_for("/hook", 1);
    EXPECT_EQ(parse_signature(got[0].headers.at("seatkeeper-signature")).v1.size(), 2U);
    EXPECT_TRUE(signed_with(got[0], new_secret));
    EXPECT_TRUE(signed_with(got[0], old_secret));
}

// What the database holds of an endpoint's secrets (secret, previous_secret; "" for NULL).
std::pair<std::string, std::string> stored_secrets(store::Store& store, const std::string& webhook_id) {
    auto row = store::in_transaction(
        store, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::pair<std::string, std::string>> {
            const auto r =
                tx.query_one("SELECT secret, previous_secret FROM webhook_endpoints WHERE id = ?", {webhook_id});
            if (!r) return Status::NotFound(webhook_id);
            return std::pair{r->text(0), r->optional_text(1).value_or("")};
        });
    EXPECT_TRUE(row.ok()) << row.status().message();
    return row.ok() ? *row : std::pair<std::string, std::string>{};
}

void write_secret(store::Store& store, const std::string& webhook_id, const std::string& secret) {
    const Status s = store::in_transaction(store, store::TxMode::kWrite, [&](store::Transaction& tx) {
        tx.execute("UPDATE webhook_endpoints SET secret = ? WHERE id = ?", {secret, webhook_id});
        return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
}

// The id of the master key that sealed a stored secret ("" when it is not sealed).
std::string sealed_with(const std::string& stored) {
    const auto envelope = crypto::from_base64(stored);
    return envelope ? crypto::MasterKeys::key_id_of(*envelope) : std::string();
}

// The secrets are kept sealed with the master key: a copy of the database alone signs no delivery. A secret written
// raw (by the version before) is sealed when a node starts; `keys rewrap` moves them to a new master key; a secret
// that does not open (another endpoint's, or a master key not configured) is refused by name.
TEST_F(Webhooks, SecretsAreStoredSealedWithTheMasterKey) {
    store::Store& store = server_->app().services().store();
    const crypto::MasterKeys& keys = server_->app().master_keys();
    const auto created = add_endpoint({"license.*"});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    const std::string shown = created.str("secret");
    const auto [stored, none] = stored_secrets(store, id);
    EXPECT_EQ(stored.find(shown), std::string::npos);
    EXPECT_EQ(stored.find(shown.substr(6)), std::string::npos);  // not even without its whsec_ prefix
    EXPECT_EQ(sealed_with(stored), keys.current().id());
    EXPECT_EQ(none, "");

    const auto rotated = publisher_->post("/api/v1/webhooks/" + id + "/rotate-secret");
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    const auto [after_rotation, previous] = stored_secrets(store, id);
    EXPECT_EQ(previous, stored);  // the old secret moves as it was sealed
    EXPECT_EQ(sealed_with(after_rotation), keys.current().id());
    EXPECT_EQ(after_rotation.find(rotated.str("secret")), std::string::npos);

    // A secret stored raw by the version before: a node's start seals it, and deliveries sign with it.
    const std::string raw = "whsec_" + crypto::random_token(32);
    write_secret(store, id, raw);
    auto node = server_->another_node({}, false);
    const auto [upgraded, kept] = stored_secrets(store, id);
    EXPECT_EQ(sealed_with(upgraded), keys.current().id());
    EXPECT_EQ(kept, previous);
    node.reset();
    ASSERT_EQ(set_quantity(5).status, 200);
    const auto got = wait_for("/hook", 1);
    EXPECT_TRUE(signed_with(got[0], raw));

    // keys rewrap: everything sealed with the new key; the old one alone no longer opens it.
    const crypto::MasterKey next = crypto::MasterKey::generate();
    const crypto::MasterKeys during(next, {keys.current()});
    const auto rewrapped = service::rewrap_webhook_secrets(store, during);
    ASSERT_TRUE(rewrapped.ok()) << rewrapped.status().message();
    EXPECT_EQ(rewrapped->sealed, 1U);
    EXPECT_EQ(rewrapped->unchanged, 0U);
    EXPECT_EQ(service::webhook_master_key_ids_in_use(store).value(), std::vector<std::string>{next.id()});
    const auto again = service::rewrap_webhook_secrets(store, during);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->sealed, 0U);
    EXPECT_EQ(again->unchanged, 1U);
    const auto without_next = service::upgrade_webhook_secrets(store, crypto::MasterKeys(keys.current()));
    ASSERT_FALSE(without_next.ok());
    EXPECT_EQ(without_next.status().field(), "secrets.master_key");
    EXPECT_NE(without_next.status().message().find(id + " is encrypted with master key " + next.id()),
              std::string::npos)
        << without_next.status().message();
    ASSERT_TRUE(service::upgrade_webhook_secrets(store, crypto::MasterKeys(next)).ok());

    // Another endpoint's sealed secret copied into this row does not open here.
    const auto other = add_endpoint({"license.*"});
    ASSERT_EQ(other.status, 201) << other.body;
    write_secret(store, id, stored_secrets(store, other.str("id")).first);
    const auto moved = service::upgrade_webhook_secrets(store, during);
    ASSERT_FALSE(moved.ok());
    EXPECT_NE(moved.status().log_detail().find(id), std::string::npos) << moved.status().log_detail();
}

TEST_F(Webhooks, ATenantsEndpointGetsTheTenantsEventsOnly) {
    const auto created = tenant_admin_->post("/api/v1/tenant/webhooks",
                                             {{"url", receiver_.url("/tenant")}, {"events", bj::array{"seat.*"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.str("tenant_id"), tenant_);
    const std::string id = created.str("id");
    // Neither side sees the other's endpoints.
    EXPECT_TRUE(publisher_->get("/api/v1/webhooks").json().at("items").as_array().empty());
    EXPECT_EQ(publisher_->get("/api/v1/webhooks/" + id).status, 404);
    EXPECT_EQ(tenant_admin_->get("/api/v1/tenant/webhooks").json().at("items").as_array().size(), 1U);
    EXPECT_EQ(publisher_->get("/api/v1/tenant/webhooks").status, 403);

    ASSERT_EQ(tenant_admin_
                  ->post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                         {{"users", bj::array{"bo@fabrikam.example"}}})
                  .status,
              200);
    const auto got = wait_for("/tenant", 1);
    EXPECT_EQ(type_of(got[0]), "seat.assigned");
    EXPECT_EQ(body_of(got[0]).at("tenant_id").as_string(), tenant_);
    EXPECT_EQ(body_of(got[0]).at("data").at("after").at("upn").as_string(), "bo@fabrikam.example");
    EXPECT_TRUE(signed_with(got[0], created.str("secret")));

    const auto deleted = tenant_admin_->del("/api/v1/tenant/webhooks/" + id);
    EXPECT_EQ(deleted.status, 204);
    EXPECT_EQ(tenant_admin_->get("/api/v1/tenant/webhooks/" + id).status, 404);
}

TEST_F(Webhooks, UnsafeOrMalformedEndpointsAreRefusedNamingTheField) {
    start([](app::Config& c) { c.check.refresh_ms = 60000; });  // private addresses not allowed: the default
    const auto refused = [&](const bj::object& body, const std::string& field, const std::string& rule) {
        const auto r = publisher_->post("/api/v1/webhooks", body);
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.str("field"), field) << r.body;
        EXPECT_EQ(r.str("rule"), rule) << r.body;
    };
    const bj::array all{"*"};
    refused({{"url", "http://hooks.example.com/x"}, {"events", all}}, "url", "https_required");
    refused({{"url", "https://127.0.0.1/x"}, {"events", all}}, "url", "address_not_allowed");
    refused({{"url", "https://10.1.2.3:8443/x"}, {"events", all}}, "url", "address_not_allowed");
    refused({{"url", "https://[::1]/x"}, {"events", all}}, "url", "address_not_allowed");
    refused({{"url", "https://localhost/x"}, {"events", all}}, "url", "address_not_allowed");
    refused({{"url", "https://user:secret@hooks.example.com/x"}, {"events", all}}, "url", "url");
    refused({{"url", "https://hooks.example.com/a b"}, {"events", all}}, "url", "url");
    refused({{"events", all}}, "url", "required");
    refused({{"url", "https://hooks.example.com/x"}}, "events", "required");
    refused({{"url", "https://hooks.example.com/x"}, {"events", bj::array{}}}, "events", "required");
    refused({{"url", "https://hooks.example.com/x"}, {"events", bj::array{"seat.assigned", "nope.*"}}}, "events[1]",
            "unknown_event_type");
    refused({{"url", "https://hooks.example.com/x"}, {"events", bj::array{"seat.*", "seat.*"}}}, "events[1]",
            "duplicate");
    refused({{"url", "https://hooks.example.com/x"}, {"events", all}, {"secret", "mine"}}, "secret", "unknown_field");
    EXPECT_TRUE(publisher_->get("/api/v1/webhooks").json().at("items").as_array().empty());

    const auto fine = publisher_->post("/api/v1/webhooks", {{"url", "https://hooks.example.com/x"}, {"events", all}});
    ASSERT_EQ(fine.status, 201) << fine.body;
    const auto patch = publisher_->patch("/api/v1/webhooks/" + fine.str("id"), {{"url", "https://169.254.169.254/"}});
    EXPECT_EQ(patch.status, 422);
    EXPECT_EQ(patch.str("rule"), "address_not_allowed");
    EXPECT_EQ(publisher_->get("/api/v1/webhooks/" + fine.str("id")).str("url"), "https://hooks.example.com/x");
    EXPECT_EQ(publisher_->get("/api/v1/webhooks/" + fine.str("id") + "/deliveries?status=lost").status, 422);
    EXPECT_EQ(publisher_->get("/api/v1/webhooks/" + fine.str("id") + "/deliveries?cursor=x").status, 422);

    // The catalogue: every type, with its family and payload schema.
    const auto types = publisher_->get("/api/v1/event-types");
    ASSERT_EQ(types.status, 200);
    bool seat = false;
    for (const auto& t : types.json().at("items").as_array()) {
        EXPECT_TRUE(t.at("payload_schema").is_object()) << t.at("type");
        if (t.at("type") == "seat.assigned") {
            seat = true;
            EXPECT_EQ(t.at("family").as_string(), "seat");
            EXPECT_EQ(t.at("payload_schema_name").as_string(), "SeatSnapshot");
            EXPECT_TRUE(t.at("payload_schema").at("properties").as_object().contains("upn"));
        }
    }
    EXPECT_TRUE(seat);
    // A tenant's catalogue has the tenant's types only: no offers, but its groups.
    const auto tenant_types = tenant_admin_->get("/api/v1/event-types");
    std::set<std::string> names;
    for (const auto& t : tenant_types.json().at("items").as_array())
        names.insert(std::string(t.at("type").as_string()));
    EXPECT_FALSE(names.contains("offer.created"));
    EXPECT_TRUE(names.contains("group.created"));
    EXPECT_TRUE(names.contains("seat.assigned"));
    EXPECT_TRUE(names.contains("invitation.accepted"));
    EXPECT_FALSE(names.contains("invitation.created"));
}

// A port nobody listens on now (the receiver sample binds it next).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
}

// docs/integration/webhook_receiver.py, the receiver the docs give: it verifies the signatures of real
// deliveries, refuses a forged one, and tells a redelivery by its event id.
TEST_F(Webhooks, TheDocumentedReceiverVerifiesDeliveriesAndRefusesForgeries) {
    const int port = free_port();
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
    const auto created = publisher_->post("/api/v1/webhooks", {{"url", url}, {"events", bj::array{"license.*"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    const auto output = server_->dir() / "receiver.log";
    ChildProcess receiver(
        {"/usr/bin/env", "SEATKEEPER_WEBHOOK_SECRETS=" + created.str("secret"), SEATKEEPER_PYTHON,
         std::string(SEATKEEPER_SOURCE_DIR) + "/docs/integration/webhook_receiver.py", "--port", std::to_string(port)},
        output.string());
    receiver.wait_until([&] { return file_text(output).find("\"listening\"") != std::string::npos; },
                        "the receiver sample", "python3 docs/integration/webhook_receiver.py");

    ASSERT_EQ(set_quantity(5).status, 200);
    ASSERT_TRUE(
        eventually([&] { return delivery(id).contains("status") && delivery(id).at("status") == "succeeded"; }));
    EXPECT_EQ(delivery(id).at("last_status_code").as_int64(), 204);
    const std::string delivered = delivery(id).at("id").as_string().c_str();
    ASSERT_EQ(publisher_->post("/api/v1/webhooks/" + id + "/deliveries/" + delivered + "/redeliver").status, 202);
    ASSERT_TRUE(eventually([&] { return file_text(output).find("\"duplicate\": true") != std::string::npos; }));

    Client forger("http://127.0.0.1:" + std::to_string(port));
    const auto forged = forger.request(
        "POST", "/hook", R"({"id":"1","type":"license.changed"})",
        {{"Content-Type", "application/json"},
         {"Seatkeeper-Signature", "t=" + std::to_string(now_millis() / 1000) + ",v1=" + std::string(64, '0')}});
    EXPECT_EQ(forged.status, 400);
    const std::string log = file_text(output);
    EXPECT_NE(log.find("\"verified\": true, \"event_id\""), std::string::npos) << log;
    EXPECT_NE(log.find("no signature matches"), std::string::npos) << log;
}

// A node that leased an attempt and died: the lease runs out, the attempt is made again (a new attempt), and the
// first attempt's late outcome changes nothing.
TEST_F(Webhooks, ALateOutcomeOfAnAttemptWhoseLeaseRanOutChangesNothing) {
    start([](app::Config& c) {
        quick_retries(c);
        c.settings.webhooks.lease_ms = 300;
    });
    server_->restart(false);  // no worker: the test plays the nodes
    auto& services = server_->app().services();
    const auto created = add_endpoint({"license.*"});
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(set_quantity(5).status, 200);
    ASSERT_TRUE(service::dispatch_webhook_events(services).ok());

    auto first = service::lease_webhook_delivery(services);
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_EQ((*first)->attempt, 1);
    auto none = service::lease_webhook_delivery(services);  // leased: nobody else takes it
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    std::optional<data::WebhookAttemptRow> second;
    ASSERT_TRUE(eventually([&] {
        auto leased = service::lease_webhook_delivery(services);
        if (leased.ok() && leased->has_value()) second = **leased;
        return second.has_value();
    }));
    EXPECT_EQ(second->attempt, 2);
    EXPECT_EQ(second->delivery_id, (*first)->delivery_id);

    receiver_.script("/hook", {500, 200});
    ASSERT_TRUE(service::attempt_webhook_delivery(services, **first).ok());  // late: its 500 is not recorded
    const std::string id = created.str("id");
    auto d = delivery(id);
    EXPECT_EQ(d.at("status").as_string(), "pending");
    EXPECT_EQ(d.at("attempts").as_int64(), 2);
    ASSERT_TRUE(service::attempt_webhook_delivery(services, *second).ok());
    d = delivery(id);
    EXPECT_EQ(d.at("status").as_string(), "succeeded");
    EXPECT_EQ(d.at("attempts").as_int64(), 2);
    const auto got = receiver_.received("/hook");
    ASSERT_EQ(got.size(), 2U);
    EXPECT_EQ(got[0].headers.at("seatkeeper-delivery-attempt"), "1");
    EXPECT_EQ(got[1].headers.at("seatkeeper-delivery-attempt"), "2");
}

// Two nodes with workers on one database: each event reaches the endpoint once (one attempt each), whichever node
// dispatches and delivers it.
TEST_F(Webhooks, TwoNodesDeliverEachEventOnce) {
    auto other = server_->another_node(quick_retries);
    const auto created = tenant_admin_->post(
        "/api/v1/tenant/webhooks", {{"url", receiver_.url("/seats")}, {"events", bj::array{"seat.assigned"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.str("id");
    ASSERT_EQ(publisher_->request("PUT", license_, R"({"quantity":20})").status, 200);
    Client on_other("http://127.0.0.1:" + std::to_string(other->port()));
    on_other.use_api_key(key(service::tenant_system_principal(tenant_), "global_admin"));
    constexpr int kSeats = 12;
    for (int i = 0; i < kSeats; ++i) {
        Client& via = i % 2 == 0 ? *tenant_admin_ : on_other;
        ASSERT_EQ(via.post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                           {{"users", bj::array{bj::value("user" + std::to_string(i) + "@fabrikam.example")}}})
                      .status,
                  200);
    }
    const auto got = wait_for("/seats", kSeats);
    std::set<std::string> ids;
    for (const auto& r : got) ids.insert(event_id_of(r));
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kSeats));
    ASSERT_TRUE(eventually([&] {
        const auto list = tenant_admin_->get("/api/v1/tenant/webhooks/" + id + "/deliveries");
        const auto& items = list.json().at("items").as_array();
        if (items.size() != static_cast<std::size_t>(kSeats)) return false;
        for (const auto& d : items) {
            if (d.at("status") != "succeeded") return false;
        }
        return true;
    }));
    const auto deliveries = tenant_admin_->get("/api/v1/tenant/webhooks/" + id + "/deliveries");
    for (const auto& d : deliveries.json().at("items").as_array()) EXPECT_EQ(d.at("attempts").as_int64(), 1);
    EXPECT_EQ(receiver_.requests("/seats"), static_cast<std::size_t>(kSeats));  // none twice
    other->stop();
}

// On PostgreSQL a commit on one node wakes the others (LISTEN/NOTIFY): a seat assigned through one node is
// licensed at another whose poll comes only every minute.
TEST_F(Webhooks, AChangeReachesAnotherNodesChecksWithoutWaitingForItsPoll) {
    if (test_backend() != "postgresql") GTEST_SKIP() << "SQLite has no notifications; the poll serves it";
    auto other = server_->another_node([](app::Config& c) { c.check.refresh_ms = 60000; }, false);
    Client app_on_other("http://127.0.0.1:" + std::to_string(other->port()));
    app_on_other.use_api_key(key(service::system_principal("contoso"), "app"));
    const std::string question =
        "/api/v1/check?tenant=" + tenant_ + "&user=bo@fabrikam.example&service_id=contoso.crm.basic";
    ASSERT_EQ(app_on_other.get(question).str("reason"), "no_seat");
    ASSERT_EQ(tenant_admin_
                  ->post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                         {{"users", bj::array{"bo@fabrikam.example"}}})
                  .status,
              200);
    // Far within the minute the poll would take.
    EXPECT_TRUE(
        eventually([&] { return app_on_other.get(question).str("reason") == "assigned"; }, std::chrono::seconds(10)));
    other->stop();
}

// ... and wakes another node's webhook worker: the only worker here polls once a minute, yet delivers at once.
TEST_F(Webhooks, AChangeWakesAnotherNodesWebhookWorker) {
    if (test_backend() != "postgresql") GTEST_SKIP() << "SQLite has no notifications; the poll serves it";
    server_->restart(false);  // this node has no worker
    auto other = server_->another_node([](app::Config& c) {
        quick_retries(c);
        c.jobs.poll_interval_ms = 60000;
    });
    const auto created = tenant_admin_->post(
        "/api/v1/tenant/webhooks", {{"url", receiver_.url("/tenant")}, {"events", bj::array{"seat.assigned"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(tenant_admin_
                  ->post("/api/v1/tenant/licenses/contoso.crm.basic/assignments",
                         {{"users", bj::array{"bo@fabrikam.example"}}})
                  .status,
              200);
    // Far within the minute the other node's poll would take.
    EXPECT_GE(receiver_.wait_for_requests("/tenant", 1, std::chrono::seconds(10)), 1U);
    other->stop();
}

}  // namespace
}  // namespace seatkeeper::testing
