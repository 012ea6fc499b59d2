#include "service/events.hpp"

#include "common/json.hpp"
#include "data/events.hpp"
#include "domain/roles.hpp"

namespace seatkeeper::service {

Status require(const Principal& principal, domain::Permission permission) {
    if (principal.is_tenant())
        return Status::Forbidden("This is for publisher accounts; you are signed in to a customer tenant");
    if (domain::allows(principal.role, permission)) return Status::Ok();
    switch (permission) {
        case domain::Permission::kManageLicensing:
            return Status::Forbidden("Only a global admin or an account admin may manage licensing");
        case domain::Permission::kWriteOffers:
            return Status::Forbidden("Your role (" + std::string(domain::to_string(principal.role)) +
                                     ") may read offers but not change them");
        case domain::Permission::kManageAccess:
            return Status::Forbidden("Only a global admin may manage users and API keys");
        case domain::Permission::kReadMail:
            return Status::Forbidden("Only a global admin may read the mail outbox");
        case domain::Permission::kRuntime:
            return Status::Forbidden("Runtime checks need an API key with the app role");
        case domain::Permission::kReadOffers:
            return Status::Forbidden("An app key may only call the runtime API");
    }
    return Status::Forbidden("forbidden");
}

Status require_tenant(const Principal& principal, domain::TenantPermission permission) {
    if (!principal.is_tenant()) return Status::Forbidden("This is for customer tenant accounts (the Admin Center)");
    if (domain::allows(principal.tenant_role, permission)) return Status::Ok();
    const std::string role(domain::to_string(principal.tenant_role));
    switch (permission) {
        case domain::TenantPermission::kConsent:
            return Status::Forbidden(
                "Only a billing admin or a global admin of the tenant may accept or decline (your role: " + role + ")");
        case domain::TenantPermission::kInstall:
            return Status::Forbidden(
                "Only a billing admin or a global admin of the tenant may install apps (your role: " + role + ")");
        case domain::TenantPermission::kAssignSeats:
            return Status::Forbidden(
                "Only a license admin or a global admin of the tenant may assign licenses (your role: " + role + ")");
        case domain::TenantPermission::kManageAccess:
            return Status::Forbidden("Only a global admin of the tenant may manage its users and API keys");
        case domain::TenantPermission::kReadLicenses:
            return Status::Forbidden("Your role (" + role + ") may not see the tenant's licenses");
    }
    return Status::Forbidden("forbidden");
}

void append_event(store::Transaction& tx, const std::string& actor, const std::string& publisher_id,
                  const domain::Event& event) {
    data::events::insert_event(tx, {.created_at = now_millis(),
                                    .actor = actor,
                                    .publisher_id = publisher_id,
                                    .type = std::string(domain::to_string(event.type())),
                                    .subject = event.subject(),
                                    .payload = json::to_string(domain::payload_json(event)),
                                    .tenant_id = event.tenant_id()});
}

namespace {

// The type prefixes of the event families the principal's role may read (domain::readable_event_families);
// nullopt for a global admin, who may read everything. A type's text is "<family>.<what happened>"
// (domain::kEventTypes), so its family is a prefix of the stored type.
std::optional<std::vector<std::string>> readable_type_prefixes(const Principal& principal) {
    const bool global_admin = principal.is_tenant() ? principal.tenant_role == domain::TenantRole::kGlobalAdmin
                                                    : principal.role == domain::PublisherRole::kGlobalAdmin;
    if (global_admin) return std::nullopt;
    const auto families = principal.is_tenant() ? domain::readable_event_families(principal.tenant_role)
                                                : domain::readable_event_families(principal.role);
    std::vector<std::string> prefixes;
    prefixes.reserve(families.size());
    for (const auto family : families) prefixes.push_back(std::string(domain::to_string(family)) + ".");
    return prefixes;
}

}  // namespace

Result<std::vector<data::EventRow>> list_events(Services& services, const Principal& principal,
                                                const EventQuery& query) {
    if (principal.is_tenant()) {
        SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    } else {
        SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    }
    // The same rows serve both audiences: a change a tenant sees carries its tenant_id, and the publisher's id
    // when the publisher sees it too (licenses, seats).
    const data::FeedQuery feed{query.after, query.subject, static_cast<std::int64_t>(query.limit),
                               readable_type_prefixes(principal)};
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<data::EventRow>> {
                                     return data::events::feed(tx, principal.account(), feed);
                                 });
}

}  // namespace seatkeeper::service
