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
