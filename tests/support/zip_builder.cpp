#include "support/zip_builder.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include <cstdio>

namespace seatkeeper::testing {

namespace {

constexpr const char* kPassword = "seatkeeper";

// libzip writes nothing at all for an archive without entries; this is the end-of-directory record alone.
std::string empty_zip() { return std::string("PK\x05\x06", 4) + std::string(18, '\0'); }

bool add_entry(zip_t* za, const ZipEntry& entry) {
    zip_source_t* data = zip_source_buffer(za, entry.data.data(), entry.data.size(), 0);
    if (data == nullptr) return false;
    // ENC_RAW keeps names such as "../evil.txt" byte for byte; libzip does not sanitise names it writes.
    const zip_int64_t index = zip_file_add(za, entry.name.c_str(), data, ZIP_FL_ENC_RAW);
    if (index < 0) {
        zip_source_free(data);
        return false;
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (entry.store_uncompressed && zip_set_file_compression(za, i, ZIP_CM_STORE, 0) != 0) return false;
    if (entry.symlink && zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX,
                                                          static_cast<zip_uint32_t>(S_IFLNK | 0777) << 16) != 0) {
        return false;
    }
    if (entry.encrypted && zip_file_set_encryption(za, i, ZIP_EM_TRAD_PKWARE, kPassword) != 0) return false;
    return true;
}

std::string read_all(zip_source_t* source) {
    if (zip_source_open(source) != 0) return {};
    std::string bytes;
    if (zip_source_seek(source, 0, SEEK_END) == 0) {
        const zip_int64_t size = zip_source_tell(source);
        if (size > 0 && zip_source_seek(source, 0, SEEK_SET) == 0) {
            bytes.resize(static_cast<std::size_t>(size));
            const zip_int64_t n = zip_source_read(source, bytes.data(), bytes.size());
            bytes.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        }
    }
    zip_source_close(source);
    return bytes;
}

std::string escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

std::string build_zip(const std::vector<ZipEntry>& entries) {
    if (entries.empty()) return empty_zip();
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) {
        ADD_FAILURE() << "zip_source_buffer_create: " << zip_error_strerror(&error);
        zip_error_fini(&error);
        return {};
    }
    zip_source_keep(buffer);  // the archive frees its source on close; the bytes are read from it afterwards
    zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (za == nullptr) {
        ADD_FAILURE() << "zip_open_from_source: " << zip_error_strerror(&error);
        zip_error_fini(&error);
        zip_source_free(buffer);
        zip_source_free(buffer);
        return {};
    }
    zip_error_fini(&error);

    for (const ZipEntry& entry : entries) {
        if (!add_entry(za, entry)) {
            ADD_FAILURE() << "adding '" << entry.name << "': " << zip_strerror(za);
            zip_discard(za);
            zip_source_free(buffer);
            return {};
        }
    }
    if (zip_close(za) != 0) {
        ADD_FAILURE() << "zip_close: " << zip_strerror(za);
        zip_discard(za);
        zip_source_free(buffer);
        return {};
    }
    std::string bytes = read_all(buffer);
    zip_source_free(buffer);
    return bytes;
}

std::string solution_xml(std::string_view publisher) {
    const std::string p = escaped(publisher);
    std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.24023.198" SolutionPackageVersion="9.2" languagecode="1033">
  <SolutionManifest>
    <UniqueName>)";
    xml.append(p).append(R"(solution</UniqueName>
    <Version>1.0.0.0</Version>
    <Managed>1</Managed>
    <Publisher>
      <UniqueName>)");
    xml.append(p).append(R"(</UniqueName>
    </Publisher>
  </SolutionManifest>
</ImportExportXml>
)");
    return xml;
}

std::string service_plans_xml(const std::vector<std::string>& service_ids) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ServicePlans>\n";
    for (const std::string& id : service_ids) {
        const std::string e = escaped(id);
        xml.append("  <ServicePlan>\n    <ServiceId>").append(e).append("</ServiceId>\n");
        xml.append("    <DisplayName>Plan ").append(e).append("</DisplayName>\n");
        xml.append("    <MoreInfoUrl>https://example.com/plans/").append(e).append("</MoreInfoUrl>\n");
        xml.append("  </ServicePlan>\n");
    }
    return xml.append("</ServicePlans>\n");
}

std::string app_modules_xml(const std::vector<std::pair<std::string, std::string>>& mappings) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ServicePlanAppModules>\n";
    for (const auto& [service_id, app_module] : mappings) {
        xml.append("  <ServicePlanAppModule><ServiceId>").append(escaped(service_id)).append("</ServiceId>");
        xml.append("<AppModule>").append(escaped(app_module)).append("</AppModule></ServicePlanAppModule>\n");
    }
    return xml.append("</ServicePlanAppModules>\n");
}

std::string good_package(std::string_view publisher, const std::vector<std::string>& service_ids) {
    std::vector<std::pair<std::string, std::string>> mappings;
    mappings.reserve(service_ids.size());
    for (const std::string& id : service_ids) mappings.emplace_back(id, std::string(publisher) + "_app");
    return build_zip({
        {"[Content_Types].xml",
         R"(<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/)"
         R"(content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>)"},
        {"solution.xml", solution_xml(publisher)},
        {"customizations.xml",
         R"(<?xml version="1.0" encoding="utf-8"?><ImportExportXml><Entities /></ImportExportXml>)"},
        {"ServicePlans/ServicePlans.xml", service_plans_xml(service_ids)},
        {"ServicePlans/ServicePlansAppModules.xml", app_modules_xml(mappings)},
    });
}

}  // namespace seatkeeper::testing
