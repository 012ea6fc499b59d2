#include "domain/roles.hpp"

#include <array>

namespace seatkeeper::domain {

std::optional<PublisherRole> parse_publisher_role(std::string_view text) {
    if (text == "global_admin") return PublisherRole::kGlobalAdmin;
    if (text == "account_admin") return PublisherRole::kAccountAdmin;
    if (text == "developer") return PublisherRole::kDeveloper;
    if (text == "viewer") return PublisherRole::kViewer;
    if (text == "app") return PublisherRole::kApp;
    return std::nullopt;
}

std::string_view to_string(PublisherRole role) {
    switch (role) {
        case PublisherRole::kGlobalAdmin:
            return "global_admin";
        case PublisherRole::kAccountAdmin:
            return "account_admin";
        case PublisherRole::kDeveloper:
            return "developer";
        case PublisherRole::kViewer:
            return "viewer";
        case PublisherRole::kApp:
            return "app";
    }
    return "viewer";
}

bool allows(PublisherRole role, Permission permission) {
    const bool admin = role == PublisherRole::kGlobalAdmin || role == PublisherRole::kAccountAdmin;
    switch (permission) {
        case Permission::kReadOffers:
            return role != PublisherRole::kApp;
        case Permission::kWriteOffers:
            return admin || role == PublisherRole::kDeveloper;
        case Permission::kManageLicensing:
            return admin;
        case Permission::kManageAccess:
        case Permission::kReadMail:
            return role == PublisherRole::kGlobalAdmin;
        case Permission::kRuntime:
            return role == PublisherRole::kApp;
    }
    return false;
}

namespace {

// One row per family of event types (ARCHITECTURE "The events spine"). The permission is the one the family's
// read routes check: offers, plans, leads and installations are read with kReadOffers; deals, their
// invitations, licenses and seats and the customers' tenants only by licensing admins; the users list is open to
// every staff role, API keys only to a global admin. Signing keys are public (JWKS), publishers everyone's own.
// Relationships and the tenants' user directory have no row: only a global admin reads them in the feed.
using F = EventFamily;
using P = Permission;
using T = TenantPermission;
constexpr auto kEventFamilyAccess = std::to_array<EventFamilyAccess>({
    {F::kOffer, P::kReadOffers, T::kReadLicenses},
    {F::kPlan, P::kReadOffers, T::kReadLicenses},
    {F::kLead, P::kReadOffers, T::kReadLicenses},
    {F::kInstallation, P::kReadOffers, T::kReadLicenses},
    {F::kDeal, P::kManageLicensing, T::kReadLicenses},
    {F::kInvitation, P::kManageLicensing, T::kReadLicenses},
    {F::kLicense, P::kManageLicensing, T::kReadLicenses},
    {F::kSeat, P::kManageLicensing, T::kReadLicenses},
    {F::kTenant, P::kManageLicensing, T::kReadLicenses},
    {F::kGroup, P::kManageLicensing, T::kReadLicenses},
    {F::kUser, P::kReadOffers, T::kReadLicenses},
    {F::kPublisher, P::kReadOffers, T::kReadLicenses},
    {F::kSigningKey, P::kReadOffers, T::kReadLicenses},
    {F::kApiKey, P::kManageAccess, T::kManageAccess},
    {F::kWebhook, P::kManageAccess, T::kManageAccess},
});

}  // namespace

std::span<const EventFamilyAccess> event_family_access() { return kEventFamilyAccess; }

std::vector<EventFamily> readable_event_families(PublisherRole role) {
    std::vector<EventFamily> out;
    for (const auto& f : kEventFamilyAccess) {
        if (allows(role, f.publisher)) out.push_back(f.family);
    }
    return out;
}

std::vector<EventFamily> readable_event_families(TenantRole role) {
    std::vector<EventFamily> out;
    for (const auto& f : kEventFamilyAccess) {
        if (allows(role, f.tenant)) out.push_back(f.family);
    }
    return out;
}

}  // namespace seatkeeper::domain
