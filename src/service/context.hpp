// What every use case gets: the store, the settings, and who is asking.
//
// Use cases are free functions `f(Services&, const Principal&, input) -> Result<T>`, one per user action
// (STYLE.md: names say the domain). Each runs in ONE transaction and appends its events in it.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/master_keys.hpp"
#include "data/accounts.hpp"
#include "domain/customer.hpp"
#include "domain/roles.hpp"
#include "mail/smtp.hpp"
#include "package/package_fetch.hpp"
#include "package/package_reader.hpp"
#include "store/store.hpp"

namespace seatkeeper::service {

// How a failed job runs again: after `first_delay_ms`, doubling each time up to `max_delay_ms`, until it has
// run `max_attempts` times; then it is marked failed.
struct RetryPolicy {
    int max_attempts = 8;
    Millis first_delay_ms = 1000;
    Millis max_delay_ms = 60'000;

    // The wait before the next run, after `attempts` runs (1 or more) have failed.
    [[nodiscard]] Millis delay_after(std::int64_t attempts) const {
        Millis delay = first_delay_ms;
        for (std::int64_t i = 1; i < attempts && delay < max_delay_ms; ++i) delay *= 2;
        return std::min(delay, max_delay_ms);
    }
};

// Webhook deliveries (issue 15; the `webhooks.*` settings, docs/operations.md "Webhooks").
struct WebhookSettings {
    Millis retry_delay_ms = 30'000;               // after the first failed attempt; doubling …
    Millis max_retry_delay_ms = 6LL * 3'600'000;  // … up to this; about 13 hours of retries in all by default
    int max_attempts = 12;                        // then the delivery is dead
    Millis timeout_ms = 10'000;                   // one attempt, connection included
    bool allow_private_addresses = false;         // also allows http:// URLs (tests, a receiver on the same host)
    Millis secret_grace_ms = 24LL * 3'600'000;    // a rotated-out secret keeps signing this long
    int disable_after_failures = 100;             // failed attempts in a row (no success between): disabled
    Millis lease_ms = 60'000;                     // an attempt's lease: longer than timeout_ms
    Millis retention_ms = 30LL * 86'400'000;      // finished deliveries are deleted this long after (0: kept)
};

struct Settings {
    std::string public_url = "http://localhost:8080";  // base of invitation, preview and marketplace links
    Millis go_live_delay_ms = 5000;                    // the seed's "4–6 hours", shortened for demos
    int license_notice_days = 14;  // licenses ending: the admins are mailed this many days before (0: no notice)
    Millis session_ttl_ms = 12LL * 3600 * 1000;
    Millis invitation_ttl_ms = 14LL * 24 * 3600 * 1000;  // consent links expire after 14 days by default
    Millis signup_code_interval_ms = 60'000;             // the least time between two sign-up codes of one invitation
    bool secure_cookies = false;                         // set when served over TLS
    std::size_t max_package_bytes = 32ULL << 20;         // upload and download limit of a package zip
    package::ZipLimits zip_limits;
    package::FetchLimits fetch_limits;
    std::string dns_resolver;  // "HOST:PORT" for domain verification lookups; empty: the system's resolvers
    mail::SmtpSettings smtp;   // smtp.url empty: mails are kept in the outbox, not sent
    // An SMTP server that is down for a while is waited out: 30 s, 1 min, 2 min … 32 min, about an hour in all.
    RetryPolicy mail_retry{8, 30'000, 3'600'000};
    WebhookSettings webhooks;
};

// The authenticated caller: publisher staff or a publisher API key (kind kPublisher, with publisher_id and
// role), or a customer tenant's staff or tenant API key (kind kTenant, with tenant_id and tenant_role).
// `actor` is what the audit log records ("user:<id>", "key:<id>", "system", "public").
enum class AccountKind { kPublisher, kTenant };

struct Principal {
    std::string actor;
    std::string publisher_id;
    domain::PublisherRole role = domain::PublisherRole::kViewer;
    std::string user_id;  // empty for API keys
    std::string email;
    std::string name;
    AccountKind kind = AccountKind::kPublisher;
    std::string tenant_id{};
    domain::TenantRole tenant_role = domain::TenantRole::kUser;

    [[nodiscard]] bool is_tenant() const { return kind == AccountKind::kTenant; }
    // The caller's own account, which scopes what the repositories read for it.
    [[nodiscard]] data::AccountScope account() const {
        return is_tenant() ? data::AccountScope{data::AccountScope::Kind::kTenant, tenant_id}
                           : data::AccountScope{data::AccountScope::Kind::kPublisher, publisher_id};
    }
};

class Services {
public:
    // `master_keys` (which must outlive the Services) seals and opens the secrets use cases keep in the database
    // (webhook secrets); without them those use cases answer an Internal error. The server always has them; the
    // command line only for the commands that need them.
    Services(store::Store& store, Settings settings, const crypto::MasterKeys* master_keys = nullptr)
        : store_(store), settings_(std::move(settings)), master_keys_(master_keys) {}
    [[nodiscard]] store::Store& store() const { return store_; }
    [[nodiscard]] const Settings& settings() const { return settings_; }
    [[nodiscard]] Result<const crypto::MasterKeys*> master_keys() const {
        if (master_keys_ == nullptr) return Status::Internal("no master key is configured for this process");
        return master_keys_;
    }

private:
    store::Store& store_;
    Settings settings_;
    const crypto::MasterKeys* master_keys_;
};

// Forbidden unless the principal is publisher staff whose role allows the permission.
Status require(const Principal& principal, domain::Permission permission);
// Forbidden unless the principal is a tenant's staff whose role allows the permission.
Status require_tenant(const Principal& principal, domain::TenantPermission permission);

}  // namespace seatkeeper::service
