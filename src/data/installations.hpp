// The installations repository: the offers tenants installed from the marketplace ("Get it now",
// `installations`), one per tenant, offer and environment. See data/seats.hpp for what a repository is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

struct InstallationRow {
    std::string id;
    std::string tenant_id;
    std::string tenant_name;  // read from `tenants`; not written
    std::string publisher_id;
    std::string offer_id;
    std::string environment;
    std::string installed_by;
    Millis created_at = 0;
};

namespace installations {

std::optional<InstallationRow> find(store::Transaction& tx, const std::string& id);
// Whether the tenant installed the offer in the environment already.
bool exists(store::Transaction& tx, const std::string& tenant_id, const std::string& publisher_id,
            const std::string& offer_id, const std::string& environment);
void insert(store::Transaction& tx, const InstallationRow& installation);
// Newest first.
std::vector<InstallationRow> of_tenant(store::Transaction& tx, const std::string& tenant_id);
std::vector<InstallationRow> of_publisher(store::Transaction& tx, const std::string& publisher_id);

}  // namespace installations
}  // namespace seatkeeper::data
