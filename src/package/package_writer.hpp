// Writes a solution package zip (PACKAGE.md) in memory: solution.xml, ServicePlans/ServicePlans.xml and
// ServicePlans/ServicePlansAppModules.xml. Used by demo-seed and by tests; a publisher builds theirs with
// Power Platform tooling.
#pragma once

#include <string>
#include <vector>

#include "domain/package.hpp"

namespace seatkeeper::package {

struct SolutionPackage {
    std::string unique_name;
    std::string version = "1.0.0.0";
    std::string publisher;
    std::vector<domain::ServicePlanEntry> service_plans;  // empty: no ServicePlans files at all
    std::vector<domain::AppModuleMapping> app_modules;
};

std::string solution_xml(const SolutionPackage& package);
std::string service_plans_xml(const std::vector<domain::ServicePlanEntry>& plans);
std::string app_modules_xml(const std::vector<domain::AppModuleMapping>& mappings);
// The zip bytes; throws std::runtime_error if libzip fails (out of memory).
std::string write_package(const SolutionPackage& package);

struct PackageFile {
    std::string name;
    std::string data;
};
// A zip of `files` in their order, each deflated, whatever they hold (fuzz/package_reader_fuzz.cpp packs
// arbitrary XML this way); throws std::runtime_error if libzip fails.
std::string write_zip(const std::vector<PackageFile>& files);

}  // namespace seatkeeper::package
