#include "service/tenants.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "data/seats.hpp"
#include "data/tenants.hpp"
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
    auto row = data::tenants::find(tx, tenant_id);
    if (!row) return std::nullopt;
    TenantRecord t{std::move(row->id), std::move(row->name), {}, row->created_at};
    for (auto& d : data::tenants::verified_domains(tx, tenant_id)) t.domains.push_back(std::move(d.domain));
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
        if (data::tenants::domain_verified_anywhere(tx, domain)) {
            return Status::Conflict("duplicate", "the domain " + domain + " already belongs to another tenant", field);
        }
        tenant.domains.push_back(domain);
    }
    data::tenants::insert(tx, {tenant.id, tenant.name, tenant.created_at});
    for (const auto& d : tenant.domains) data::tenants::insert_verified_domain(tx, tenant.id, {d, tenant.created_at});
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

DomainRecord verified_record(const data::VerifiedDomainRow& d) {
    return {d.domain, "verified", std::nullopt, d.created_at};
}

DomainRecord pending_record(const data::PendingDomainRow& d) {
    return {d.domain, "pending", std::string(kTxtPrefix) + d.token, d.created_at};
}

std::optional<DomainRecord> load_domain(store::Transaction& tx, const std::string& tenant_id,
                                        const std::string& domain) {
    if (const auto v = data::tenants::find_verified_domain(tx, tenant_id, domain)) return verified_record(*v);
    if (const auto p = data::tenants::find_pending_domain(tx, tenant_id, domain)) return pending_record(*p);
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
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<DomainRecord>> {
                                     std::vector<DomainRecord> out;
                                     for (const auto& d : data::tenants::verified_domains(tx, principal.tenant_id)) {
                                         out.push_back(verified_record(d));
                                     }
                                     for (const auto& d : data::tenants::pending_domains(tx, principal.tenant_id)) {
                                         out.push_back(pending_record(d));
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
            if (data::tenants::domain_verified_anywhere(tx, normalized)) {
                return Status::Conflict("duplicate", "the domain " + normalized + " already belongs to another tenant",
                                        "domain");
            }
            if (data::tenants::count_domains(tx, principal.tenant_id) >= static_cast<std::int64_t>(kMaxDomains)) {
                return Status::Conflict("max_items",
                                        "a tenant has at most " + std::to_string(kMaxDomains) +
                                            " domains, pending ones included; remove a pending one first",
                                        "domain");
            }
            const data::PendingDomainRow pending{normalized, crypto::random_token(24), now_millis()};
            data::tenants::insert_pending_domain(tx, principal.tenant_id, pending);
            const DomainRecord added = pending_record(pending);
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
            if (data::tenants::domain_verified_anywhere(tx, normalized)) {
                return Status::Conflict("duplicate", "the domain " + normalized + " already belongs to another tenant",
                                        "domain");
            }
            const Millis now = now_millis();
            const data::VerifiedDomainRow proven{normalized, now};
            data::tenants::insert_verified_domain(tx, principal.tenant_id, proven);
            // Proven: other tenants' claims on it go.
            data::tenants::delete_pending_claims(tx, normalized);
            const DomainRecord verified = verified_record(proven);
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
        data::tenants::delete_pending_domain(tx, principal.tenant_id, normalized);
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
    if (data::tenants::has_directory_user(tx, tenant_id, normalized)) return normalized;
    const std::string domain(domain::domain_of(normalized));
    if (!data::tenants::find_verified_domain(tx, tenant_id, domain)) {
        return Status::Invalid(field, "foreign_domain",
                               normalized + " is not in one of your tenant's domains, so it can't be given a license");
    }
    data::tenants::insert_directory_user(tx, tenant_id, {normalized, normalized, now_millis()});
    append_tenant_event(
        tx, actor,
        make_event<EventType::kDirectoryUserAdded>(domain::directory_user_subject(tenant_id, normalized), std::nullopt,
                                                   domain::DirectoryUserSnapshot{normalized, normalized}, tenant_id));
    return normalized;
}

Result<std::vector<data::DirectoryUserRow>> list_directory(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_reader(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<data::DirectoryUserRow>> {
                                     return data::tenants::directory_users(tx, principal.tenant_id);
                                 });
}

namespace {

// Adds (or renames) one directory user inside a transaction; returns it and whether it was new.
Result<std::pair<data::DirectoryUserRow, bool>> put_directory_user(store::Transaction& tx, const Principal& principal,
                                                                   const std::string& field, const std::string& upn,
                                                                   const std::string& display_name) {
    SK_ASSIGN_OR_RETURN(const std::string normalized, domain::normalize_upn(field, upn));
    const bool existed = data::tenants::has_directory_user(tx, principal.tenant_id, normalized);
    SK_RETURN_IF_ERROR(ensure_directory_user(tx, principal.actor, principal.tenant_id, field, normalized).status());
    auto user = *data::tenants::find_directory_user(tx, principal.tenant_id, normalized);
    if (!display_name.empty() && user.display_name != display_name) {
        data::tenants::rename_directory_user(tx, principal.tenant_id, normalized, display_name);
        append_tenant_event(tx, principal.actor,
                            make_event<EventType::kDirectoryUserRenamed>(
                                domain::directory_user_subject(principal.tenant_id, normalized),
                                domain::DirectoryUserSnapshot{normalized, user.display_name},
                                domain::DirectoryUserSnapshot{normalized, display_name}, principal.tenant_id));
        user.display_name = display_name;
    }
    return std::make_pair(std::move(user), !existed);
}

}  // namespace

Result<data::DirectoryUserRow> add_directory_user(Services& services, const Principal& principal,
                                                  const std::string& upn, const std::string& display_name,
                                                  bool* created) {
    SK_RETURN_IF_ERROR(require_assigner(principal));
    if (!display_name.empty())
        SK_RETURN_IF_ERROR(validate_name("display_name", display_name, domain::kMaxDisplayNameLength));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<data::DirectoryUserRow> {
            SK_ASSIGN_OR_RETURN(auto added, put_directory_user(tx, principal, "upn", upn, display_name));
            if (created != nullptr) *created = added.second;
            return added.first;
        });
}

Result<std::vector<data::DirectoryUserRow>> import_directory_csv(Services& services, const Principal& principal,
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
        services.store(), store::TxMode::kWrite,
        [&](store::Transaction& tx) -> Result<std::vector<data::DirectoryUserRow>> {
            std::vector<data::DirectoryUserRow> added;
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
    auto row = data::tenants::find_group(tx, tenant_id, group_id);
    if (!row) return std::nullopt;
    return GroupRecord{std::move(row->id), std::move(row->name),
                       data::tenants::group_member_upns(tx, tenant_id, group_id),
                       data::seats::services_assigned_to_group(tx, tenant_id, group_id), row->created_at};
}

Result<std::vector<GroupRecord>> list_groups(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_reader(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<GroupRecord>> {
                                     // Three statements for all the groups rather than three per group: members and
                                     // assignments are read for the whole tenant and dealt out, each group's in the
                                     // order load_group reads them.
                                     std::vector<GroupRecord> out;
                                     std::unordered_map<std::string, std::size_t> position;
                                     for (auto& g : data::tenants::groups(tx, principal.tenant_id)) {
                                         position.emplace(g.id, out.size());
                                         out.push_back({std::move(g.id), std::move(g.name), {}, {}, g.created_at});
                                     }
                                     for (auto& m : data::tenants::group_members(tx, principal.tenant_id)) {
                                         if (const auto it = position.find(m.group_id); it != position.end()) {
                                             out[it->second].members.push_back(std::move(m.upn));
                                         }
                                     }
                                     for (auto& a : data::seats::group_assignments_of_tenant(tx, principal.tenant_id)) {
                                         if (const auto it = position.find(a.group_id); it != position.end()) {
                                             out[it->second].service_ids.push_back(std::move(a.service_id));
                                         }
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
        if (data::tenants::is_group_member(tx, principal.tenant_id, group.id, upn)) continue;
        if (std::find(added.begin(), added.end(), upn) != added.end()) continue;
        data::tenants::insert_group_member(tx, principal.tenant_id, group.id, upn, now_millis());
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
            if (data::tenants::group_name_taken(tx, principal.tenant_id, name)) {
                return Status::Conflict("duplicate", "a group named '" + name + "' already exists", "name");
            }
            GroupRecord group{"grp_" + crypto::random_token(9), name, {}, {}, now_millis()};
            data::tenants::insert_group(tx, principal.tenant_id, {group.id, name, group.created_at});
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
            data::tenants::delete_group_member(tx, principal.tenant_id, group_id, member);
            append_tenant_event(tx, principal.actor,
                                make_event<EventType::kGroupMemberRemoved>(
                                    domain::group_subject(principal.tenant_id, group_id),
                                    domain::GroupMemberSnapshot{group_id, member}, std::nullopt, principal.tenant_id));
            for (const auto& service_id : group->service_ids) {
                const auto seat = data::seats::find_seat(tx, principal.tenant_id, service_id, member);
                if (!seat || seat->value_or("") != group_id) continue;
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
        data::tenants::delete_group_members(tx, principal.tenant_id, group_id);
        data::tenants::delete_group(tx, principal.tenant_id, group_id);
        append_tenant_event(
            tx, principal.actor,
            make_event<EventType::kGroupDeleted>(domain::group_subject(principal.tenant_id, group_id),
                                                 group_snapshot(*group), std::nullopt, principal.tenant_id));
        return Status::Ok();
    });
}

}  // namespace seatkeeper::service
