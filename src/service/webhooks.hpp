// Webhooks (issue 15, API.md "Webhooks and the event contract"): endpoints that publishers and tenants register
// to be told of the events of their change feed, and the outbox that delivers them.
//
// How an event becomes a delivery:
//
//   a change commits with its event row (service/events.hpp)
//     → dispatch_webhook_events (the dispatcher lane, jobs/worker.hpp): reads the events after the dispatch
//       cursor, and for each enabled endpoint of the event's publisher or tenant whose patterns match (and made
//       before the event) adds a pending delivery; the deliveries and the cursor's move commit together, so an
//       event is handed to each endpoint exactly once, and none is skipped, whichever node dispatches
//     → lease_webhook_delivery (the delivery lane): the next due delivery, one attempt at a time per endpoint,
//       never ahead of an unfinished earlier delivery of the same subject; leased (row locks, SKIP LOCKED on
//       PostgreSQL, outside the writers' lock) so that each attempt is made by one worker of one node
//     → attempt_webhook_delivery: POST with the signature headers (same SSRF rules as package fetches); 2xx
//       succeeds; anything else fails, retried with exponential back-off and jitter, `dead` after
//       webhooks.max_attempts; an endpoint failing webhooks.disable_after_failures times in a row is disabled
//       (webhook.disabled, mailed to the account's global admins).
//
// A node that dies mid-attempt leaves the lease to expire; the attempt is then made again (a new attempt,
// counted). A late outcome of the first never overwrites the second's (record_attempt compares the attempt).
// Deliveries are therefore at least once: receivers dedupe by `Seatkeeper-Event-Id`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/webhooks.hpp"
#include "service/context.hpp"
#include "service/page.hpp"

namespace seatkeeper::service {

struct NewWebhook {
    std::string url;
    std::vector<std::string> events;
    std::string description;
};

struct WebhookChange {
    std::optional<std::string> url;
    std::optional<std::vector<std::string>> events;
    std::optional<std::string> description;
    std::optional<bool> enabled;
};

struct Webhook {
    std::string id;
    std::string publisher_id;
    std::string tenant_id;
    std::string url;
    std::string description;
    std::vector<std::string> events;
    bool enabled = true;
    std::optional<std::string> disabled_reason;
    std::int64_t consecutive_failures = 0;
    std::optional<Millis> previous_secret_expires_at;  // while the previous secret still signs
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<std::string> secret;  // only in the answers to create and rotate-secret
};

using WebhookDelivery = data::WebhookDeliveryRow;
// A delivery's id as the API shows it (`whd_<n>`), and back (nullopt for anything else).
std::string delivery_id_text(std::int64_t id);
std::optional<std::int64_t> parse_delivery_id(std::string_view text);

// The event types the principal's account can be sent (GET /api/v1/event-types: a publisher's or a tenant's
// feed, domain::publishers_see / tenants_see), each with its family; the payload schemas are openapi's.
struct EventTypeEntry {
    std::string type;
    std::string family;
    std::string payload;  // the payload kind's schema name in docs/openapi.yaml
};
std::vector<EventTypeEntry> event_types(const Principal& principal);

// The management use cases: a publisher's global admin (Partner Center) or a tenant's (Admin Center), each
// scoped to the caller's account (another account's endpoint is 404).
Result<Webhook> create_webhook(Services& services, const Principal& principal, const NewWebhook& input);
Result<std::vector<Webhook>> list_webhooks(Services& services, const Principal& principal);
Result<Webhook> get_webhook(Services& services, const Principal& principal, const std::string& webhook_id);
Result<Webhook> update_webhook(Services& services, const Principal& principal, const std::string& webhook_id,
                               const WebhookChange& change);
Status delete_webhook(Services& services, const Principal& principal, const std::string& webhook_id);
// A new secret; the previous one keeps signing (a second v1) for webhooks.secret_grace_seconds.
Result<Webhook> rotate_webhook_secret(Services& services, const Principal& principal, const std::string& webhook_id);
// A webhook.ping event, delivered to this endpoint only, whatever its patterns (while the endpoint is disabled the
// delivery waits, like any other, until it is enabled).
Result<WebhookDelivery> send_test_event(Services& services, const Principal& principal, const std::string& webhook_id);
Result<Page<WebhookDelivery>> list_webhook_deliveries(Services& services, const Principal& principal,
                                                      const std::string& webhook_id, const std::string& status,
                                                      const PageQuery& page);
// One delivery pending again from scratch (409 `in_flight` while an attempt holds it).
Result<WebhookDelivery> redeliver_webhook(Services& services, const Principal& principal, const std::string& webhook_id,
                                          std::int64_t delivery_id);
struct Replay {
    std::int64_t queued = 0;
    std::optional<std::int64_t> next_after;  // when more events are left than one call queues: call again from it
};
// Every event of the endpoint's account after the event id `after` that its patterns match, delivered again (at
// most kMaxReplayEvents events read a call).
Result<Replay> replay_webhook(Services& services, const Principal& principal, const std::string& webhook_id,
                              std::int64_t after);

// Secrets at rest: each endpoint's secret (and previous secret) is sealed with the master key
// (common/master_keys.hpp) bound to "webhook_endpoints/<id>", so a copy of the database alone signs no delivery.
struct WebhookSecretsOutcome {
    std::size_t sealed = 0;     // endpoints whose secrets were sealed anew
    std::size_t unchanged = 0;  // endpoints left as they were
};
// Seals the secrets stored raw (by a version before) with the current master key, and checks that every sealed
// one opens with a configured key, in one transaction; the first that does not is an error naming the endpoint
// and the master key. Each node's start and `seatkeeper migrate` run it.
Result<WebhookSecretsOutcome> upgrade_webhook_secrets(store::Store& store, const crypto::MasterKeys& master_keys);
// upgrade_webhook_secrets, and every secret sealed with a previous master key is sealed with the current one
// (`seatkeeper keys rewrap`). Idempotent.
Result<WebhookSecretsOutcome> rewrap_webhook_secrets(store::Store& store, const crypto::MasterKeys& master_keys);
// The ids of the master keys the stored secrets are sealed with.
Result<std::vector<std::string>> webhook_master_key_ids_in_use(store::Store& store);

// The worker's side (jobs/worker.hpp).
// Whether events wait for the dispatcher (a read).
Result<bool> webhook_dispatch_due(Services& services);
// Turns the events after the cursor (up to 500) into deliveries, and deletes up to 1000 finished deliveries older
// than webhooks.retention_days; how many events it read.
Result<int> dispatch_webhook_events(Services& services);
// The next due delivery, leased for one attempt, with its event; nullopt when none is due.
Result<std::optional<data::WebhookAttemptRow>> lease_webhook_delivery(Services& services);
Result<std::optional<Millis>> next_webhook_delivery_due(Services& services);
// Makes the attempt and records its outcome (and disables an endpoint that keeps failing).
Status attempt_webhook_delivery(Services& services, const data::WebhookAttemptRow& attempt);

}  // namespace seatkeeper::service
