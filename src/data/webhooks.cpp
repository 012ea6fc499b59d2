#include "data/webhooks.hpp"

#include "data/rows.hpp"

namespace seatkeeper::data::webhooks {

namespace {

using store::Query;

#define SK_WEBHOOK_COLUMNS                                                                                         \
    "id, publisher_id, tenant_id, url, description, events, secret, previous_secret, previous_secret_expires_at, " \
    "enabled, disabled_reason, consecutive_failures, after_event_id, created_at, updated_at"
#define SK_DELIVERY_COLUMNS                                                                            \
    "id, endpoint_id, event_id, event_type, subject, status, attempts, last_status_code, last_error, " \
    "last_attempt_at, next_attempt_at, created_at"

constexpr Query kInsertWebhook{
    "webhook.insert",
    "INSERT INTO webhook_endpoints (id, publisher_id, tenant_id, url, description, events, secret, enabled, "
    "consecutive_failures, after_event_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?)"};
constexpr Query kFindWebhookOfPublisher{"webhook.find_of_publisher",
                                        "SELECT " SK_WEBHOOK_COLUMNS
                                        " FROM webhook_endpoints WHERE id = ? AND publisher_id = ?"};
constexpr Query kFindWebhookOfTenant{
    "webhook.find_of_tenant", "SELECT " SK_WEBHOOK_COLUMNS " FROM webhook_endpoints WHERE id = ? AND tenant_id = ?"};
constexpr Query kFindWebhook{"webhook.find", "SELECT " SK_WEBHOOK_COLUMNS " FROM webhook_endpoints WHERE id = ?"};
constexpr Query kListWebhooksOfPublisher{"webhook.list_of_publisher",
                                         "SELECT " SK_WEBHOOK_COLUMNS
                                         " FROM webhook_endpoints WHERE publisher_id = ? ORDER BY created_at, id"};
constexpr Query kListWebhooksOfTenant{"webhook.list_of_tenant",
                                      "SELECT " SK_WEBHOOK_COLUMNS
                                      " FROM webhook_endpoints WHERE tenant_id = ? ORDER BY created_at, id"};
constexpr Query kCountWebhooksOfPublisher{"webhook.count_of_publisher",
                                          "SELECT COUNT(*) FROM webhook_endpoints WHERE publisher_id = ?"};
constexpr Query kCountWebhooksOfTenant{"webhook.count_of_tenant",
                                       "SELECT COUNT(*) FROM webhook_endpoints WHERE tenant_id = ?"};
constexpr Query kUpdateWebhook{
    "webhook.update",
    "UPDATE webhook_endpoints SET url = ?, description = ?, events = ?, enabled = ?, disabled_reason = ?, "
    "consecutive_failures = CASE WHEN ? = 1 AND enabled = 0 THEN 0 ELSE consecutive_failures END, updated_at = ? "
    "WHERE id = ?"};
constexpr Query kSetSecrets{"webhook.set_secrets",
                            "UPDATE webhook_endpoints SET secret = ?, previous_secret = ?, "
                            "previous_secret_expires_at = ?, updated_at = ? WHERE id = ?"};
constexpr Query kStoredSecrets{"webhook.stored_secrets",
                               "SELECT id, secret, previous_secret FROM webhook_endpoints ORDER BY id"};
constexpr Query kReplaceSecrets{"webhook.replace_secrets",
                                "UPDATE webhook_endpoints SET secret = ?, previous_secret = ? WHERE id = ?"};
constexpr Query kDeleteFinishedDeliveries{
    "webhook.delete_finished_deliveries",
    "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE status IN ('succeeded', "
    "'dead') AND updated_at < ? ORDER BY updated_at LIMIT ?)"};
constexpr Query kDeleteDeliveries{"webhook.delete_deliveries", "DELETE FROM webhook_deliveries WHERE endpoint_id = ?"};
constexpr Query kDeleteWebhook{"webhook.delete", "DELETE FROM webhook_endpoints WHERE id = ?"};
constexpr Query kEnabledWebhooks{"webhook.enabled",
                                 "SELECT " SK_WEBHOOK_COLUMNS " FROM webhook_endpoints WHERE enabled = 1 ORDER BY id"};

constexpr Query kLockDispatchCursor{"webhook.lock_dispatch",
                                    "SELECT last_event_id FROM webhook_dispatch WHERE id = 1 FOR UPDATE"};
constexpr Query kDispatchCursor{"webhook.dispatch_cursor", "SELECT last_event_id FROM webhook_dispatch WHERE id = 1"};
constexpr Query kSetDispatchCursor{"webhook.set_dispatch",
                                   "UPDATE webhook_dispatch SET last_event_id = ? WHERE id = 1"};
constexpr Query kEventsAfter{"webhook.events_after", "SELECT id FROM events WHERE id > ? ORDER BY id LIMIT 1"};
constexpr Query kReadEvents{"webhook.read_events",
                            "SELECT " SK_EVENT_COLUMNS " FROM events WHERE id > ? ORDER BY id LIMIT ?"};

constexpr Query kInsertDelivery{
    "webhook.insert_delivery",
    "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, subject, status, attempts, next_attempt_at, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (endpoint_id, event_id) DO "
    "NOTHING"};
constexpr Query kRequeueDelivery{
    "webhook.requeue_delivery",
    "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, subject, status, attempts, next_attempt_at, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (endpoint_id, event_id) DO UPDATE "
    "SET status = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at, locked_until = NULL, "
    "updated_at = excluded.updated_at"};

// The claim (see lease_next_delivery). Locks the delivery's row and its endpoint's: a second claimer skips both,
// and once the first commits, the endpoint's busy_until (re-read for a row locked meanwhile) keeps it out.
constexpr Query kNextDelivery{
    "webhook.next_delivery",
    "SELECT d.id, d.attempts, e.id, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at, d.event_id "
    "FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id "
    "WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= ? "
    "AND (d.locked_until IS NULL OR d.locked_until < ?) "
    "AND e.enabled = 1 AND (e.busy_until IS NULL OR e.busy_until < ?) "
    "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id "
    "AND p.subject = d.subject AND p.id < d.id AND p.status IN ('pending', 'failed')) "
    "ORDER BY d.next_attempt_at, d.id LIMIT 1 FOR UPDATE SKIP LOCKED"};
constexpr Query kLeaseDelivery{"webhook.lease_delivery",
                               "UPDATE webhook_deliveries SET locked_until = ?, attempts = attempts + 1, "
                               "last_attempt_at = ?, updated_at = ? WHERE id = ?"};
constexpr Query kBusyEndpoint{"webhook.busy_endpoint", "UPDATE webhook_endpoints SET busy_until = ? WHERE id = ?"};
constexpr Query kEventById{"webhook.event", "SELECT " SK_EVENT_COLUMNS " FROM events WHERE id = ?"};
constexpr Query kNextDeliveryDue{
    "webhook.next_due",
    "SELECT MIN(CASE WHEN d.locked_until IS NOT NULL AND d.locked_until > d.next_attempt_at THEN d.locked_until "
    "ELSE d.next_attempt_at END) FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id "
    "WHERE d.status IN ('pending', 'failed') AND e.enabled = 1"};
constexpr Query kRecordAttempt{
    "webhook.record_attempt",
    "UPDATE webhook_deliveries SET status = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?, "
    "locked_until = NULL, updated_at = ? WHERE id = ? AND attempts = ?"};
constexpr Query kEndpointSucceeded{
    "webhook.endpoint_succeeded",
    "UPDATE webhook_endpoints SET busy_until = NULL, consecutive_failures = 0 WHERE id = ?"};
constexpr Query kEndpointFailed{
    "webhook.endpoint_failed",
    "UPDATE webhook_endpoints SET busy_until = NULL, consecutive_failures = consecutive_failures + 1 WHERE id = ?"};
constexpr Query kEndpointFailures{"webhook.endpoint_failures",
                                  "SELECT consecutive_failures FROM webhook_endpoints WHERE id = ?"};
constexpr Query kDisableWebhook{
    "webhook.disable",
    "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND enabled = 1"};

constexpr Query kAdminEmailsOfPublisher{
    "webhook.admins_of_publisher",
    "SELECT email FROM users WHERE publisher_id = ? AND role = 'global_admin' AND disabled_at IS NULL AND "
    "deleted_at IS NULL ORDER BY email"};
constexpr Query kAdminEmailsOfTenant{
    "webhook.admins_of_tenant",
    "SELECT email FROM users WHERE tenant_id = ? AND role = 'global_admin' AND disabled_at IS NULL AND "
    "deleted_at IS NULL ORDER BY email"};
constexpr Query kListDeliveries{"webhook.list_deliveries",
                                "SELECT " SK_DELIVERY_COLUMNS
                                " FROM webhook_deliveries WHERE endpoint_id = ? AND (? = '' OR status = ?) "
                                "AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?"};
constexpr Query kFindDelivery{
    "webhook.find_delivery", "SELECT " SK_DELIVERY_COLUMNS " FROM webhook_deliveries WHERE endpoint_id = ? AND id = ?"};
constexpr Query kRedeliver{
    "webhook.redeliver",
    "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? "
    "WHERE endpoint_id = ? AND id = ? AND (locked_until IS NULL OR locked_until < ?)"};

#undef SK_DELIVERY_COLUMNS
#undef SK_WEBHOOK_COLUMNS

const Query& scoped(const AccountScope& account, const Query& of_publisher, const Query& of_tenant) {
    return account.kind == AccountScope::Kind::kTenant ? of_tenant : of_publisher;
}

WebhookRow webhook_from_row(const store::Row& r) {
    WebhookRow w;
    w.id = r.text(0);
    w.publisher_id = r.optional_text(1).value_or("");
    w.tenant_id = r.optional_text(2).value_or("");
    w.url = r.text(3);
    w.description = r.text(4);
    w.events = r.text(5);
    w.secret = r.text(6);
    w.previous_secret = r.optional_text(7);
    w.previous_secret_expires_at = r.optional_integer(8);
    w.enabled = r.boolean(9);
    w.disabled_reason = r.optional_text(10);
    w.consecutive_failures = r.integer(11);
    w.after_event_id = r.integer(12);
    w.created_at = r.integer(13);
    w.updated_at = r.integer(14);
    return w;
}

WebhookDeliveryRow delivery_from_row(const store::Row& r) {
    WebhookDeliveryRow d;
    d.id = r.integer(0);
    d.endpoint_id = r.text(1);
    d.event_id = r.integer(2);
    d.event_type = r.text(3);
    d.subject = r.text(4);
    d.status = r.text(5);
    d.attempts = r.integer(6);
    d.last_status_code = r.optional_integer(7);
    d.last_error = r.optional_text(8);
    d.last_attempt_at = r.optional_integer(9);
    d.next_attempt_at = r.optional_integer(10);
    d.created_at = r.integer(11);
    return d;
}

store::Params delivery_params(const std::string& endpoint_id, const EventRow& event, Millis due) {
    return {endpoint_id, event.id, event.type, event.subject, due, due, due};
}

}  // namespace

void insert_webhook(store::Transaction& tx, const WebhookRow& w) {
    tx.execute(kInsertWebhook, {w.id, store::text_or_null(w.publisher_id), store::text_or_null(w.tenant_id), w.url,
                                w.description, w.events, w.secret, w.after_event_id, w.created_at, w.updated_at});
}

std::optional<WebhookRow> find_webhook(store::Transaction& tx, const AccountScope& account,
                                       const std::string& webhook_id) {
    const auto r =
        tx.query_one(scoped(account, kFindWebhookOfPublisher, kFindWebhookOfTenant), {webhook_id, account.id});
    if (!r) return std::nullopt;
    return webhook_from_row(*r);
}

std::optional<WebhookRow> find_webhook_by_id(store::Transaction& tx, const std::string& webhook_id) {
    const auto r = tx.query_one(kFindWebhook, {webhook_id});
    if (!r) return std::nullopt;
    return webhook_from_row(*r);
}

std::vector<WebhookRow> list_webhooks(store::Transaction& tx, const AccountScope& account) {
    return map_rows(tx.query(scoped(account, kListWebhooksOfPublisher, kListWebhooksOfTenant), {account.id}),
                    webhook_from_row);
}

std::int64_t count_webhooks(store::Transaction& tx, const AccountScope& account) {
    const auto r = tx.query_one(scoped(account, kCountWebhooksOfPublisher, kCountWebhooksOfTenant), {account.id});
    return r ? r->integer(0) : 0;
}

void update_webhook(store::Transaction& tx, const WebhookRow& w, Millis now) {
    const std::int64_t enabled = w.enabled ? 1 : 0;
    tx.execute(kUpdateWebhook,
               {w.url, w.description, w.events, enabled, store::optional_text(w.disabled_reason), enabled, now, w.id});
}

void set_secrets(store::Transaction& tx, const std::string& webhook_id, const std::string& secret,
                 const std::optional<std::string>& previous_secret, std::optional<Millis> previous_expires_at,
                 Millis now) {
    tx.execute(kSetSecrets, {secret, store::optional_text(previous_secret),
                             store::optional_integer(previous_expires_at), now, webhook_id});
}

std::vector<WebhookSecretsRow> stored_secrets(store::Transaction& tx) {
    std::vector<WebhookSecretsRow> out;
    for (const auto& r : tx.query(kStoredSecrets, {})) out.push_back({r.text(0), r.text(1), r.optional_text(2)});
    return out;
}

void replace_secrets(store::Transaction& tx, const WebhookSecretsRow& secrets) {
    tx.execute(kReplaceSecrets, {secrets.secret, store::optional_text(secrets.previous_secret), secrets.webhook_id});
}

std::int64_t delete_finished_deliveries(store::Transaction& tx, Millis before, std::int64_t limit) {
    return tx.execute(kDeleteFinishedDeliveries, {before, limit});
}

void delete_webhook(store::Transaction& tx, const std::string& webhook_id) {
    tx.execute(kDeleteDeliveries, {webhook_id});
    tx.execute(kDeleteWebhook, {webhook_id});
}

std::vector<WebhookRow> enabled_webhooks(store::Transaction& tx) {
    return map_rows(tx.query(kEnabledWebhooks), webhook_from_row);
}

std::int64_t lock_dispatch_cursor(store::Transaction& tx) {
    const auto r = tx.query_one(kLockDispatchCursor);
    if (!r) throw store::Failure(Status::Internal("webhook_dispatch has no row (migration 013)"));
    return r->integer(0);
}

std::optional<std::int64_t> dispatch_cursor(store::Transaction& tx) {
    const auto r = tx.query_one(kDispatchCursor);
    if (!r) return std::nullopt;
    return r->integer(0);
}

void set_dispatch_cursor(store::Transaction& tx, std::int64_t last_event_id) {
    tx.execute(kSetDispatchCursor, {last_event_id});
}

bool events_after(store::Transaction& tx, std::int64_t cursor) {
    return tx.query_one(kEventsAfter, {cursor}).has_value();
}

std::vector<EventRow> read_events(store::Transaction& tx, std::int64_t after, std::int64_t limit) {
    return map_rows(tx.query(kReadEvents, {after, limit}), events::event_from_row);
}

void insert_delivery(store::Transaction& tx, const std::string& endpoint_id, const EventRow& event, Millis due) {
    tx.execute(kInsertDelivery, delivery_params(endpoint_id, event, due));
}

void requeue_delivery(store::Transaction& tx, const std::string& endpoint_id, const EventRow& event, Millis due) {
    tx.execute(kRequeueDelivery, delivery_params(endpoint_id, event, due));
}

std::optional<WebhookAttemptRow> lease_next_delivery(store::Transaction& tx, Millis now, Millis lease_until) {
    const auto r = tx.query_one(kNextDelivery, {now, now, now});
    if (!r) return std::nullopt;
    WebhookAttemptRow a;
    a.delivery_id = r->integer(0);
    a.attempt = r->integer(1) + 1;
    a.endpoint_id = r->text(2);
    a.url = r->text(3);
    a.secret = r->text(4);
    a.previous_secret = r->optional_text(5);
    a.previous_secret_expires_at = r->optional_integer(6);
    const auto event = tx.query_one(kEventById, {r->integer(7)});
    if (!event) throw store::Failure(Status::Internal("delivery " + std::to_string(a.delivery_id) + " has no event"));
    a.event = events::event_from_row(*event);
    tx.execute(kLeaseDelivery, {lease_until, now, now, a.delivery_id});
    tx.execute(kBusyEndpoint, {lease_until, a.endpoint_id});
    return a;
}

std::optional<Millis> next_delivery_due(store::Transaction& tx) {
    const auto r = tx.query_one(kNextDeliveryDue);
    if (!r || r->is_null(0)) return std::nullopt;
    return r->integer(0);
}

bool record_attempt(store::Transaction& tx, std::int64_t delivery_id, std::int64_t attempt, const std::string& status,
                    std::optional<std::int64_t> status_code, const std::optional<std::string>& error,
                    std::optional<Millis> next_attempt_at, Millis now) {
    return tx.execute(kRecordAttempt, {status, store::optional_integer(status_code), store::optional_text(error),
                                       store::optional_integer(next_attempt_at), now, delivery_id, attempt}) == 1;
}

std::int64_t record_endpoint_outcome(store::Transaction& tx, const std::string& endpoint_id, bool succeeded,
                                     Millis /*now*/) {
    tx.execute(succeeded ? kEndpointSucceeded : kEndpointFailed, {endpoint_id});
    const auto r = tx.query_one(kEndpointFailures, {endpoint_id});
    return r ? r->integer(0) : 0;
}

void disable_webhook(store::Transaction& tx, const std::string& webhook_id, const std::string& reason, Millis now) {
    tx.execute(kDisableWebhook, {reason, now, webhook_id});
}

std::vector<std::string> admin_emails(store::Transaction& tx, const AccountScope& account) {
    return texts(tx.query(scoped(account, kAdminEmailsOfPublisher, kAdminEmailsOfTenant), {account.id}));
}

std::vector<WebhookDeliveryRow> list_deliveries(store::Transaction& tx, const std::string& endpoint_id,
                                                const std::string& status, std::optional<std::int64_t> before_id,
                                                std::int64_t limit) {
    const std::int64_t before = before_id.value_or(0);
    return map_rows(tx.query(kListDeliveries, {endpoint_id, status, status, before, before, limit}), delivery_from_row);
}

std::optional<WebhookDeliveryRow> find_delivery(store::Transaction& tx, const std::string& endpoint_id,
                                                std::int64_t delivery_id) {
    const auto r = tx.query_one(kFindDelivery, {endpoint_id, delivery_id});
    if (!r) return std::nullopt;
    return delivery_from_row(*r);
}

bool redeliver(store::Transaction& tx, const std::string& endpoint_id, std::int64_t delivery_id, Millis now) {
    return tx.execute(kRedeliver, {now, now, endpoint_id, delivery_id, now}) == 1;
}

}  // namespace seatkeeper::data::webhooks
