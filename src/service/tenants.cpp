#include "service/tenants.hpp"

#include <algorithm>
#include <set>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "dns/txt_lookup.hpp"
#include "domain/limits.hpp"
#include "service/accounts.hpp"
#include "service/events.hpp"
#include "service/seats.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

constexpr std::size_t kMaxDomains = 20;
constexpr std::size_t kMaxImportRows = 10'000;

domain::TenantSnapshot tenant_snapshot(const TenantRecord& t) { return {t.id, t.name, t.domains}; }

Status validate_name(const std::string& field, const std::string& name, std::size_t max) {
    SK_RETURN_IF_ERROR(json::require_text(field, name));
    if (text::utf8_length(name) > max) {
        return Status::Invalid(field, "max_length", field + " must be at most " + std::to_string(max) + " characters");
    }
    if (text::has_control_character(name)) {
        return Status::Invalid(field, "characters", field + " can't contain control characters");
    }
    return Status::Ok();
}

Status require_reader(const Principal& principal) {
    return require_tenant(principal, domain::TenantPermission::kReadLicenses);
}

Status require_assigner(const Principal& principal) {
    return require_tenant(principal, domain::TenantPermission::kAssignSeats);
}

// A change only the tenant sees: no publisher.
void append_tenant_event(store::Transaction& tx, const std::string& actor, const domain::Event& event) {
    append_event(tx, actor, "", event);
}

domain::GroupSnapshot group_snapshot(const GroupRecord& g) { return {g.id, g.name, g.members}; }

// Splits one CSV line into fields (RFC 4180 quoting; no line breaks inside quotes).
std::optional<std::vector<std::string>> csv_fields(std::string_view line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back() += c;
            }
        } else if (c == '"' && out.back().empty()) {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    for (auto& f : out) {
        while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.pop_back();
        while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.erase(f.begin());
    }
    return out;
}

}  // namespace

std::optional<TenantRecord> load_tenant(store::Transaction& tx, const std::string& tenant_id) {
    const auto row = tx.query_one("SELECT id, name, created_at FROM tenants WHERE id = ?", {tenant_id});
    if (!row) return std::nullopt;
    TenantRecord t{row->text(0), row->text(1), {}, row->integer(2)};
    for (const auto& r :
         tx.query("SELECT domain FROM tenant_domains WHERE tenant_id = ? ORDER BY created_at, domain", {tenant_id})) {
        t.domains.push_back(r.text(0));
    }
    return t;
}

Status validate_tenant_name(const std::string& field, const std::string& name) {
    return validate_name(field, name, domain::kMaxTenantNameLength);
}

Result<TenantRecord> insert_tenant(store::Transaction& tx, const std::string& actor, const std::string& name,
                                   const std::vector<std::string>& domains, const std::string& name_field) {
    SK_RETURN_IF_ERROR(validate_tenant_name(name_field, name));
    if (domains.empty()) return Status::Invalid("domains", "required", "a tenant needs at least one domain");
    if (domains.size() > kMaxDomains) {
        return Status::Invalid("domains", "max_items",
                               "a tenant has at most " + std::to_string(kMaxDomains) + " domains");
    }
    TenantRecord tenant{crypto::random_uuid(), name, {}, now_millis()};
    for (std::size_t i = 0; i < domains.size(); ++i) {
        const std::string field = "domains[" + std::to_string(i) + "]";
        SK_ASSIGN_OR_RETURN(std::string domain, domain::normalize_domain(field, domains[i]));
        if (std::find(tenant.domains.begin(), tenant.domains.end(), domain) != tenant.domains.end()) continue;
        if (tx.query_one("SELECT 1 FROM tenant_domains WHERE domain = ?", {domain})) {
            return Status::Conflict("duplicate", "the domain " + domain + " already belongs to another tenant", field);
        }
        tenant.domains.push_back(domain);
    }
    tx.execute("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)",
               {tenant.id, tenant.name, tenant.created_at});
    for (const auto& d : tenant.domains) {
        tx.execute("INSERT INTO tenant_domains (domain, tenant_id, created_at) VALUES (?, ?, ?)",
                   {d, tenant.id, tenant.created_at});
    }
    append_tenant_event(tx, actor,
                        make_event<EventType::kTenantCreated>(domain::tenant_subject(tenant.id), std::nullopt,
                                                              tenant_snapshot(tenant), tenant.id));
    return tenant;
}

Result<TenantRecord> create_tenant(Services& services, const NewTenant& input) {
    const NewUser admin{input.admin_email, input.admin_name, input.admin_password, "global_admin"};
    SK_RETURN_IF_ERROR(validate_new_user(admin, true));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<TenantRecord> {
            SK_ASSIGN_OR_RETURN(auto tenant, insert_tenant(tx, "system", input.name, input.domains));
            std::string user_id;
            SK_RETURN_IF_ERROR(insert_tenant_admin(tx, "system", tenant.id, admin, user_id));
            return tenant;
        });
}

Result<TenantRecord> get_tenant(Services& services, const Principal& principal) {
    if (!principal.is_tenant()) return Status::Forbidden("This is for customer tenant accounts (the Admin Center)");
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<TenantRecord> {
                                     auto t = load_tenant(tx, principal.tenant_id);
                                     if (!t) return Status::NotFound("the tenant no longer exists");
                                     return std::move(*t);
                                 });
}

namespace {

constexpr std::string_view kTxtPrefix = "seatkeeper-verification=";

Status require_domain_admin(const Principal& principal) {
    return require_tenant(principal, domain::TenantPermission::kManageAccess);
}

std::optional<DomainRecord> load_domain(store::Transaction& tx, const std::string& tenant_id,
                                        const std::string& domain) {
    if (const auto v = tx.query_one("SELECT created_at FROM tenant_domains WHERE tenant_id = ? AND domain = ?",
                                    {tenant_id, domain})) {
        return DomainRecord{domain, "verified", std::nullopt, v->integer(0)};
    }
    if (const auto p = tx.query_one("SELECT token, created_at FROM pending_domains WHERE tenant_id = ? AND domain = ?",
                                    {tenant_id, domain})) {
        return DomainRecord{domain, "pending", std::string(kTxtPrefix) + p->text(0), p->integer(1)};
    }
    return std::nullopt;
}

// A TXT record as an error message may show it: printable ASCII only, at most 120 characters.
std::string shown_record(std::string_view record) {
    std::string out;
    for (const char c : record.substr(0, 120)) out += c >= 0x20 && c < 0x7f ? c : '?';
    if (record.size() > 120) out += "...";
    return out;
}

domain::DomainSnapshot domain_snapshot(const DomainRecord& d) { return {d.domain, d.state}; }

Result<std::string> domain_param(const std::string& domain) {
    auto normalized = domain::normalize_domain("domain", domain);
    if (!normalized.ok()) return Status::NotFound("the domain '" + domain + "' is not one of your tenant's domains");
    return normalized;
}

}  // namespace

Result<std::vector<DomainRecord>> list_domains(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_reader(principal));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<DomainRecord>> {
            std::vector<DomainRecord> out;
            for (const auto& r : tx.query("SELECT domain, created_at FROM tenant_domains WHERE tenant_id = ? "
                                          "ORDER BY created_at, domain",
                                          {principal.tenant_id})) {
                out.push_back({r.text(0), "verified", std::nullopt, r.integer(1)});
            }
            for (const auto& r : tx.query("SELECT domain, token, created_at FROM pending_domains WHERE tenant_id = ? "
                                          "ORDER BY created_at, domain",
                                          {principal.tenant_id})) {
                out.push_back({r.text(0), "pending", std::string(kTxtPrefix) + r.text(1), r.integer(2)});
            }
            return out;
        });
}

Result<DomainRecord> add_domain(Services& services, const Principal& principal, const std::string& domain) {
    SK_RETURN_IF_ERROR(require_domain_admin(principal));
    SK_ASSIGN_OR_RETURN(const std::string normalized, domain::normalize_domain("domain", domain));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<DomainRecord> {
            if (const auto mine = load_domain(tx, principal.tenant_id, normalized)) {
                return Status::Conflict("duplicate",
                                        mine->state == "verified"
                                            ? normalized + " is already a verified domain of your tenant"
                                            : normalized + " is already added; publish its TXT record and verify it",
                                        "domain");
            }
            if (tx.query_one("SELECT 1 FROM tenant_domains WHERE domain = ?", {normalized})) {
                return Status::Conflict("duplicate", "the domain " + normalized + " already belongs to another tenant",
                                        "domain");
            }
            const auto count = tx.query_one(
                "SELECT (SELECT COUNT(*) FROM tenant_domains WHERE tenant_id = ?) + "
                "(SELECT COUNT(*) FROM pending_domains WHERE tenant_id = ?)",
                {principal.tenant_id, principal.tenant_id});
            if (count && count->integer(0) >= static_cast<std::int64_t>(kMaxDomains)) {
                return Status::Conflict("max_items",
                                        "a tenant has at most " + std::to_string(kMaxDomains) +
                                            " domains, pending ones included; remove a pending one first",
                                        "domain");
            }
            const DomainRecord added{normalized, "pending", std::string(kTxtPrefix) + crypto::random_token(24),
                                     now_millis()};
            tx.execute(
                "INSERT INTO pending_domains (tenant_id, domain, token, created_at) VALUES (?, ?, ?, ?)",
                {principal.tenant_id, normalized, added.txt_record->substr(kTxtPrefix.size()), added.created_at});
            append_tenant_event(
                tx, principal.actor,
                make_event<EventType::kTenantDomainAdded>(domain::domain_subject(principal.tenant_id, normalized),
                                                          std::nullopt, domain_snapshot(added), principal.tenant_id));
            return added;
        });
}

Result<DomainRecord> verify_domain(Services& services, const Principal& principal, const std::string& domain) {
    SK_RETURN_IF_ERROR(require_domain_admin(principal));
    SK_ASSIGN_OR_RETURN(const std::string normalized, domain_param(domain));
    auto before = store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<DomainRecord> {
            auto d = load_domain(tx, principal.tenant_id, normalized);
            if (!d) return Status::NotFound("the domain '" + normalized + "' is not one of your tenant's domains");
            return std::move(*d);
        });
    if (!before.ok() || before->state == "verified") return before;
    // The lookup runs outside any transaction: it may take seconds.
    SK_ASSIGN_OR_RETURN(const auto records, dns::lookup_txt(services.settings().dns_resolver, normalized));
    if (std::find(records.begin(), records.end(), *before->txt_record) == records.end()) {
        std::string found;
        for (const auto& r : records) {
            if (!found.empty()) found += ", ";
            found += "\"" + shown_record(r) + "\"";
        }
        return Status::Conflict(
            "dns_record_missing",
            "no TXT record " + *before->txt_record + " was found at " + normalized + " (" +
                (records.empty() ? std::string("it has no TXT records") : "its TXT records are " + found) +
                "). DNS changes can take a while to show; try again later.");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<DomainRecord> {
            const auto still = load_domain(tx, principal.tenant_id, normalized);
            if (!still) return Status::NotFound("the domain '" + normalized + "' is not one of your tenant's domains");
            if (still->state == "verified") return *still;
            if (still->txt_record != before->txt_record) {
                return Status::Conflict("changed", "the domain was removed and added again meanwhile; verify again");
            }
            if (tx.query_one("SELECT 1 FROM tenant_domains WHERE domain = ?", {normalized})) {
                return Status::Conflict("duplicate", "the domain " + normalized + " already belongs to another tenant",
                                        "domain");
            }
            const Millis now = now_millis();
            tx.execute("INSERT INTO tenant_domains (domain, tenant_id, created_at) VALUES (?, ?, ?)",
                       {normalized, principal.tenant_id, now});
            // Proven: other tenants' claims on it go.
            tx.execute("DELETE FROM pending_domains WHERE domain = ?", {normalized});
            const DomainRecord verified{normalized, "verified", std::nullopt, now};
            append_tenant_event(tx, principal.actor,
                                make_event<EventType::kTenantDomainVerified>(
                                    domain::domain_subject(principal.tenant_id, normalized), domain_snapshot(*still),
                                    domain_snapshot(verified), principal.tenant_id));
            return verified;
        });
}

Status remove_domain(Services& services, const Principal& principal, const std::string& domain) {
    SK_RETURN_IF_ERROR(require_domain_admin(principal));
    SK_ASSIGN_OR_RETURN(const std::string normalized, domain_param(domain));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const auto d = load_domain(tx, principal.tenant_id, normalized);
        if (!d) return Status::NotFound("the domain '" + normalized + "' is not one of your tenant's domains");
        if (d->state == "verified") {
            return Status::Conflict("domain_verified", "a verified domain stays: your users and their seats use it");
        }
        tx.execute("DELETE FROM pending_domains WHERE tenant_id = ? AND domain = ?", {principal.tenant_id, normalized});
        append_tenant_event(
            tx, principal.actor,
            make_event<EventType::kTenantDomainRemoved>(domain::domain_subject(principal.tenant_id, normalized),
                                                        domain_snapshot(*d), std::nullopt, principal.tenant_id));
        return Status::Ok();
    });
}

Result<std::string> ensure_directory_user(store::Transaction& tx, const std::string& actor,
                                          const std::string& tenant_id, const std::string& field,
                                          const std::string& upn) {
    SK_ASSIGN_OR_RETURN(std::string normalized, domain::normalize_upn(field, upn));
    if (tx.query_one("SELECT 1 FROM directory_users WHERE tenant_id = ? AND upn = ?", {tenant_id, normalized})) {
        return normalized;
    }
    const std::string domain(domain::domain_of(normalized));
    if (!tx.query_one("SELECT 1 FROM tenant_domains WHERE tenant_id = ? AND domain = ?", {tenant_id, domain})) {
        return Status::Invalid(field, "foreign_domain",
                               normalized + " is not in one of your tenant's domains, so it can't be given a license");
    }
    tx.execute("INSERT INTO directory_users (tenant_id, upn, display_name, created_at) VALUES (?, ?, ?, ?)",
               {tenant_id, normalized, normalized, now_millis()});
    append_tenant_event(
        tx, actor,
        make_event<EventType::kDirectoryUserAdded>(domain::directory_user_subject(tenant_id, normalized), std::nullopt,
                                                   domain::DirectoryUserSnapshot{normalized, normalized}, tenant_id));
    return normalized;
}

Result<std::vector<DirectoryUser>> list_directory(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_reader(principal));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<DirectoryUser>> {
            std::vector<DirectoryUser> out;
            for (const auto& r : tx.query("SELECT upn, display_name, created_at FROM directory_users "
                                          "WHERE tenant_id = ? ORDER BY upn",
                                          {principal.tenant_id})) {
                out.push_back({r.text(0), r.text(1), r.integer(2)});
            }
            return out;
        });
}

namespace {

// Adds (or renames) one directory user inside a transaction; returns it and whether it was new.
Result<std::pair<DirectoryUser, bool>> put_directory_user(store::Transaction& tx, const Principal& principal,
                                                          const std::string& field, const std::string& upn,
                                                          const std::string& display_name) {
    SK_ASSIGN_OR_RETURN(const std::string normalized, domain::normalize_upn(field, upn));
    const bool existed =
        tx.query_one("SELECT 1 FROM directory_users WHERE tenant_id = ? AND upn = ?", {principal.tenant_id, normalized})
            .has_value();
    SK_RETURN_IF_ERROR(ensure_directory_user(tx, principal.actor, principal.tenant_id, field, normalized).status());
    const auto current =
        tx.query_one("SELECT display_name, created_at FROM directory_users WHERE tenant_id = ? AND upn = ?",
                     {principal.tenant_id, normalized});
    std::string name = current->text(0);
    if (!display_name.empty() && name != display_name) {
        tx.execute("UPDATE directory_users SET display_name = ? WHERE tenant_id = ? AND upn = ?",
                   {display_name, principal.tenant_id, normalized});
        append_tenant_event(tx, principal.actor,
                            make_event<EventType::kDirectoryUserRenamed>(
                                domain::directory_user_subject(principal.tenant_id, normalized),
                                domain::DirectoryUserSnapshot{normalized, name},
                                domain::DirectoryUserSnapshot{normalized, display_name}, principal.tenant_id));
        name = display_name;
    }
    return std::make_pair(DirectoryUser{normalized, name, current->integer(1)}, !existed);
}

}  // namespace

Result<DirectoryUser> add_directory_user(Services& services, const Principal& principal, const std::string& upn,
                                         const std::string& display_name, bool* created) {
    SK_RETURN_IF_ERROR(require_assigner(principal));
    if (!display_name.empty())
        SK_RETURN_IF_ERROR(validate_name("display_name", display_name, domain::kMaxDisplayNameLength));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<DirectoryUser> {
            SK_ASSIGN_OR_RETURN(auto added, put_directory_user(tx, principal, "upn", upn, display_name));
            if (created != nullptr) *created = added.second;
            return added.first;
        });
}

Result<std::vector<DirectoryUser>> import_directory_csv(Services& services, const Principal& principal,
                                                        const std::string& csv) {
    SK_RETURN_IF_ERROR(require_assigner(principal));
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < csv.size()) {
        std::size_t end = csv.find('\n', start);
        if (end == std::string::npos) end = csv.size();
        std::string line = csv.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
        start = end + 1;
    }
    if (!lines.empty() && lines.front().starts_with("\xEF\xBB\xBF")) lines.front().erase(0, 3);  // a BOM from Excel
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (lines.empty()) return Status::Invalid("csv", "required", "the CSV is empty; it needs a header line with upn");
    if (lines.size() - 1 > kMaxImportRows) {
        return Status::Invalid("csv", "max_items",
                               "a CSV import takes at most " + std::to_string(kMaxImportRows) + " users");
    }
    const auto header = csv_fields(lines.front());
    std::optional<std::size_t> upn_column;
    std::optional<std::size_t> name_column;
    if (header) {
        for (std::size_t i = 0; i < header->size(); ++i) {
            const std::string h = text::ascii_lower((*header)[i]);
            if (h == "upn" || h == "user principal name" || h == "userprincipalname") upn_column = i;
            if (h == "display_name" || h == "display name" || h == "displayname" || h == "name") name_column = i;
        }
    }
    if (!upn_column) {
        return Status::Invalid("csv", "header",
                               "line 1 must be a header naming the upn column (and optionally display_name)");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<std::vector<DirectoryUser>> {
            std::vector<DirectoryUser> added;
            for (std::size_t i = 1; i < lines.size(); ++i) {
                if (lines[i].empty()) continue;
                const std::string field = "csv line " + std::to_string(i + 1);
                const auto fields = csv_fields(lines[i]);
                if (!fields || fields->size() <= *upn_column) {
                    return Status::Invalid(field, "csv", field + " has no upn value");
                }
                const std::string name = name_column && *name_column < fields->size() ? (*fields)[*name_column] : "";
                if (!name.empty()) SK_RETURN_IF_ERROR(validate_name(field, name, domain::kMaxDisplayNameLength));
                SK_ASSIGN_OR_RETURN(auto put, put_directory_user(tx, principal, field, (*fields)[*upn_column], name));
                if (put.second) added.push_back(put.first);
            }
            return added;
        });
}

std::optional<GroupRecord> load_group(store::Transaction& tx, const std::string& tenant_id,
                                      const std::string& group_id) {
    const auto row = tx.query_one("SELECT id, name, created_at FROM user_groups WHERE tenant_id = ? AND id = ?",
                                  {tenant_id, group_id});
    if (!row) return std::nullopt;
    GroupRecord g{row->text(0), row->text(1), {}, {}, row->integer(2)};
    for (const auto& r : tx.query("SELECT upn FROM group_members WHERE tenant_id = ? AND group_id = ? ORDER BY upn",
                                  {tenant_id, group_id})) {
        g.members.push_back(r.text(0));
    }
    for (const auto& r :
         tx.query("SELECT service_id FROM group_assignments WHERE tenant_id = ? AND group_id = ? ORDER BY service_id",
                  {tenant_id, group_id})) {
        g.service_ids.push_back(r.text(0));
    }
    return g;
}

Result<std::vector<GroupRecord>> list_groups(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_reader(principal));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<GroupRecord>> {
            std::vector<GroupRecord> out;
            for (const auto& r :
                 tx.query("SELECT id FROM user_groups WHERE tenant_id = ? ORDER BY name", {principal.tenant_id})) {
                out.push_back(*load_group(tx, principal.tenant_id, r.text(0)));
            }
            return out;
        });
}

Result<GroupRecord> get_group(Services& services, const Principal& principal, const std::string& group_id) {
    SK_RETURN_IF_ERROR(require_reader(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<GroupRecord> {
                                     auto g = load_group(tx, principal.tenant_id, group_id);
                                     if (!g) return Status::NotFound("group '" + group_id + "' does not exist");
                                     return std::move(*g);
                                 });
}

namespace {

// Adds members inside a transaction; each new member takes a seat of every license the group holds.
Status insert_members(store::Transaction& tx, const Principal& principal, const GroupRecord& group,
                      const std::vector<std::string>& members) {
    std::vector<std::string> added;
    for (std::size_t i = 0; i < members.size(); ++i) {
        const std::string field = "members[" + std::to_string(i) + "]";
        SK_ASSIGN_OR_RETURN(std::string upn,
                            ensure_directory_user(tx, principal.actor, principal.tenant_id, field, members[i]));
        if (tx.query_one("SELECT 1 FROM group_members WHERE tenant_id = ? AND group_id = ? AND upn = ?",
                         {principal.tenant_id, group.id, upn})) {
            continue;
        }
        if (std::find(added.begin(), added.end(), upn) != added.end()) continue;
        tx.execute("INSERT INTO group_members (tenant_id, group_id, upn, added_at) VALUES (?, ?, ?, ?)",
                   {principal.tenant_id, group.id, upn, now_millis()});
        append_tenant_event(
            tx, principal.actor,
            make_event<EventType::kGroupMemberAdded>(domain::group_subject(principal.tenant_id, group.id), std::nullopt,
                                                     domain::GroupMemberSnapshot{group.id, upn}, principal.tenant_id));
        added.push_back(upn);
    }
    for (const auto& service_id : group.service_ids) {
        const auto pool = data::seats::find_pool(tx, principal.tenant_id, service_id);
        if (!pool) continue;
        std::vector<SeatRequest> requests;
        requests.reserve(added.size());
        for (const auto& upn : added) requests.push_back({upn, group.id});
        auto taken = take_seats(tx, principal.actor, *pool, requests);
        if (!taken.ok()) {
            return Status::Conflict(
                "over_capacity",
                "The group '" + group.name + "' is assigned to " + service_id + ": " + taken.status().message(),
                "members");
        }
    }
    return Status::Ok();
}

}  // namespace

Result<GroupRecord> create_group(Services& services, const Principal& principal, const std::string& name,
                                 const std::vector<std::string>& members) {
    SK_RETURN_IF_ERROR(require_assigner(principal));
    SK_RETURN_IF_ERROR(validate_name("name", name, domain::kMaxGroupNameLength));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<GroupRecord> {
            if (tx.query_one("SELECT 1 FROM user_groups WHERE tenant_id = ? AND name = ?",
                             {principal.tenant_id, name})) {
                return Status::Conflict("duplicate", "a group named '" + name + "' already exists", "name");
            }
            GroupRecord group{"grp_" + crypto::random_token(9), name, {}, {}, now_millis()};
            tx.execute("INSERT INTO user_groups (tenant_id, id, name, created_at) VALUES (?, ?, ?, ?)",
                       {principal.tenant_id, group.id, name, group.created_at});
            append_tenant_event(
                tx, principal.actor,
                make_event<EventType::kGroupCreated>(domain::group_subject(principal.tenant_id, group.id), std::nullopt,
                                                     group_snapshot(group), principal.tenant_id));
            SK_RETURN_IF_ERROR(insert_members(tx, principal, group, members));
            return *load_group(tx, principal.tenant_id, group.id);
        });
}

Result<GroupRecord> add_group_members(Services& services, const Principal& principal, const std::string& group_id,
                                      const std::vector<std::string>& members) {
    SK_RETURN_IF_ERROR(require_assigner(principal));
    if (members.empty()) return Status::Invalid("members", "required", "name at least one member to add");
    return store::in_transaction(services.store(), store::TxMode::kWrite,
                                 [&](store::Transaction& tx) -> Result<GroupRecord> {
                                     const auto group = load_group(tx, principal.tenant_id, group_id);
                                     if (!group) return Status::NotFound("group '" + group_id + "' does not exist");
                                     SK_RETURN_IF_ERROR(insert_members(tx, principal, *group, members));
                                     return *load_group(tx, principal.tenant_id, group_id);
                                 });
}

Result<GroupRecord> remove_group_member(Services& services, const Principal& principal, const std::string& group_id,
                                        const std::string& upn) {
    SK_RETURN_IF_ERROR(require_assigner(principal));
    SK_ASSIGN_OR_RETURN(const std::string member, domain::normalize_upn("upn", upn));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<GroupRecord> {
            const auto group = load_group(tx, principal.tenant_id, group_id);
            if (!group) return Status::NotFound("group '" + group_id + "' does not exist");
            if (std::find(group->members.begin(), group->members.end(), member) == group->members.end()) {
                return Status::NotFound(member + " is not a member of the group '" + group->name + "'");
            }
            tx.execute("DELETE FROM group_members WHERE tenant_id = ? AND group_id = ? AND upn = ?",
                       {principal.tenant_id, group_id, member});
            append_tenant_event(tx, principal.actor,
                                make_event<EventType::kGroupMemberRemoved>(
                                    domain::group_subject(principal.tenant_id, group_id),
                                    domain::GroupMemberSnapshot{group_id, member}, std::nullopt, principal.tenant_id));
            for (const auto& service_id : group->service_ids) {
                const auto seat =
                    tx.query_one("SELECT group_id FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?",
                                 {principal.tenant_id, service_id, member});
                if (!seat || seat->optional_text(0).value_or("") != group_id) continue;
                if (const auto pool = data::seats::find_pool(tx, principal.tenant_id, service_id)) {
                    hand_back_group_seat(tx, principal.actor, *pool, member);
                }
            }
            return *load_group(tx, principal.tenant_id, group_id);
        });
}

Status delete_group(Services& services, const Principal& principal, const std::string& group_id) {
    SK_RETURN_IF_ERROR(require_assigner(principal));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const auto group = load_group(tx, principal.tenant_id, group_id);
        if (!group) return Status::NotFound("group '" + group_id + "' does not exist");
        for (const auto& service_id : group->service_ids) {
            if (const auto pool = data::seats::find_pool(tx, principal.tenant_id, service_id)) {
                end_group_assignment(tx, principal.actor, *pool, group_id);
            }
        }
        tx.execute("DELETE FROM group_members WHERE tenant_id = ? AND group_id = ?", {principal.tenant_id, group_id});
        tx.execute("DELETE FROM user_groups WHERE tenant_id = ? AND id = ?", {principal.tenant_id, group_id});
        append_tenant_event(
            tx, principal.actor,
            make_event<EventType::kGroupDeleted>(domain::group_subject(principal.tenant_id, group_id),
                                                 group_snapshot(*group), std::nullopt, principal.tenant_id));
        return Status::Ok();
    });
}

}  // namespace seatkeeper::service
