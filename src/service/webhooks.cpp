#include "service/webhooks.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "data/events.hpp"
#include "domain/events.hpp"
#include "domain/limits.hpp"
#include "domain/webhooks.hpp"
#include "net/outbound.hpp"
#include "service/events.hpp"
#include "service/mail.hpp"

namespace seatkeeper::service {

namespace {

namespace bj = boost::json;

constexpr std::int64_t kDispatchBatch = 500;
constexpr std::int64_t kPruneBatch = 1'000;  // finished deliveries deleted by one dispatch, at most
constexpr std::int64_t kMaxReplayEvents = 10'000;
constexpr std::int64_t kReplayPage = 1'000;
constexpr std::string_view kSecretPrefix = "whsec_";
constexpr std::string_view kDeliveryPrefix = "whd_";

std::string new_secret() { return std::string(kSecretPrefix) + crypto::random_token(32); }

// Secrets are stored sealed with the master key, bound to their endpoint (its secret and previous secret share
// the context, so a rotation moves the sealed secret as it is), as the base64 of the envelope. A stored secret
// that starts with the prefix (base64 has no '_') was written raw by a version before.
std::string secret_context(const std::string& webhook_id) { return "webhook_endpoints/" + webhook_id; }

bool is_raw_secret(std::string_view stored) { return stored.starts_with(kSecretPrefix); }

std::string seal_secret(const crypto::MasterKeys& keys, const std::string& webhook_id, std::string_view secret) {
    return crypto::base64(keys.seal(secret, secret_context(webhook_id)));
}

Result<std::string> open_secret(const crypto::MasterKeys& keys, const std::string& webhook_id,
                                const std::string& stored) {
    if (is_raw_secret(stored)) return stored;
    const auto envelope = crypto::from_base64(stored);
    if (!envelope) return Status::Internal("the secret of webhook " + webhook_id + " is neither sealed nor raw");
    auto opened = keys.open(*envelope, secret_context(webhook_id));
    if (opened.ok()) return opened;
    const Status& failed = opened.status();
    if (failed.code() == StatusCode::kInternal) {
        return Status::Internal("the secret of webhook " + webhook_id + " does not open with master key " +
                                crypto::MasterKeys::key_id_of(*envelope) + " (altered, or moved from another row)");
    }
    return Status::Invalid(failed.field(), failed.rule(),
                           "the secret of webhook " + webhook_id + " is " + failed.message());
}

// One stored secret sealed anew with the current key when it is raw, or (`rewrap`) sealed with another key;
// checks that it opens either way. Whether it changed.
Result<bool> reseal(const crypto::MasterKeys& keys, const std::string& webhook_id, std::string& stored, bool rewrap) {
    SK_ASSIGN_OR_RETURN(std::string secret, open_secret(keys, webhook_id, stored));
    const bool stale = is_raw_secret(stored) ||
                       (rewrap && crypto::MasterKeys::key_id_of(*crypto::from_base64(stored)) != keys.current().id());
    if (stale) stored = seal_secret(keys, webhook_id, secret);
    sodium_memzero(secret.data(), secret.size());
    return stale;
}

// Every endpoint's secrets through reseal(); `write` stores those that changed (else it only counts them).
Result<WebhookSecretsOutcome> reseal_all(store::Store& store, const crypto::MasterKeys& keys, bool rewrap, bool write) {
    return store::in_transaction(
        store, write ? store::TxMode::kWrite : store::TxMode::kRead,
        [&](store::Transaction& tx) -> Result<WebhookSecretsOutcome> {
            WebhookSecretsOutcome outcome;
            for (auto row : data::webhooks::stored_secrets(tx)) {
                SK_ASSIGN_OR_RETURN(const bool changed, reseal(keys, row.webhook_id, row.secret, rewrap));
                bool previous_changed = false;
                if (row.previous_secret) {
                    SK_ASSIGN_OR_RETURN(previous_changed, reseal(keys, row.webhook_id, *row.previous_secret, rewrap));
                }
                if (changed || previous_changed) {
                    if (write) data::webhooks::replace_secrets(tx, row);
                    ++outcome.sealed;
                } else {
                    ++outcome.unchanged;
                }
            }
            return outcome;
        });
}

// Each start runs this: most find nothing to seal, so they check in a read and take the writers' turn (and, on
// PostgreSQL, wake every node) only when a secret must be written.
Result<WebhookSecretsOutcome> reseal_where_needed(store::Store& store, const crypto::MasterKeys& keys, bool rewrap) {
    SK_ASSIGN_OR_RETURN(auto looked, reseal_all(store, keys, rewrap, false));
    if (looked.sealed == 0) return looked;
    return reseal_all(store, keys, rewrap, true);
}

Result<data::AccountScope> webhook_account(const Principal& principal) {
    const bool allowed = principal.is_tenant()
                             ? domain::allows(principal.tenant_role, domain::TenantPermission::kManageAccess)
                             : domain::allows(principal.role, domain::Permission::kManageAccess);
    if (!allowed) return Status::Forbidden("Only a global admin may manage webhooks");
    return principal.account();
}

std::vector<std::string> parse_patterns(const std::string& json_text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const bj::value v = bj::parse(json_text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& e : v.as_array()) {
        if (e.is_string()) out.emplace_back(e.as_string());
    }
    return out;
}

std::string patterns_json(const std::vector<std::string>& patterns) {
    bj::array a;
    for (const auto& p : patterns) a.emplace_back(p);
    return json::to_string(bj::value(std::move(a)));
}

Webhook webhook_of(const data::WebhookRow& row, Millis now) {
    Webhook w;
    w.id = row.id;
    w.publisher_id = row.publisher_id;
    w.tenant_id = row.tenant_id;
    w.url = row.url;
    w.description = row.description;
    w.events = parse_patterns(row.events);
    w.enabled = row.enabled;
    w.disabled_reason = row.disabled_reason;
    w.consecutive_failures = row.consecutive_failures;
    if (row.previous_secret && row.previous_secret_expires_at && *row.previous_secret_expires_at > now) {
        w.previous_secret_expires_at = row.previous_secret_expires_at;
    }
    w.created_at = row.created_at;
    w.updated_at = row.updated_at;
    return w;
}

domain::WebhookSnapshot snapshot_of(const data::WebhookRow& row) {
    domain::WebhookSnapshot s;
    s.id = row.id;
    s.url = row.url;
    s.description = row.description;
    s.events = parse_patterns(row.events);
    s.enabled = row.enabled;
    s.disabled_reason = row.disabled_reason;
    s.publisher_id = row.publisher_id;
    s.tenant_id = row.tenant_id;
    return s;
}

// Appends a webhook event to the endpoint's own account's feed.
template <domain::EventType T>
void append_webhook_event(store::Transaction& tx, const std::string& actor, const data::WebhookRow& row,
                          std::optional<domain::WebhookSnapshot> before, std::optional<domain::WebhookSnapshot> after) {
    append_event(
        tx, actor, row.publisher_id,
        domain::make_event<T>(domain::webhook_subject(row.id), std::move(before), std::move(after), row.tenant_id));
}

// The host of an http(s) URL ("" when there is none), without brackets, user info or port.
std::string host_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        return close == std::string_view::npos ? std::string() : std::string(rest.substr(1, close - 1));
    }
    return std::string(rest.substr(0, rest.find(':')));
}

// An endpoint's URL: absolute https (http too when private addresses are allowed, for receivers on the same
// host), no credentials, a host that is not a private address literal. Names are checked when a delivery
// connects (net/outbound.hpp), since what they resolve to may change.
Status validate_url(const std::string& url, const WebhookSettings& settings) {
    const auto refuse = [](std::string rule, std::string message) {
        return Status::Invalid("url", std::move(rule), std::move(message));
    };
    if (url.empty()) return refuse("required", "Give the URL that receives the events");
    if (url.size() > domain::kMaxWebhookUrlLength) {
        return refuse("max_length",
                      "url is longer than " + std::to_string(domain::kMaxWebhookUrlLength) + " characters");
    }
    if (std::ranges::any_of(url, [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; })) {
        return refuse("url", "url must not contain spaces or control characters");
    }
    const bool https = url.starts_with("https://");
    const bool http = url.starts_with("http://");
    if (!https && !(http && settings.allow_private_addresses)) {
        return refuse("https_required", "url must start with https:// (events are signed, not encrypted)");
    }
    const std::string host = host_of(url);
    if (host.empty()) return refuse("url", "url has no host; it should look like https://example.com/webhooks");
    const std::string_view authority = std::string_view(url).substr(url.find("://") + 3);
    if (authority.substr(0, authority.find_first_of("/?#")).find('@') != std::string_view::npos) {
        return refuse("url", "url must not carry a user name or password; the signature authenticates deliveries");
    }
    if (!settings.allow_private_addresses) {
        std::string lower = host;
        std::ranges::transform(lower, lower.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const bool looks_numeric =
            lower.find_first_not_of("0123456789.") == std::string::npos || lower.find(':') != std::string::npos;
        if (lower == "localhost" || lower.ends_with(".localhost") ||
            (looks_numeric && net::is_private_address(lower))) {
            return refuse("address_not_allowed",
                          "url points to a private or local network address; Seatkeeper delivers only to addresses "
                          "on the public internet");
        }
    }
    return Status::Ok();
}

Status validate_description(const std::string& description) {
    if (description.size() > domain::kMaxWebhookDescriptionLength) {
        return Status::Invalid(
            "description", "max_length",
            "description is longer than " + std::to_string(domain::kMaxWebhookDescriptionLength) + " characters");
    }
    return Status::Ok();
}

Result<data::WebhookRow> load(store::Transaction& tx, const data::AccountScope& account, const std::string& id) {
    auto row = data::webhooks::find_webhook(tx, account, id);
    if (!row) return Status::NotFound("No webhook " + id);
    return *std::move(row);
}

// Whether the endpoint takes `event`: its own account's, newer than the endpoint, of a type it asked for. A
// webhook.ping goes to the endpoint it names only.
bool wants(const data::WebhookRow& endpoint, const std::vector<std::string>& patterns, const data::EventRow& event) {
    if (event.id <= endpoint.after_event_id) return false;
    const bool ours = endpoint.tenant_id.empty() ? event.publisher_id == endpoint.publisher_id
                                                 : event.tenant_id == endpoint.tenant_id;
    if (!ours) return false;
    if (event.type == domain::to_string(domain::EventType::kWebhookPing)) {
        return event.subject == domain::webhook_subject(endpoint.id);
    }
    return domain::any_pattern_matches(patterns, event.type);
}

// The body of a delivery: the event as API.md gives it ({id, type, created_at, publisher_id?, tenant_id?,
// subject, data}; data is the stored payload {before, after}).
std::string delivery_body(const data::EventRow& e) {
    bj::object out{{"id", std::to_string(e.id)}, {"type", e.type}, {"created_at", format_rfc3339(e.created_at)}};
    if (!e.publisher_id.empty()) out["publisher_id"] = e.publisher_id;
    if (!e.tenant_id.empty()) out["tenant_id"] = e.tenant_id;
    out["subject"] = e.subject;
    boost::system::error_code ec;
    bj::value data = bj::parse(e.payload, ec);
    out["data"] = ec ? bj::value(nullptr) : std::move(data);
    return json::to_string(bj::value(std::move(out)));
}

double random_unit() { return static_cast<double>(randombytes_uniform(1'000'000)) / 1'000'000.0; }

Result<std::int64_t> parse_delivery_cursor(const std::string& cursor) {
    if (cursor.empty()) return std::int64_t{0};
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), id);
    if (ec != std::errc() || ptr != cursor.data() + cursor.size() || id <= 0) {
        return Status::Invalid("cursor", "cursor", "cursor must be a next_cursor this list returned");
    }
    return id;
}

// Disables an endpoint that keeps failing, with its event and a mail to the account's global admins.
Status disable_failing(Services& services, const std::string& endpoint_id, std::int64_t failures) {
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        auto row = data::webhooks::find_webhook_by_id(tx, endpoint_id);
        if (!row || !row->enabled) return Status::Ok();
        const std::string reason = "Disabled after " + std::to_string(failures) +
                                   " failed delivery attempts in a row; fix the endpoint, then enable it again";
        const Millis now = now_millis();
        const auto before = snapshot_of(*row);
        data::webhooks::disable_webhook(tx, endpoint_id, reason, now);
        row->enabled = false;
        row->disabled_reason = reason;
        append_webhook_event<domain::EventType::kWebhookDisabled>(tx, "system", *row, before, snapshot_of(*row));
        const data::AccountScope account =
            row->tenant_id.empty() ? data::AccountScope{data::AccountScope::Kind::kPublisher, row->publisher_id}
                                   : data::AccountScope{data::AccountScope::Kind::kTenant, row->tenant_id};
        const std::string where = row->tenant_id.empty() ? "Partner Center" : "the Admin Center";
        for (const auto& to : data::webhooks::admin_emails(tx, account)) {
            OutgoingMail mail;
            mail.to = to;
            mail.subject = "Webhook endpoint disabled: " + row->url;
            mail.body = "Seatkeeper stopped sending events to your webhook endpoint\n\n  ";
            mail.body += row->url;
            mail.body += "\n\n" + reason;
            mail.body += ".\n\nIts deliveries are listed under Webhooks in " + where;
            mail.body += ", where you can enable the endpoint again and redeliver what it missed.\n";
            if (!row->publisher_id.empty()) mail.publisher_id = row->publisher_id;
            if (!row->tenant_id.empty()) mail.tenant_id = row->tenant_id;
            SK_RETURN_IF_ERROR(enqueue_mail(tx, mail).status());
        }
        log::warn("webhook endpoint disabled", {{"webhook_id", endpoint_id}, {"failures", failures}});
        return Status::Ok();
    });
}

}  // namespace

std::string delivery_id_text(std::int64_t id) { return std::string(kDeliveryPrefix) + std::to_string(id); }

std::optional<std::int64_t> parse_delivery_id(std::string_view text) {
    if (!text.starts_with(kDeliveryPrefix)) return std::nullopt;
    text.remove_prefix(kDeliveryPrefix.size());
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

std::vector<EventTypeEntry> event_types(const Principal& principal) {
    std::vector<EventTypeEntry> out;
    for (const auto& t : domain::kEventTypes) {
        if (!(principal.is_tenant() ? domain::tenants_see(t.type) : domain::publishers_see(t.type))) continue;
        out.push_back({std::string(t.name), std::string(domain::to_string(t.family)),
                       std::string(domain::payload_schema_name(t.payload))});
    }
    return out;
}

Result<Webhook> create_webhook(Services& services, const Principal& principal, const NewWebhook& input) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    const WebhookSettings& settings = services.settings().webhooks;
    SK_RETURN_IF_ERROR(validate_url(input.url, settings));
    SK_RETURN_IF_ERROR(domain::validate_event_patterns(input.events));
    SK_RETURN_IF_ERROR(validate_description(input.description));
    SK_ASSIGN_OR_RETURN(const crypto::MasterKeys* keys, services.master_keys());
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<Webhook> {
            if (data::webhooks::count_webhooks(tx, account) >=
                static_cast<std::int64_t>(domain::kMaxWebhooksPerAccount)) {
                return Status::Conflict("too_many_webhooks", "An account has at most " +
                                                                 std::to_string(domain::kMaxWebhooksPerAccount) +
                                                                 " webhook endpoints; delete one first");
            }
            const Millis now = now_millis();
            data::WebhookRow row;
            row.id = "wh_" + crypto::random_token(12);
            if (principal.is_tenant()) {
                row.tenant_id = principal.tenant_id;
            } else {
                row.publisher_id = principal.publisher_id;
            }
            row.url = input.url;
            row.description = input.description;
            row.events = patterns_json(input.events);
            const std::string secret = new_secret();
            row.secret = seal_secret(*keys, row.id, secret);
            row.after_event_id = data::events::newest_event_id(tx);
            row.created_at = now;
            row.updated_at = now;
            data::webhooks::insert_webhook(tx, row);
            append_webhook_event<domain::EventType::kWebhookCreated>(tx, principal.actor, row, std::nullopt,
                                                                     snapshot_of(row));
            Webhook out = webhook_of(row, now);
            out.secret = secret;
            return out;
        });
}

Result<std::vector<Webhook>> list_webhooks(Services& services, const Principal& principal) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<Webhook>> {
                                     std::vector<Webhook> out;
                                     const Millis now = now_millis();
                                     for (const auto& row : data::webhooks::list_webhooks(tx, account)) {
                                         out.push_back(webhook_of(row, now));
                                     }
                                     return out;
                                 });
}

Result<Webhook> get_webhook(Services& services, const Principal& principal, const std::string& webhook_id) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<Webhook> {
                                     SK_ASSIGN_OR_RETURN(const auto row, load(tx, account, webhook_id));
                                     return webhook_of(row, now_millis());
                                 });
}

Result<Webhook> update_webhook(Services& services, const Principal& principal, const std::string& webhook_id,
                               const WebhookChange& change) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    if (change.url) SK_RETURN_IF_ERROR(validate_url(*change.url, services.settings().webhooks));
    if (change.events) SK_RETURN_IF_ERROR(domain::validate_event_patterns(*change.events));
    if (change.description) SK_RETURN_IF_ERROR(validate_description(*change.description));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<Webhook> {
            SK_ASSIGN_OR_RETURN(auto row, load(tx, account, webhook_id));
            const auto before = snapshot_of(row);
            if (change.url) row.url = *change.url;
            if (change.events) row.events = patterns_json(*change.events);
            if (change.description) row.description = *change.description;
            if (change.enabled) {
                row.enabled = *change.enabled;
                row.disabled_reason =
                    *change.enabled ? std::nullopt : std::optional<std::string>("Disabled by an admin");
            }
            const Millis now = now_millis();
            data::webhooks::update_webhook(tx, row, now);
            if (change.enabled && *change.enabled && !before.enabled) row.consecutive_failures = 0;
            row.updated_at = now;
            append_webhook_event<domain::EventType::kWebhookUpdated>(tx, principal.actor, row, before,
                                                                     snapshot_of(row));
            return webhook_of(row, now);
        });
}

Status delete_webhook(Services& services, const Principal& principal, const std::string& webhook_id) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(const auto row, load(tx, account, webhook_id));
        data::webhooks::delete_webhook(tx, webhook_id);
        append_webhook_event<domain::EventType::kWebhookDeleted>(tx, principal.actor, row, snapshot_of(row),
                                                                 std::nullopt);
        return Status::Ok();
    });
}

Result<Webhook> rotate_webhook_secret(Services& services, const Principal& principal, const std::string& webhook_id) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    SK_ASSIGN_OR_RETURN(const crypto::MasterKeys* keys, services.master_keys());
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<Webhook> {
            SK_ASSIGN_OR_RETURN(auto row, load(tx, account, webhook_id));
            const Millis now = now_millis();
            const std::string secret = new_secret();
            row.previous_secret = row.secret;  // sealed as it is: both share the endpoint's context
            row.previous_secret_expires_at = now + services.settings().webhooks.secret_grace_ms;
            row.secret = seal_secret(*keys, row.id, secret);
            row.updated_at = now;
            data::webhooks::set_secrets(tx, row.id, row.secret, row.previous_secret, row.previous_secret_expires_at,
                                        now);
            append_webhook_event<domain::EventType::kWebhookSecretRotated>(tx, principal.actor, row, snapshot_of(row),
                                                                           snapshot_of(row));
            Webhook out = webhook_of(row, now);
            out.secret = secret;
            return out;
        });
}

Result<WebhookDelivery> send_test_event(Services& services, const Principal& principal, const std::string& webhook_id) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<WebhookDelivery> {
            SK_ASSIGN_OR_RETURN(const auto row, load(tx, account, webhook_id));
            append_webhook_event<domain::EventType::kWebhookPing>(tx, principal.actor, row, std::nullopt,
                                                                  snapshot_of(row));
            // The dispatcher would add the delivery too (it is this endpoint's ping); adding it here lets the
            // answer name it. Its insert is a no-op for the dispatcher later.
            const std::int64_t event_id = data::events::newest_event_id(tx);
            const auto events = data::webhooks::read_events(tx, event_id - 1, 1);
            if (events.empty()) return Status::Internal("the ping event is not readable in its own transaction");
            data::webhooks::insert_delivery(tx, row.id, events.front(), now_millis());
            auto delivery = data::webhooks::list_deliveries(tx, row.id, "", std::nullopt, 1);
            if (delivery.empty()) return Status::Internal("the ping's delivery is not readable");
            return delivery.front();
        });
}

Result<Page<WebhookDelivery>> list_webhook_deliveries(Services& services, const Principal& principal,
                                                      const std::string& webhook_id, const std::string& status,
                                                      const PageQuery& page) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    if (!status.empty() && status != "pending" && status != "failed" && status != "succeeded" && status != "dead") {
        return Status::Invalid("status", "one_of", "status must be pending, failed, succeeded or dead");
    }
    SK_ASSIGN_OR_RETURN(const std::int64_t before, parse_delivery_cursor(page.cursor));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Page<WebhookDelivery>> {
            SK_RETURN_IF_ERROR(load(tx, account, webhook_id).status());
            Page<WebhookDelivery> out;
            out.items = data::webhooks::list_deliveries(tx, webhook_id, status,
                                                        before > 0 ? std::optional(before) : std::nullopt,
                                                        static_cast<std::int64_t>(page.limit + 1));
            if (out.items.size() > page.limit) {
                out.items.pop_back();
                out.next_cursor = std::to_string(out.items.back().id);
            }
            return out;
        });
}

Result<WebhookDelivery> redeliver_webhook(Services& services, const Principal& principal, const std::string& webhook_id,
                                          std::int64_t delivery_id) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<WebhookDelivery> {
            SK_RETURN_IF_ERROR(load(tx, account, webhook_id).status());
            if (!data::webhooks::find_delivery(tx, webhook_id, delivery_id)) {
                return Status::NotFound("No delivery " + std::to_string(delivery_id) + " of webhook " + webhook_id);
            }
            if (!data::webhooks::redeliver(tx, webhook_id, delivery_id, now_millis())) {
                return Status::Conflict("in_flight", "The delivery is being attempted right now; try again shortly");
            }
            return *data::webhooks::find_delivery(tx, webhook_id, delivery_id);
        });
}

Result<Replay> replay_webhook(Services& services, const Principal& principal, const std::string& webhook_id,
                              std::int64_t after) {
    SK_ASSIGN_OR_RETURN(const auto account, webhook_account(principal));
    if (after < 0) return Status::Invalid("after", "range", "after must be an event id (0 or more)");
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<Replay> {
            SK_ASSIGN_OR_RETURN(const auto row, load(tx, account, webhook_id));
            const auto patterns = parse_patterns(row.events);
            Replay out;
            std::int64_t cursor = after;
            std::int64_t read = 0;
            const Millis now = now_millis();
            while (read < kMaxReplayEvents) {
                const data::FeedQuery query{cursor, "", kReplayPage, std::nullopt};
                const auto events = data::events::feed(tx, account, query);
                for (const auto& event : events) {
                    cursor = event.id;
                    // A replay may reach back before the endpoint existed: the feed's events, by its patterns.
                    const bool ping = event.type == domain::to_string(domain::EventType::kWebhookPing);
                    if (ping ? event.subject == domain::webhook_subject(row.id)
                             : domain::any_pattern_matches(patterns, event.type)) {
                        data::webhooks::requeue_delivery(tx, row.id, event, now);
                        ++out.queued;
                    }
                }
                read += static_cast<std::int64_t>(events.size());
                if (static_cast<std::int64_t>(events.size()) < kReplayPage) return out;
            }
            out.next_after = cursor;
            return out;
        });
}

Result<bool> webhook_dispatch_due(Services& services) {
    return store::in_transaction(services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<bool> {
        const auto cursor = data::webhooks::dispatch_cursor(tx);
        return cursor && data::webhooks::events_after(tx, *cursor);
    });
}

Result<int> dispatch_webhook_events(Services& services) {
    return store::in_transaction(services.store(), store::TxMode::kRowLocked,
                                 [&](store::Transaction& tx) -> Result<int> {
                                     const std::int64_t cursor = data::webhooks::lock_dispatch_cursor(tx);
                                     const auto events = data::webhooks::read_events(tx, cursor, kDispatchBatch);
                                     if (events.empty()) return 0;
                                     const auto endpoints = data::webhooks::enabled_webhooks(tx);
                                     std::vector<std::vector<std::string>> patterns;
                                     patterns.reserve(endpoints.size());
                                     for (const auto& e : endpoints) patterns.push_back(parse_patterns(e.events));
                                     const Millis now = now_millis();
                                     for (const auto& event : events) {
                                         for (std::size_t i = 0; i < endpoints.size(); ++i) {
                                             if (wants(endpoints[i], patterns[i], event))
                                                 data::webhooks::insert_delivery(tx, endpoints[i].id, event, now);
                                         }
                                     }
                                     data::webhooks::set_dispatch_cursor(tx, events.back().id);
                                     // Retention: the oldest finished deliveries go as new ones come.
                                     const Millis retention = services.settings().webhooks.retention_ms;
                                     if (retention > 0) {
                                         data::webhooks::delete_finished_deliveries(tx, now - retention, kPruneBatch);
                                     }
                                     return static_cast<int>(events.size());
                                 });
}

Result<std::optional<data::WebhookAttemptRow>> lease_webhook_delivery(Services& services) {
    const Millis lease = services.settings().webhooks.lease_ms;
    return store::in_transaction(services.store(), store::TxMode::kRowLocked,
                                 [&](store::Transaction& tx) -> Result<std::optional<data::WebhookAttemptRow>> {
                                     const Millis now = now_millis();
                                     return data::webhooks::lease_next_delivery(tx, now, now + lease);
                                 });
}

Result<std::optional<Millis>> next_webhook_delivery_due(Services& services) {
    return store::in_transaction(
        services.store(), store::TxMode::kRead,
        [&](store::Transaction& tx) -> Result<std::optional<Millis>> { return data::webhooks::next_delivery_due(tx); });
}

// The secrets an attempt signs with, opened: the current one, and the previous one during its grace.
Result<std::vector<std::string>> signing_secrets(const Services& services, const data::WebhookAttemptRow& attempt,
                                                 Millis sent_at) {
    SK_ASSIGN_OR_RETURN(const crypto::MasterKeys* keys, services.master_keys());
    std::vector<std::string> secrets;
    SK_ASSIGN_OR_RETURN(auto current, open_secret(*keys, attempt.endpoint_id, attempt.secret));
    secrets.push_back(std::move(current));
    if (attempt.previous_secret && attempt.previous_secret_expires_at &&
        *attempt.previous_secret_expires_at > sent_at) {
        SK_ASSIGN_OR_RETURN(auto previous, open_secret(*keys, attempt.endpoint_id, *attempt.previous_secret));
        secrets.push_back(std::move(previous));
    }
    return secrets;
}

Status attempt_webhook_delivery(Services& services, const data::WebhookAttemptRow& attempt) {
    const WebhookSettings& settings = services.settings().webhooks;
    const std::string body = delivery_body(attempt.event);
    const Millis sent_at = now_millis();
    // A secret that does not open (a master key taken away too soon) fails the attempt with the reason, for the
    // operator to mend; nothing is sent unsigned.
    const auto answer = [&]() -> Result<net::PostAnswer> {
        SK_ASSIGN_OR_RETURN(auto secrets, signing_secrets(services, attempt, sent_at));
        const std::vector<std::pair<std::string, std::string>> headers{
            {"Content-Type", "application/json"},
            {"Seatkeeper-Event-Id", std::to_string(attempt.event.id)},
            {"Seatkeeper-Event-Type", attempt.event.type},
            {"Seatkeeper-Delivery-Id", delivery_id_text(attempt.delivery_id)},
            {"Seatkeeper-Delivery-Attempt", std::to_string(attempt.attempt)},
            {"Seatkeeper-Signature", domain::webhook_signature(sent_at / 1000, body, secrets)},
        };
        for (std::string& secret : secrets) sodium_memzero(secret.data(), secret.size());
        net::PostLimits limits;
        limits.timeout = std::chrono::milliseconds(settings.timeout_ms);
        return net::post(attempt.url, headers, body, limits, net::public_addresses(settings.allow_private_addresses));
    }();

    const bool succeeded = answer.ok() && answer->status >= 200 && answer->status < 300;
    std::optional<std::int64_t> status_code;
    std::optional<std::string> error;
    if (answer.ok()) {
        status_code = answer->status;
        if (!succeeded)
            error = "HTTP " + std::to_string(answer->status) + (answer->body.empty() ? "" : ": " + answer->body);
    } else {
        error = answer.status().message();
    }
    std::string status = "succeeded";
    std::optional<Millis> next_attempt_at;
    const Millis now = now_millis();
    if (!succeeded) {
        if (attempt.attempt >= settings.max_attempts) {
            status = "dead";
        } else {
            status = "failed";
            next_attempt_at = now + domain::webhook_retry_delay(attempt.attempt, settings.retry_delay_ms,
                                                                settings.max_retry_delay_ms, random_unit());
        }
    }
    std::int64_t failures = 0;
    SK_RETURN_IF_ERROR(store::in_transaction(services.store(), store::TxMode::kRowLocked, [&](store::Transaction& tx) {
        if (data::webhooks::record_attempt(tx, attempt.delivery_id, attempt.attempt, status, status_code, error,
                                           next_attempt_at, now)) {
            failures = data::webhooks::record_endpoint_outcome(tx, attempt.endpoint_id, succeeded, now);
        }
        return Status::Ok();
    }));
    log::info("webhook attempt", {{"delivery_id", attempt.delivery_id},
                                  {"webhook_id", attempt.endpoint_id},
                                  {"event_id", attempt.event.id},
                                  {"attempt", attempt.attempt},
                                  {"status", status},
                                  {"status_code", status_code.value_or(0)}});
    if (!succeeded && settings.disable_after_failures > 0 && failures >= settings.disable_after_failures) {
        return disable_failing(services, attempt.endpoint_id, failures);
    }
    return Status::Ok();
}

Result<WebhookSecretsOutcome> upgrade_webhook_secrets(store::Store& store, const crypto::MasterKeys& master_keys) {
    return reseal_where_needed(store, master_keys, false);
}

Result<WebhookSecretsOutcome> rewrap_webhook_secrets(store::Store& store, const crypto::MasterKeys& master_keys) {
    return reseal_where_needed(store, master_keys, true);
}

Result<std::vector<std::string>> webhook_master_key_ids_in_use(store::Store& store) {
    return store::in_transaction(
        store, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<std::string>> {
            std::set<std::string> ids;
            for (const auto& row : data::webhooks::stored_secrets(tx)) {
                for (const auto* stored : {&row.secret, row.previous_secret ? &*row.previous_secret : nullptr}) {
                    if (stored == nullptr || is_raw_secret(*stored)) continue;
                    if (const auto envelope = crypto::from_base64(*stored)) {
                        ids.insert(crypto::MasterKeys::key_id_of(*envelope));
                    }
                }
            }
            ids.erase("");
            return std::vector<std::string>(ids.begin(), ids.end());
        });
}

}  // namespace seatkeeper::service
