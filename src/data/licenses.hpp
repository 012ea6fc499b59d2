// The licenses repository: the licenses a deal grants (`licenses`, deal × plan). See data/seats.hpp for what a
// repository is.
#pragma once

#include <cstdint>
#include <string>

#include "store/store.hpp"

namespace seatkeeper::data::licenses {

// The sum of the tenant's active licenses for the service ID: the quantity its pool should have.
std::int64_t active_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id);

}  // namespace seatkeeper::data::licenses
