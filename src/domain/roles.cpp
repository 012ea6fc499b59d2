#include "domain/roles.hpp"

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
using P = Permission;
using T = TenantPermission;
constexpr EventFamily kEventFamilies[] = {
    {"offer", P::kReadOffers, T::kReadLicenses},        {"plan", P::kReadOffers, T::kReadLicenses},
    {"lead", P::kReadOffers, T::kReadLicenses},         {"installation", P::kReadOffers, T::kReadLicenses},
    {"deal", P::kManageLicensing, T::kReadLicenses},    {"invitation", P::kManageLicensing, T::kReadLicenses},
    {"license", P::kManageLicensing, T::kReadLicenses}, {"seat", P::kManageLicensing, T::kReadLicenses},
    {"tenant", P::kManageLicensing, T::kReadLicenses},  {"group", P::kManageLicensing, T::kReadLicenses},
    {"user", P::kReadOffers, T::kReadLicenses},         {"publisher", P::kReadOffers, T::kReadLicenses},
    {"signing_key", P::kReadOffers, T::kReadLicenses},  {"api_key", P::kManageAccess, T::kManageAccess},
};

}  // namespace

std::span<const EventFamily> event_families() { return kEventFamilies; }

std::vector<std::string_view> readable_event_families(PublisherRole role) {
    std::vector<std::string_view> out;
    for (const auto& f : kEventFamilies) {
        if (allows(role, f.publisher)) out.push_back(f.family);
    }
    return out;
}

std::vector<std::string_view> readable_event_families(TenantRole role) {
    std::vector<std::string_view> out;
    for (const auto& f : kEventFamilies) {
        if (allows(role, f.tenant)) out.push_back(f.family);
    }
    return out;
}

}  // namespace seatkeeper::domain
