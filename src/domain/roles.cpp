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

}  // namespace seatkeeper::domain
