// Builds solution-package zips in memory for tests, including ones no honest tool would write: entry names
// are stored byte for byte ("../evil.txt", "C:/x", "a\\b"), entries can be symbolic links, stored or
// deflated, or password-protected. Also the XML files of PACKAGE.md, and a well-formed package from them.
//
// Thread-safety: free functions with no shared state.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seatkeeper::testing {

struct ZipEntry {
    std::string name;
    std::string data;
    bool symlink = false;             // Unix symlink mode bits; `data` is the link target
    bool store_uncompressed = false;  // otherwise deflated
    bool encrypted = false;           // traditional PKWARE encryption with a fixed password
};

// A zip holding `entries` in order. Fails the calling test (and returns "") when libzip refuses.
std::string build_zip(const std::vector<ZipEntry>& entries);

// solution.xml whose solution is "<publisher>solution", version 1.0.0.0, publisher `publisher`.
std::string solution_xml(std::string_view publisher);
// ServicePlans/ServicePlans.xml with one plan per Service ID, its display name and a more-info URL.
std::string service_plans_xml(const std::vector<std::string>& service_ids);
// ServicePlans/ServicePlansAppModules.xml from (Service ID, app module) pairs.
std::string app_modules_xml(const std::vector<std::pair<std::string, std::string>>& mappings);

// A package review accepts: the three files, each Service ID mapped to "<publisher>_app", plus the
// customizations.xml and [Content_Types].xml every export carries.
std::string good_package(std::string_view publisher, const std::vector<std::string>& service_ids);

}  // namespace seatkeeper::testing
