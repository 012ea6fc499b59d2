// Who may do what (PRODUCT.md "Who uses it", API.md "Authentication"). One table, consulted by services.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/customer.hpp"
#include "domain/events.hpp"

namespace seatkeeper::domain {

enum class PublisherRole { kGlobalAdmin, kAccountAdmin, kDeveloper, kViewer, kApp };

std::optional<PublisherRole> parse_publisher_role(std::string_view text);
std::string_view to_string(PublisherRole role);

enum class Permission {
    kReadOffers,       // offers, plans, leads, events
    kWriteOffers,      // create and change offers and plans, publish, go live
    kManageLicensing,  // deals, invitations, licenses (global and account admins only)
    kManageAccess,     // users and API keys of the publisher
    kReadMail,         // the publisher's mail outbox: who was mailed what, and whether it went out
    kRuntime,          // license checks and tokens
};

bool allows(PublisherRole role, Permission permission);

// Reading an event needs what reading its subject through its own route needs: the change feed must not show a
// viewer the deals `GET /api/v1/deals` refuses it. Decided by the type's family (domain::family_of); an event of
// a family not listed here is shown to nobody but a global admin.
struct EventFamilyAccess {
    EventFamily family;
    Permission publisher;     // what a publisher account needs to see it
    TenantPermission tenant;  // what a tenant account needs to see it
};
std::span<const EventFamilyAccess> event_family_access();

// The families `role` may read in its publisher's feed, and those `role` may read in its tenant's.
std::vector<EventFamily> readable_event_families(PublisherRole role);
std::vector<EventFamily> readable_event_families(TenantRole role);

}  // namespace seatkeeper::domain
