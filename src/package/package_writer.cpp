#include "package/package_writer.hpp"

#include <zip.h>

#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>

namespace seatkeeper::package {

namespace {

std::string to_text(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

void add_entry(zip_t* archive, const std::string& name, const std::string& data) {
    zip_source_t* src = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (src == nullptr || zip_file_add(archive, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
        if (src != nullptr) zip_source_free(src);
        throw std::runtime_error("cannot add " + name + " to the package: " + zip_strerror(archive));
    }
}

}  // namespace

std::string solution_xml(const SolutionPackage& package) {
    pugi::xml_document doc;
    auto manifest = doc.append_child("ImportExportXml").append_child("SolutionManifest");
    manifest.append_child("UniqueName").text().set(package.unique_name.c_str());
    manifest.append_child("Version").text().set(package.version.c_str());
    manifest.append_child("Publisher").append_child("UniqueName").text().set(package.publisher.c_str());
    return to_text(doc);
}

std::string service_plans_xml(const std::vector<domain::ServicePlanEntry>& plans) {
    pugi::xml_document doc;
    auto root = doc.append_child("ServicePlans");
    for (const auto& p : plans) {
        auto node = root.append_child("ServicePlan");
        node.append_child("ServiceId").text().set(p.service_id.c_str());
        node.append_child("DisplayName").text().set(p.display_name.c_str());
        node.append_child("MoreInfoUrl").text().set(p.more_info_url.c_str());
    }
    return to_text(doc);
}

std::string app_modules_xml(const std::vector<domain::AppModuleMapping>& mappings) {
    pugi::xml_document doc;
    auto root = doc.append_child("ServicePlanAppModules");
    for (const auto& m : mappings) {
        auto node = root.append_child("ServicePlanAppModule");
        node.append_child("ServiceId").text().set(m.service_id.c_str());
        node.append_child("AppModule").text().set(m.app_module.c_str());
    }
    return to_text(doc);
}

std::string write_package(const SolutionPackage& package) {
    const std::string content_types =
        R"(<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>)";
    const std::string customizations = "<ImportExportXml><Entities /></ImportExportXml>";
    std::vector<PackageFile> files{{"[Content_Types].xml", content_types},
                                   {"solution.xml", solution_xml(package)},
                                   {"customizations.xml", customizations}};
    if (!package.service_plans.empty()) {
        files.push_back({"ServicePlans/ServicePlans.xml", service_plans_xml(package.service_plans)});
        files.push_back({"ServicePlans/ServicePlansAppModules.xml", app_modules_xml(package.app_modules)});
    }
    return write_zip(files);
}

std::string write_zip(const std::vector<PackageFile>& files) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) throw std::runtime_error("cannot create a zip buffer");
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        zip_source_free(buffer);
        throw std::runtime_error("cannot open a zip buffer");
    }
    zip_source_keep(buffer);  // read the bytes back after zip_close
    for (const PackageFile& file : files) add_entry(archive, file.name, file.data);
    if (zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(buffer);
        throw std::runtime_error("cannot finish the zip");
    }
    std::string out;
    if (zip_source_open(buffer) == 0) {
        char chunk[8192];  // NOLINT(modernize-avoid-c-arrays)
        zip_int64_t n = 0;
        while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(n));
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    return out;
}

}  // namespace seatkeeper::package
