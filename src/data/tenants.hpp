// The tenants repository: customer tenants (`tenants`), their verified domains (`tenant_domains`) and the ones
// still to prove by DNS (`pending_domains`), the user directory (`directory_users`), and groups of users
// (`user_groups`, `group_members`). Which licenses a group is assigned to is the seats repository's
// (data/seats.hpp, `group_assignments`). See data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

struct TenantRow {
    std::string id;
    std::string name;
    Millis created_at = 0;
};

// A domain of the tenant's, proven (added with the tenant, or verified by DNS).
struct VerifiedDomainRow {
    std::string domain;
    Millis created_at = 0;
};

// A domain the tenant added and has not proven yet: the TXT record to find carries `token`.
struct PendingDomainRow {
    std::string domain;
    std::string token;
    Millis created_at = 0;
};

// A user of the tenant's directory, whom seats are assigned to.
struct DirectoryUserRow {
    std::string upn;
    std::string display_name;
    Millis created_at = 0;
};

struct GroupRow {
    std::string id;
    std::string name;
    Millis created_at = 0;
};

struct GroupMemberRow {
    std::string group_id;
    std::string upn;
};

namespace tenants {

std::optional<TenantRow> find(store::Transaction& tx, const std::string& tenant_id);
void insert(store::Transaction& tx, const TenantRow& tenant);

// Whether any tenant has the domain verified (a domain is verified by one tenant at most).
bool domain_verified_anywhere(store::Transaction& tx, const std::string& domain);
std::optional<VerifiedDomainRow> find_verified_domain(store::Transaction& tx, const std::string& tenant_id,
                                                      const std::string& domain);
// Oldest first (then by name).
std::vector<VerifiedDomainRow> verified_domains(store::Transaction& tx, const std::string& tenant_id);
void insert_verified_domain(store::Transaction& tx, const std::string& tenant_id, const VerifiedDomainRow& domain);

std::optional<PendingDomainRow> find_pending_domain(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& domain);
// Oldest first (then by name).
std::vector<PendingDomainRow> pending_domains(store::Transaction& tx, const std::string& tenant_id);
void insert_pending_domain(store::Transaction& tx, const std::string& tenant_id, const PendingDomainRow& domain);
void delete_pending_domain(store::Transaction& tx, const std::string& tenant_id, const std::string& domain);
// Every tenant's claim on the domain (it was just verified by one of them).
void delete_pending_claims(store::Transaction& tx, const std::string& domain);
// The tenant's domains, verified and pending together.
std::int64_t count_domains(store::Transaction& tx, const std::string& tenant_id);

bool has_directory_user(store::Transaction& tx, const std::string& tenant_id, const std::string& upn);
std::optional<DirectoryUserRow> find_directory_user(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& upn);
// By UPN.
std::vector<DirectoryUserRow> directory_users(store::Transaction& tx, const std::string& tenant_id);
void insert_directory_user(store::Transaction& tx, const std::string& tenant_id, const DirectoryUserRow& user);
void rename_directory_user(store::Transaction& tx, const std::string& tenant_id, const std::string& upn,
                           const std::string& display_name);

std::optional<GroupRow> find_group(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id);
// By name.
std::vector<GroupRow> groups(store::Transaction& tx, const std::string& tenant_id);
bool group_name_taken(store::Transaction& tx, const std::string& tenant_id, const std::string& name);
void insert_group(store::Transaction& tx, const std::string& tenant_id, const GroupRow& group);
// The group row only: its members go first (delete_group_members).
void delete_group(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id);

// By UPN.
std::vector<std::string> group_member_upns(store::Transaction& tx, const std::string& tenant_id,
                                           const std::string& group_id);
// The members of all the tenant's groups, by UPN within each group.
std::vector<GroupMemberRow> group_members(store::Transaction& tx, const std::string& tenant_id);
bool is_group_member(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id,
                     const std::string& upn);
void insert_group_member(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id,
                         const std::string& upn, Millis added_at);
void delete_group_member(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id,
                         const std::string& upn);
void delete_group_members(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id);

}  // namespace tenants
}  // namespace seatkeeper::data
