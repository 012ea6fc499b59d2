// The licenses repository: the licenses a deal grants (`licenses`, deal × plan). See data/seats.hpp for what a
// repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data::licenses {

// The sum of the tenant's active licenses for the service ID: the quantity its pool should have.
std::int64_t active_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id);

}  // namespace seatkeeper::data::licenses

// A deal's licenses, as service/licenses grants and trashes them.
namespace seatkeeper::data {

// A deal's licenses for one plan, kept (inactive) once trashed.
struct LicenseRow {
    std::string service_id;
    std::int64_t quantity = 0;
    bool active = false;
};

struct NewLicense {
    std::string deal_id;
    std::string plan_id;
    std::string publisher_id;
    std::string offer_id;
    std::string tenant_id;
    std::string service_id;
    std::int64_t quantity = 0;
};

// A row of a deal's licenses as the publisher manages them, with its plan's name and the tenant's seats taken.
struct DealLicenseRow {
    std::string plan_id;
    std::string plan_name;
    std::string service_id;
    std::int64_t quantity = 0;
    std::int64_t assigned = 0;  // of the tenant's whole pool for this service ID
    bool active = false;
    Millis updated_at = 0;
};

namespace licenses {

std::optional<LicenseRow> find(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id);
void insert(store::Transaction& tx, const NewLicense& license, Millis now);
// Sets the quantity of a deal's licenses for a plan and makes them active again.
void revive(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, std::int64_t quantity,
            Millis now);
void deactivate(store::Transaction& tx, const std::string& deal_id, const std::string& plan_id, Millis now);
// Whether the deal grants any active licenses.
bool deal_has_active(store::Transaction& tx, const std::string& deal_id);
// The deal's licenses, active ones first, then in the order they were added.
std::vector<DealLicenseRow> of_deal(store::Transaction& tx, const std::string& deal_id);

}  // namespace licenses
}  // namespace seatkeeper::data
