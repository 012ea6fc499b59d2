#include "data/installations.hpp"

namespace seatkeeper::data::installations {

namespace {

using store::Query;

// All three read an installation with its tenant's name, in installation_from_row's column order.
constexpr Query kFind{"installation.find",
                      "SELECT i.id, i.tenant_id, t.name, i.publisher_id, i.offer_id, i.environment, i.installed_by, "
                      "i.created_at FROM installations i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = ?"};
constexpr Query kOfTenant{"installation.of_tenant",
                          "SELECT i.id, i.tenant_id, t.name, i.publisher_id, i.offer_id, i.environment, "
                          "i.installed_by, i.created_at FROM installations i JOIN tenants t ON t.id = i.tenant_id "
                          "WHERE i.tenant_id = ? ORDER BY i.created_at DESC, i.id"};
constexpr Query kOfPublisher{"installation.of_publisher",
                             "SELECT i.id, i.tenant_id, t.name, i.publisher_id, i.offer_id, i.environment, "
                             "i.installed_by, i.created_at FROM installations i JOIN tenants t ON t.id = i.tenant_id "
                             "WHERE i.publisher_id = ? ORDER BY i.created_at DESC, i.id"};

InstallationRow installation_from_row(const store::Row& r) {
    return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.integer(7)};
}

constexpr Query kExists{"installation.exists",
                        "SELECT 1 FROM installations WHERE tenant_id = ? AND publisher_id = ? AND offer_id = ? AND "
                        "environment = ?"};
constexpr Query kInsert{"installation.insert",
                        "INSERT INTO installations (id, tenant_id, publisher_id, offer_id, environment, installed_by, "
                        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"};

std::vector<InstallationRow> installations_from_rows(const store::Rows& rows) {
    std::vector<InstallationRow> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(installation_from_row(r));
    return out;
}

}  // namespace

std::optional<InstallationRow> find(store::Transaction& tx, const std::string& id) {
    const auto r = tx.query_one(kFind, {id});
    if (!r) return std::nullopt;
    return installation_from_row(*r);
}

bool exists(store::Transaction& tx, const std::string& tenant_id, const std::string& publisher_id,
            const std::string& offer_id, const std::string& environment) {
    return tx.query_one(kExists, {tenant_id, publisher_id, offer_id, environment}).has_value();
}

void insert(store::Transaction& tx, const InstallationRow& i) {
    tx.execute(kInsert, {i.id, i.tenant_id, i.publisher_id, i.offer_id, i.environment, i.installed_by, i.created_at});
}

std::vector<InstallationRow> of_tenant(store::Transaction& tx, const std::string& tenant_id) {
    return installations_from_rows(tx.query(kOfTenant, {tenant_id}));
}

std::vector<InstallationRow> of_publisher(store::Transaction& tx, const std::string& publisher_id) {
    return installations_from_rows(tx.query(kOfPublisher, {publisher_id}));
}

}  // namespace seatkeeper::data::installations
