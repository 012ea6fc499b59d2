// Customer tenants (PRODUCT.md steps 10–12, API.md "Admin Center"): the tenant and its domains, the user
// directory that seats are assigned to, and groups of users.
//
// Every use case is scoped to the caller's tenant; another tenant's objects are simply not found (404).
// A UPN names a user of the tenant only when its domain is one of the tenant's domains.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/tenants.hpp"
#include "service/context.hpp"

namespace seatkeeper::service {

struct TenantRecord {
    std::string id;
    std::string name;
    std::vector<std::string> domains;
    Millis created_at = 0;
};

struct NewTenant {
    std::string name;
    std::vector<std::string> domains;
    std::string admin_email;
    std::string admin_password;
    std::string admin_name;
};

// A tenant with its first global admin (`seatkeeper admin create-tenant`, demo-seed).
Result<TenantRecord> create_tenant(Services& services, const NewTenant& input);
// Inside the caller's transaction: validates name and domains (each free), inserts the tenant.
// `name_field` is what errors about the name call it ("name", or "tenant_name" in a signup).
Result<TenantRecord> insert_tenant(store::Transaction& tx, const std::string& actor, const std::string& name,
                                   const std::vector<std::string>& domains, const std::string& name_field = "name");
// Invalid naming `field` unless `name` is a tenant's name: not blank, at most 200 characters, no control
// characters.
Status validate_tenant_name(const std::string& field, const std::string& name);
Result<TenantRecord> get_tenant(Services& services, const Principal& principal);
std::optional<TenantRecord> load_tenant(store::Transaction& tx, const std::string& tenant_id);

// A tenant's domains (API.md "more domains prove themselves by DNS"): `verified` ones decide whose users a
// UPN names and which invitations the tenant may answer; a `pending` one does nothing until the TXT record
// `txt_record` is found in the domain's DNS. Several tenants may have the same domain pending.
struct DomainRecord {
    std::string domain;
    std::string state;                      // verified, pending
    std::optional<std::string> txt_record;  // pending: "seatkeeper-verification=…"
    Millis created_at = 0;
};

Result<std::vector<DomainRecord>> list_domains(Services& services, const Principal& principal);
// Global admins: a new pending domain with its TXT record; 409 when the tenant has it already or another
// tenant has verified it.
Result<DomainRecord> add_domain(Services& services, const Principal& principal, const std::string& domain);
// Global admins: looks up the domain's TXT records (through settings.dns_resolver) and verifies the domain
// when one is its txt_record; 409 `dns_record_missing` saying what was found otherwise.
Result<DomainRecord> verify_domain(Services& services, const Principal& principal, const std::string& domain);
// Global admins: withdraws a pending domain (a verified one stays: users and seats depend on it).
Status remove_domain(Services& services, const Principal& principal, const std::string& domain);

Result<std::vector<data::DirectoryUserRow>> list_directory(Services& services, const Principal& principal);
// Adds a user (or renames one already there); `created` tells which.
Result<data::DirectoryUserRow> add_directory_user(Services& services, const Principal& principal,
                                                  const std::string& upn, const std::string& display_name,
                                                  bool* created = nullptr);
// CSV with a header naming `upn` and optionally `display_name` columns; all rows or none (the error names
// the line). Users already in the directory keep their place; a display name given renames them. Returns the
// users added.
Result<std::vector<data::DirectoryUserRow>> import_directory_csv(Services& services, const Principal& principal,
                                                                 const std::string& csv);
// Inside a transaction: the normalized UPN of a user of `tenant_id`, added to the directory when new.
// Invalid naming `field` when the UPN is malformed or outside the tenant's domains.
Result<std::string> ensure_directory_user(store::Transaction& tx, const std::string& actor,
                                          const std::string& tenant_id, const std::string& field,
                                          const std::string& upn);

struct GroupRecord {
    std::string id;
    std::string name;
    std::vector<std::string> members;
    std::vector<std::string> service_ids;  // the licenses the group is assigned to
    Millis created_at = 0;
};

Result<std::vector<GroupRecord>> list_groups(Services& services, const Principal& principal);
Result<GroupRecord> get_group(Services& services, const Principal& principal, const std::string& group_id);
Result<GroupRecord> create_group(Services& services, const Principal& principal, const std::string& name,
                                 const std::vector<std::string>& members);
// New members of a group take a seat of every license the group is assigned to: all or nothing, 409 when a
// license has no seat left for them.
Result<GroupRecord> add_group_members(Services& services, const Principal& principal, const std::string& group_id,
                                      const std::vector<std::string>& members);
// A member who leaves gives back the seats held through the group (or keeps them through another assigned
// group they are in).
Result<GroupRecord> remove_group_member(Services& services, const Principal& principal, const std::string& group_id,
                                        const std::string& upn);
// Deletes a group: it leaves every license it is assigned to (each member's seat through it is handed back,
// as when the group is unassigned), then its members and the group go.
Status delete_group(Services& services, const Principal& principal, const std::string& group_id);
std::optional<GroupRecord> load_group(store::Transaction& tx, const std::string& tenant_id,
                                      const std::string& group_id);

}  // namespace seatkeeper::service
