#include "service/events.hpp"

#include "common/json.hpp"
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
    tx.execute(
        "INSERT INTO events (created_at, actor, publisher_id, tenant_id, type, subject, payload) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {now_millis(), actor, publisher_id.empty() ? store::null_value() : store::Value{publisher_id},
         event.tenant_id().empty() ? store::null_value() : store::Value{event.tenant_id()},
         std::string(domain::to_string(event.type())), event.subject(), json::to_string(domain::payload_json(event))});
}

namespace {

// Keeps only the event families the principal's role may read (domain::readable_event_families), as an SQL
// condition whose values are appended to `params`; empty for a global admin, who may read everything. A type's
// text is "<family>.<what happened>" (domain::kEventTypes), so its family is a prefix of the stored type: substr
// with a literal length is the same in SQLite and PostgreSQL and does not depend on a collation.
std::string family_filter(const Principal& principal, std::vector<store::Value>& params) {
    const bool global_admin = principal.is_tenant() ? principal.tenant_role == domain::TenantRole::kGlobalAdmin
                                                    : principal.role == domain::PublisherRole::kGlobalAdmin;
    if (global_admin) return "";
    const auto families = principal.is_tenant() ? domain::readable_event_families(principal.tenant_role)
                                                : domain::readable_event_families(principal.role);
    if (families.empty()) return " AND 1 = 0";
    std::string condition = " AND (";
    for (std::size_t i = 0; i < families.size(); ++i) {
        const std::string prefix = std::string(domain::to_string(families[i])) + ".";
        if (i > 0) condition += " OR ";
        condition += "substr(type, 1, " + std::to_string(prefix.size()) + ") = ?";
        params.emplace_back(prefix);
    }
    return condition + ")";
}

}  // namespace

Result<std::vector<EventRecord>> list_events(Services& services, const Principal& principal, const EventQuery& query) {
    if (principal.is_tenant()) {
        SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    } else {
        SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    }
    // The same rows serve both audiences: a change a tenant sees carries its tenant_id, and the publisher's id
    // when the publisher sees it too (licenses, seats).
    const std::string scope_column(principal.scope_column());
    const std::string& scope = principal.scope();
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<EventRecord>> {
            // A subject and everything under it ("offers/crm" and "offers/crm/plans/basic"), as a range so
            // that it stays portable and index-friendly ('0' is the character after '/').
            const std::string& subject = query.subject;
            const std::string low = subject + "/";
            const std::string high = subject + "0";
            std::vector<store::Value> params{scope, query.after, subject, subject, low, high};
            const std::string families = family_filter(principal, params);
            params.emplace_back(static_cast<std::int64_t>(query.limit));
            const store::Rows rows = tx.query(
                "SELECT id, created_at, actor, publisher_id, type, subject, payload, tenant_id FROM events "
                "WHERE " +
                    scope_column + " = ? AND id > ? AND (? = '' OR subject = ? OR (subject >= ? AND subject < ?))" +
                    families + " ORDER BY id LIMIT ?",
                params);
            std::vector<EventRecord> out;
            out.reserve(rows.size());
            for (const auto& r : rows) {
                boost::system::error_code ec;
                out.push_back({r.integer(0), r.integer(1), r.text(2), r.optional_text(3).value_or(""), r.text(4),
                               r.text(5), boost::json::parse(r.text(6), ec), r.optional_text(7).value_or("")});
            }
            return out;
        });
}

}  // namespace seatkeeper::service
