#include "data/licenses.hpp"

namespace seatkeeper::data::licenses {

namespace {

using store::Query;

constexpr Query kActiveQuantity{
    "license.active_quantity",
    "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM licenses WHERE tenant_id = ? AND service_id = ? AND "
    "active = 1"};

}  // namespace

std::int64_t active_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id) {
    const auto r = tx.query_one(kActiveQuantity, {tenant_id, service_id});
    return r ? r->integer(0) : 0;
}

}  // namespace seatkeeper::data::licenses

// A deal's licenses, as service/licenses grants and trashes them.
namespace seatkeeper::data::licenses {

namespace {

using store::Query;

constexpr Query kFind{"license.find",
                      "SELECT service_id, quantity, active FROM licenses WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kInsert{
    "license.insert",
    "INSERT INTO licenses (deal_id, plan_id, publisher_id, offer_id, tenant_id, service_id, quantity, active, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"};
constexpr Query kRevive{"license.revive",
                        "UPDATE licenses SET quantity = ?, active = 1, updated_at = ?, deactivated_at = NULL "
                        "WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kDeactivate{
    "license.deactivate",
    "UPDATE licenses SET active = 0, updated_at = ?, deactivated_at = ? WHERE deal_id = ? AND plan_id = ?"};
constexpr Query kDealHasActive{"license.deal_has_active", "SELECT 1 FROM licenses WHERE deal_id = ? AND active = 1"};
constexpr Query kOfDeal{
    "license.of_deal",
    "SELECT l.plan_id, pl.name, l.service_id, l.quantity, COALESCE(lp.assigned, 0), l.active, l.updated_at "
    "FROM licenses l JOIN plans pl ON pl.publisher_id = l.publisher_id AND pl.offer_id = l.offer_id AND "
    "pl.id = l.plan_id LEFT JOIN license_pools lp ON lp.tenant_id = l.tenant_id AND lp.service_id = l.service_id "
    "WHERE l.deal_id = ? ORDER BY l.active DESC, l.created_at, l.plan_id"};

}  // namespace

std::optional<LicenseRow> find(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id) {
    const auto r = tx.query_one(kFind, {deal_id, plan_id});
    if (!r) return std::nullopt;
    return LicenseRow{r->text(0), r->integer(1), r->boolean(2)};
}

void insert(store::Transaction& tx, const NewLicense& l, Millis now) {
    tx.execute(kInsert,
               {l.deal_id, l.plan_id, l.publisher_id, l.offer_id, l.tenant_id, l.service_id, l.quantity, now, now});
}

void revive(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, std::int64_t quantity,
            Millis now) {
    tx.execute(kRevive, {quantity, now, deal_id, plan_id});
}

void deactivate(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, Millis now) {
    tx.execute(kDeactivate, {now, now, deal_id, plan_id});
}

bool deal_has_active(store::Transaction& tx, const std::string& deal_id) {
    return tx.query_one(kDealHasActive, {deal_id}).has_value();
}

std::vector<DealLicenseRow> of_deal(store::Transaction& tx, const std::string& deal_id) {
    std::vector<DealLicenseRow> out;
    for (const auto& r : tx.query(kOfDeal, {deal_id})) {
        out.push_back({r.text(0), r.text(1), r.text(2), r.integer(3), r.integer(4), r.boolean(5), r.integer(6)});
    }
    return out;
}

}  // namespace seatkeeper::data::licenses
