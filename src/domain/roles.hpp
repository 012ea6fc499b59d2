// Who may do what (PRODUCT.md "Who uses it", API.md "Authentication"). One table, consulted by services.
#pragma once

#include <optional>
#include <string_view>

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

}  // namespace seatkeeper::domain
