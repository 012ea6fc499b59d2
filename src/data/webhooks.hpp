// The webhooks repository (issue 15): endpoints (`webhook_endpoints`), the delivery outbox
// (`webhook_deliveries`) and how far the dispatcher has read the events (`webhook_dispatch`). See data/seats.hpp
// for what a repository is; service/webhooks.hpp for the rules these serve.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "data/accounts.hpp"
#include "data/events.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

// An endpoint as stored: exactly one of publisher_id and tenant_id is set; `events` is the JSON array text.
struct WebhookRow {
    std::string id;
    std::string publisher_id;
    std::string tenant_id;
    std::string url;
    std::string description;
    std::string events;
    std::string secret;
    std::optional<std::string> previous_secret;
    std::optional<Millis> previous_secret_expires_at;
    bool enabled = true;
    std::optional<std::string> disabled_reason;
    std::int64_t consecutive_failures = 0;
    std::int64_t after_event_id = 0;
    Millis created_at = 0;
    Millis updated_at = 0;
};

struct WebhookDeliveryRow {
    std::int64_t id = 0;
    std::string endpoint_id;
    std::int64_t event_id = 0;
    std::string event_type;
    std::string subject;
    std::string status;  // pending, failed, succeeded, dead
    std::int64_t attempts = 0;
    std::optional<std::int64_t> last_status_code;
    std::optional<std::string> last_error;
    std::optional<Millis> last_attempt_at;
    std::optional<Millis> next_attempt_at;
    Millis created_at = 0;
};

// An endpoint's stored secrets (sealed, service/webhooks.hpp), for sealing and rewrapping them.
struct WebhookSecretsRow {
    std::string webhook_id;
    std::string secret;
    std::optional<std::string> previous_secret;
};

// A delivery leased for an attempt, with what sending it needs: the endpoint's address and secrets, the event.
struct WebhookAttemptRow {
    std::int64_t delivery_id = 0;
    std::int64_t attempt = 0;  // this attempt's number (1 for the first)
    std::string endpoint_id;
    std::string url;
    std::string secret;
    std::optional<std::string> previous_secret;
    std::optional<Millis> previous_secret_expires_at;
    EventRow event;
};

namespace webhooks {

void insert_webhook(store::Transaction& tx, const WebhookRow& webhook);
std::optional<WebhookRow> find_webhook(store::Transaction& tx, const AccountScope& account,
                                       const std::string& webhook_id);
std::optional<WebhookRow> find_webhook_by_id(store::Transaction& tx, const std::string& webhook_id);
std::vector<WebhookRow> list_webhooks(store::Transaction& tx, const AccountScope& account);
std::int64_t count_webhooks(store::Transaction& tx, const AccountScope& account);
// Writes url, description, events, enabled and disabled_reason as given; re-enabling clears the failures.
void update_webhook(store::Transaction& tx, const WebhookRow& webhook, Millis now);
void set_secrets(store::Transaction& tx, const std::string& webhook_id, const std::string& secret,
                 const std::optional<std::string>& previous_secret, std::optional<Millis> previous_expires_at,
                 Millis now);
// Every endpoint's stored secrets, and writing them back as given (nothing else of the row changes).
std::vector<WebhookSecretsRow> stored_secrets(store::Transaction& tx);
void replace_secrets(store::Transaction& tx, const WebhookSecretsRow& secrets);
void delete_webhook(store::Transaction& tx, const std::string& webhook_id);
// Deletes up to `limit` finished (succeeded or dead) deliveries last changed before `before`, oldest first; how
// many it deleted.
std::int64_t delete_finished_deliveries(store::Transaction& tx, Millis before, std::int64_t limit);
// Every enabled endpoint (the dispatcher matches each new event against them).
std::vector<WebhookRow> enabled_webhooks(store::Transaction& tx);

// The dispatcher's cursor, locked until the transaction ends (FOR UPDATE): two dispatchers never read the same
// events.
std::int64_t lock_dispatch_cursor(store::Transaction& tx);
void set_dispatch_cursor(store::Transaction& tx, std::int64_t last_event_id);
// Whether events after `cursor` exist (a read; the dispatcher's idle look).
bool events_after(store::Transaction& tx, std::int64_t cursor);
// The events after `after` in id order, at most `limit`, with their payloads.
std::vector<EventRow> read_events(store::Transaction& tx, std::int64_t after, std::int64_t limit);
std::optional<std::int64_t> dispatch_cursor(store::Transaction& tx);

// Adds a pending delivery of the event to the endpoint due at `due`; an existing one is left alone (insert) or
// queued again from scratch (requeue: pending, no attempts, due at `due`).
void insert_delivery(store::Transaction& tx, const std::string& endpoint_id, const EventRow& event, Millis due);
void requeue_delivery(store::Transaction& tx, const std::string& endpoint_id, const EventRow& event, Millis due);

// The next delivery due at `now` whose endpoint is enabled and has no attempt under way, and that no earlier
// unfinished delivery of the same endpoint and subject precedes; leased until `lease_until` for one attempt
// (its attempts counted, the endpoint busy), all in the caller's transaction. Row locks (SKIP LOCKED) keep two
// nodes from leasing the same delivery or the same endpoint at once.
std::optional<WebhookAttemptRow> lease_next_delivery(store::Transaction& tx, Millis now, Millis lease_until);
// When the next delivery of an enabled endpoint may be due (its next_attempt_at, or a lease's end); nullopt when
// none is unfinished. A due one may still wait (its endpoint busy, an earlier one of its subject unfinished).
std::optional<Millis> next_delivery_due(store::Transaction& tx);
// Records an attempt's outcome, if the attempt still holds the lease (attempts = `attempt`): a late outcome of an
// attempt whose lease ran out, and that another node made again, changes nothing. Whether it was recorded.
bool record_attempt(store::Transaction& tx, std::int64_t delivery_id, std::int64_t attempt, const std::string& status,
                    std::optional<std::int64_t> status_code, const std::optional<std::string>& error,
                    std::optional<Millis> next_attempt_at, Millis now);
// After an attempt: the endpoint is free again; its failures in a row are reset (success) or counted. Returns the
// count after.
std::int64_t record_endpoint_outcome(store::Transaction& tx, const std::string& endpoint_id, bool succeeded,
                                     Millis now);
void disable_webhook(store::Transaction& tx, const std::string& webhook_id, const std::string& reason, Millis now);
// The e-mail addresses of the account's active global admins (who hear of a disabled endpoint).
std::vector<std::string> admin_emails(store::Transaction& tx, const AccountScope& account);

// The endpoint's deliveries, newest first, after (older than) `before_id` when given, of `status` when not empty.
std::vector<WebhookDeliveryRow> list_deliveries(store::Transaction& tx, const std::string& endpoint_id,
                                                const std::string& status, std::optional<std::int64_t> before_id,
                                                std::int64_t limit);
std::optional<WebhookDeliveryRow> find_delivery(store::Transaction& tx, const std::string& endpoint_id,
                                                std::int64_t delivery_id);
// Pending again from scratch (attempts 0, due at `now`), unless an attempt holds its lease. Whether it was.
bool redeliver(store::Transaction& tx, const std::string& endpoint_id, std::int64_t delivery_id, Millis now);

}  // namespace webhooks
}  // namespace seatkeeper::data
