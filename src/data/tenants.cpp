#include "data/tenants.hpp"

#include "data/rows.hpp"

namespace seatkeeper::data::tenants {

namespace {

using store::Query;

constexpr Query kFind{"tenant.find", "SELECT id, name, created_at FROM tenants WHERE id = ?"};
constexpr Query kInsert{"tenant.insert", "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)"};

// The columns every SELECT of verified domains reads, in verified_domain_from_row's order.
#define SK_VERIFIED_DOMAIN_COLUMNS "domain, created_at"

constexpr Query kDomainVerifiedAnywhere{"tenant_domain.exists", "SELECT 1 FROM tenant_domains WHERE domain = ?"};
constexpr Query kFindVerifiedDomain{"tenant_domain.find", "SELECT " SK_VERIFIED_DOMAIN_COLUMNS
                                                          " FROM tenant_domains WHERE tenant_id = ? AND domain = ?"};
constexpr Query kVerifiedDomains{"tenant_domain.of_tenant",
                                 "SELECT " SK_VERIFIED_DOMAIN_COLUMNS
                                 " FROM tenant_domains WHERE tenant_id = ? ORDER BY created_at, domain"};
constexpr Query kInsertVerifiedDomain{"tenant_domain.insert",
                                      "INSERT INTO tenant_domains (domain, tenant_id, created_at) VALUES (?, ?, ?)"};

VerifiedDomainRow verified_domain_from_row(const store::Row& r) { return {r.text(0), r.integer(1)}; }

// The columns every SELECT of pending domains reads, in pending_domain_from_row's order.
#define SK_PENDING_DOMAIN_COLUMNS "domain, token, created_at"

constexpr Query kFindPendingDomain{"pending_domain.find", "SELECT " SK_PENDING_DOMAIN_COLUMNS
                                                          " FROM pending_domains WHERE tenant_id = ? AND domain = ?"};
constexpr Query kPendingDomains{"pending_domain.of_tenant",
                                "SELECT " SK_PENDING_DOMAIN_COLUMNS
                                " FROM pending_domains WHERE tenant_id = ? ORDER BY created_at, domain"};
constexpr Query kInsertPendingDomain{
    "pending_domain.insert", "INSERT INTO pending_domains (tenant_id, domain, token, created_at) VALUES (?, ?, ?, ?)"};
constexpr Query kDeletePendingDomain{"pending_domain.delete",
                                     "DELETE FROM pending_domains WHERE tenant_id = ? AND domain = ?"};
constexpr Query kDeletePendingClaims{"pending_domain.delete_claims", "DELETE FROM pending_domains WHERE domain = ?"};
constexpr Query kCountDomains{"tenant_domain.count_with_pending",
                              "SELECT (SELECT COUNT(*) FROM tenant_domains WHERE tenant_id = ?) + "
                              "(SELECT COUNT(*) FROM pending_domains WHERE tenant_id = ?)"};

PendingDomainRow pending_domain_from_row(const store::Row& r) { return {r.text(0), r.text(1), r.integer(2)}; }

// The columns every SELECT of directory users reads, in directory_user_from_row's order.
#define SK_DIRECTORY_USER_COLUMNS "upn, display_name, created_at"

constexpr Query kHasDirectoryUser{"directory_user.exists",
                                  "SELECT 1 FROM directory_users WHERE tenant_id = ? AND upn = ?"};
constexpr Query kFindDirectoryUser{
    "directory_user.find", "SELECT " SK_DIRECTORY_USER_COLUMNS " FROM directory_users WHERE tenant_id = ? AND upn = ?"};
constexpr Query kDirectoryUsers{"directory_user.of_tenant", "SELECT " SK_DIRECTORY_USER_COLUMNS
                                                            " FROM directory_users WHERE tenant_id = ? ORDER BY upn"};
constexpr Query kInsertDirectoryUser{
    "directory_user.insert",
    "INSERT INTO directory_users (tenant_id, upn, display_name, created_at) VALUES (?, ?, ?, ?)"};
constexpr Query kRenameDirectoryUser{"directory_user.rename",
                                     "UPDATE directory_users SET display_name = ? WHERE tenant_id = ? AND upn = ?"};

DirectoryUserRow directory_user_from_row(const store::Row& r) { return {r.text(0), r.text(1), r.integer(2)}; }

// The columns every SELECT of groups reads, in group_from_row's order.
#define SK_GROUP_COLUMNS "id, name, created_at"

constexpr Query kFindGroup{"group.find", "SELECT " SK_GROUP_COLUMNS " FROM user_groups WHERE tenant_id = ? AND id = ?"};
constexpr Query kGroups{"group.of_tenant",
                        "SELECT " SK_GROUP_COLUMNS " FROM user_groups WHERE tenant_id = ? ORDER BY name"};
constexpr Query kGroupNameTaken{"group.name_taken", "SELECT 1 FROM user_groups WHERE tenant_id = ? AND name = ?"};
constexpr Query kInsertGroup{"group.insert",
                             "INSERT INTO user_groups (tenant_id, id, name, created_at) VALUES (?, ?, ?, ?)"};
constexpr Query kDeleteGroup{"group.delete", "DELETE FROM user_groups WHERE tenant_id = ? AND id = ?"};

GroupRow group_from_row(const store::Row& r) { return {r.text(0), r.text(1), r.integer(2)}; }

constexpr Query kGroupMemberUpns{"group_member.upns_of_group",
                                 "SELECT upn FROM group_members WHERE tenant_id = ? AND group_id = ? ORDER BY upn"};
constexpr Query kGroupMembers{"group_member.of_tenant",
                              "SELECT group_id, upn FROM group_members WHERE tenant_id = ? ORDER BY group_id, upn"};
constexpr Query kIsGroupMember{"group_member.exists",
                               "SELECT 1 FROM group_members WHERE tenant_id = ? AND group_id = ? AND upn = ?"};
constexpr Query kInsertGroupMember{
    "group_member.insert", "INSERT INTO group_members (tenant_id, group_id, upn, added_at) VALUES (?, ?, ?, ?)"};
constexpr Query kDeleteGroupMember{"group_member.delete",
                                   "DELETE FROM group_members WHERE tenant_id = ? AND group_id = ? AND upn = ?"};
constexpr Query kDeleteGroupMembers{"group_member.delete_of_group",
                                    "DELETE FROM group_members WHERE tenant_id = ? AND group_id = ?"};

}  // namespace

std::optional<TenantRow> find(store::Transaction& tx, const std::string& tenant_id) {
    const auto r = tx.query_one(kFind, {tenant_id});
    if (!r) return std::nullopt;
    return TenantRow{r->text(0), r->text(1), r->integer(2)};
}

void insert(store::Transaction& tx, const TenantRow& tenant) {
    tx.execute(kInsert, {tenant.id, tenant.name, tenant.created_at});
}

bool domain_verified_anywhere(store::Transaction& tx, const std::string& domain) {
    return tx.query_one(kDomainVerifiedAnywhere, {domain}).has_value();
}

std::optional<VerifiedDomainRow> find_verified_domain(store::Transaction& tx, const std::string& tenant_id,
                                                      const std::string& domain) {
    const auto r = tx.query_one(kFindVerifiedDomain, {tenant_id, domain});
    if (!r) return std::nullopt;
    return verified_domain_from_row(*r);
}

std::vector<VerifiedDomainRow> verified_domains(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kVerifiedDomains, {tenant_id}), verified_domain_from_row);
}

void insert_verified_domain(store::Transaction& tx, const std::string& tenant_id, const VerifiedDomainRow& domain) {
    tx.execute(kInsertVerifiedDomain, {domain.domain, tenant_id, domain.created_at});
}

std::optional<PendingDomainRow> find_pending_domain(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& domain) {
    const auto r = tx.query_one(kFindPendingDomain, {tenant_id, domain});
    if (!r) return std::nullopt;
    return pending_domain_from_row(*r);
}

std::vector<PendingDomainRow> pending_domains(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kPendingDomains, {tenant_id}), pending_domain_from_row);
}

void insert_pending_domain(store::Transaction& tx, const std::string& tenant_id, const PendingDomainRow& domain) {
    tx.execute(kInsertPendingDomain, {tenant_id, domain.domain, domain.token, domain.created_at});
}

void delete_pending_domain(store::Transaction& tx, const std::string& tenant_id, const std::string& domain) {
    tx.execute(kDeletePendingDomain, {tenant_id, domain});
}

void delete_pending_claims(store::Transaction& tx, const std::string& domain) {
    tx.execute(kDeletePendingClaims, {domain});
}

std::int64_t count_domains(store::Transaction& tx, const std::string& tenant_id) {
    const auto r = tx.query_one(kCountDomains, {tenant_id, tenant_id});
    return r ? r->integer(0) : 0;
}

bool has_directory_user(store::Transaction& tx, const std::string& tenant_id, const std::string& upn) {
    return tx.query_one(kHasDirectoryUser, {tenant_id, upn}).has_value();
}

std::optional<DirectoryUserRow> find_directory_user(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& upn) {
    const auto r = tx.query_one(kFindDirectoryUser, {tenant_id, upn});
    if (!r) return std::nullopt;
    return directory_user_from_row(*r);
}

std::vector<DirectoryUserRow> directory_users(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kDirectoryUsers, {tenant_id}), directory_user_from_row);
}

void insert_directory_user(store::Transaction& tx, const std::string& tenant_id, const DirectoryUserRow& user) {
    tx.execute(kInsertDirectoryUser, {tenant_id, user.upn, user.display_name, user.created_at});
}

void rename_directory_user(store::Transaction& tx, const std::string& tenant_id, const std::string& upn,
                           const std::string& display_name) {
    tx.execute(kRenameDirectoryUser, {display_name, tenant_id, upn});
}

std::optional<GroupRow> find_group(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id) {
    const auto r = tx.query_one(kFindGroup, {tenant_id, group_id});
    if (!r) return std::nullopt;
    return group_from_row(*r);
}

std::vector<GroupRow> groups(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kGroups, {tenant_id}), group_from_row);
}

bool group_name_taken(store::Transaction& tx, const std::string& tenant_id, const std::string& name) {
    return tx.query_one(kGroupNameTaken, {tenant_id, name}).has_value();
}

void insert_group(store::Transaction& tx, const std::string& tenant_id, const GroupRow& group) {
    tx.execute(kInsertGroup, {tenant_id, group.id, group.name, group.created_at});
}

void delete_group(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id) {
    tx.execute(kDeleteGroup, {tenant_id, group_id});
}

std::vector<std::string> group_member_upns(store::Transaction& tx, const std::string& tenant_id,
                                           const std::string& group_id) {
    return texts(tx.query(kGroupMemberUpns, {tenant_id, group_id}));
}

std::vector<GroupMemberRow> group_members(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kGroupMembers, {tenant_id}), [](const store::Row& r) {
        return GroupMemberRow{r.text(0), r.text(1)};
    });
}

bool is_group_member(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id,
                     const std::string& upn) {
    return tx.query_one(kIsGroupMember, {tenant_id, group_id, upn}).has_value();
}

void insert_group_member(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id,
                         const std::string& upn, Millis added_at) {
    tx.execute(kInsertGroupMember, {tenant_id, group_id, upn, added_at});
}

void delete_group_member(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id,
                         const std::string& upn) {
    tx.execute(kDeleteGroupMember, {tenant_id, group_id, upn});
}

void delete_group_members(store::Transaction& tx, const std::string& tenant_id, const std::string& group_id) {
    tx.execute(kDeleteGroupMembers, {tenant_id, group_id});
}

}  // namespace seatkeeper::data::tenants
