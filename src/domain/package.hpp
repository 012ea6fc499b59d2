// What review learns from a solution package, and the notifications it raises (PACKAGE.md).
//
// The package reader (src/package/) turns zip bytes into a PackageManifest plus the notifications found
// while reading (not a zip, unsafe entries, malformed XML); domain/review.hpp then compares the manifest
// with the offer's plans. Pure data; no I/O here.
#pragma once

#include <string>
#include <vector>

namespace seatkeeper::domain {

// One problem found by review: what is wrong, where, and how to fix it. `code` is a stable slug
// (e.g. "service_id_missing"); `field` names the offer field a UI should link to
// ("technical_configuration.package_url", "plans.basic.description", "listing.name"), empty when nothing in the offer
// is to blame.
struct Notification {
    std::string code;
    std::string message;   // what is wrong
    std::string location;  // where: a field, or a path inside the package ("ServicePlans/ServicePlans.xml")
    std::string fix;       // how to fix it
    std::string field;

    bool operator==(const Notification&) const = default;
};

struct ServicePlanEntry {
    std::string service_id;
    std::string display_name;
    std::string more_info_url;
};

struct AppModuleMapping {
    std::string service_id;
    std::string app_module;
};

struct PackageManifest {
    std::string solution_unique_name;
    std::string solution_version;
    std::string publisher_unique_name;
    bool has_service_plans = false;  // ServicePlans/ServicePlans.xml present and well-formed
    std::vector<ServicePlanEntry> service_plans;
    bool has_app_modules = false;  // ServicePlans/ServicePlansAppModules.xml present and well-formed
    std::vector<AppModuleMapping> app_modules;
};

// The outcome of reading a package: the manifest is usable only when `readable` is true (a zip whose
// solution.xml parsed); `notifications` holds every problem found on the way, even when readable.
struct PackageReading {
    bool readable = false;
    PackageManifest manifest;
    std::vector<Notification> notifications;
};

}  // namespace seatkeeper::domain
