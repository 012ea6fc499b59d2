// Installs ("Get it now"): a tenant admin installs a live offer from the marketplace into one of the tenant's
// environments, once per environment; the tenant and the offer's publisher list the installations.
#pragma once

#include <string>
#include <vector>

#include "service/context.hpp"

namespace seatkeeper::service {

struct Installation {
    std::string id;
    std::string tenant_id;
    std::string tenant_name;
    std::string publisher_id;
    std::string offer_id;
    std::string environment;
    std::string installed_by;
    Millis created_at = 0;
};
// Get it now: `product` is "<publisher>.<offer>" of a live offer whose actions include get_it_now; a
// license-managed offer without install-without-license also needs an active license pool of the tenant.
Result<Installation> install_offer(Services& services, const Principal& principal, const std::string& product,
                                   const std::string& environment);
Result<std::vector<Installation>> list_tenant_installations(Services& services, const Principal& principal);
Result<std::vector<Installation>> list_publisher_installations(Services& services, const Principal& principal);

}  // namespace seatkeeper::service
