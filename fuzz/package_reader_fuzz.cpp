// Solution packages (package/package_reader.hpp), three ways on each input:
// - as zip bytes, read with the server's default limits and again with tight ones, so that every limit is
//   reached by small inputs;
// - as the three XML files (split at NUL bytes: solution.xml, ServicePlans.xml, ServicePlansAppModules.xml)
//   zipped by package::write_zip, so that the fuzzer reaches the XML reading without forging CRCs;
// - as lines: solution name, version, publisher, then (Service ID, display name, URL, app module) per plan,
//   written by package::write_package and read back.
//
// Properties: every notification has a known code, a message, a fix and the package field, and all its
// text is UTF-8 (it is shown to the publisher as JSON and stored in the database); a readable package names
// its solution; plans and mappings are listed only from files that parsed, each with its Service ID (and
// app module); every string of the manifest is UTF-8 too; reading the same bytes twice gives the same; what
// write_package writes (of plain, trimmed one-line text) reads back unchanged and without a notification.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "fuzz_check.hpp"
#include "package/package_reader.hpp"
#include "package/package_writer.hpp"

namespace {

using seatkeeper::domain::PackageReading;
namespace text = seatkeeper::text;

const std::set<std::string, std::less<>> kCodes{"not_a_zip",
                                                "too_many_entries",
                                                "package_too_large",
                                                "unsafe_entry_path",
                                                "unsafe_entry_link",
                                                "encrypted_entry",
                                                "entry_too_large",
                                                "suspicious_compression_ratio",
                                                "solution_xml_missing",
                                                "solution_xml_malformed",
                                                "service_plans_missing",
                                                "service_plans_malformed",
                                                "app_modules_missing",
                                                "app_modules_malformed"};

void check_reading(const PackageReading& reading) {
    for (const auto& n : reading.notifications) {
        FUZZ_CHECK(kCodes.contains(n.code));
        FUZZ_CHECK(!n.message.empty() && !n.fix.empty());
        FUZZ_CHECK(n.field == "technical_configuration.package_url");
        FUZZ_CHECK(text::is_valid_utf8(n.message));
        FUZZ_CHECK(text::is_valid_utf8(n.location));
        FUZZ_CHECK(text::is_valid_utf8(n.fix));
    }
    const auto& m = reading.manifest;
    if (reading.readable) FUZZ_CHECK(!m.solution_unique_name.empty());
    for (const auto* s : {&m.solution_unique_name, &m.solution_version, &m.publisher_unique_name}) {
        FUZZ_CHECK(text::is_valid_utf8(*s));
    }
    FUZZ_CHECK(m.has_service_plans || m.service_plans.empty());
    for (const auto& plan : m.service_plans) {
        FUZZ_CHECK(!plan.service_id.empty());
        FUZZ_CHECK(text::is_valid_utf8(plan.service_id) && text::is_valid_utf8(plan.display_name) &&
                   text::is_valid_utf8(plan.more_info_url));
    }
    FUZZ_CHECK(m.has_app_modules || m.app_modules.empty());
    for (const auto& mapping : m.app_modules) {
        FUZZ_CHECK(!mapping.service_id.empty() && !mapping.app_module.empty());
        FUZZ_CHECK(text::is_valid_utf8(mapping.service_id) && text::is_valid_utf8(mapping.app_module));
    }
}

bool same(const PackageReading& a, const PackageReading& b) {
    const auto plans_equal = [](const auto& x, const auto& y) {
        return x.service_id == y.service_id && x.display_name == y.display_name && x.more_info_url == y.more_info_url;
    };
    const auto& m = a.manifest;
    const auto& n = b.manifest;
    return a.readable == b.readable && a.notifications == b.notifications &&
           m.solution_unique_name == n.solution_unique_name && m.solution_version == n.solution_version &&
           m.publisher_unique_name == n.publisher_unique_name && m.has_service_plans == n.has_service_plans &&
           std::equal(m.service_plans.begin(), m.service_plans.end(), n.service_plans.begin(), n.service_plans.end(),
                      plans_equal) &&
           m.has_app_modules == n.has_app_modules && m.app_modules.size() == n.app_modules.size();
}

void check_xml_files(std::string_view input) {
    std::vector<seatkeeper::package::PackageFile> files;
    for (const auto* name :
         {"solution.xml", "ServicePlans/ServicePlans.xml", "ServicePlans/ServicePlansAppModules.xml"}) {
        const auto end = input.find('\0');
        files.push_back({name, std::string(input.substr(0, end))});
        if (end == std::string_view::npos) break;
        input.remove_prefix(end + 1);
    }
    const std::string zip = seatkeeper::package::write_zip(files);
    check_reading(seatkeeper::package::read_package(zip, seatkeeper::package::ZipLimits{}, true));
}

// Text write_package must carry through unchanged: UTF-8 without control characters, nothing to trim.
bool plain(std::string_view s) {
    return !s.empty() && text::is_valid_utf8(s) && !text::has_control_character(s) && s.front() != ' ' &&
           s.back() != ' ';
}

void check_round_trip(std::string_view input) {
    const auto lines = seatkeeper::fuzz::lines(input);
    if (lines.size() < 3 || !std::all_of(lines.begin(), lines.end(), plain)) return;
    seatkeeper::package::SolutionPackage package;
    package.unique_name = lines[0];
    package.version = lines[1];
    package.publisher = lines[2];
    for (std::size_t i = 3; i + 3 < lines.size(); i += 4) {
        package.service_plans.push_back({std::string(lines[i]), std::string(lines[i + 1]), std::string(lines[i + 2])});
        package.app_modules.push_back({std::string(lines[i]), std::string(lines[i + 3])});
    }
    const PackageReading reading = seatkeeper::package::read_package(
        seatkeeper::package::write_package(package), seatkeeper::package::ZipLimits{}, !package.service_plans.empty());
    check_reading(reading);
    FUZZ_CHECK(reading.readable && reading.notifications.empty());
    const auto& m = reading.manifest;
    FUZZ_CHECK(m.solution_unique_name == package.unique_name && m.solution_version == package.version &&
               m.publisher_unique_name == package.publisher);
    FUZZ_CHECK(m.service_plans.size() == package.service_plans.size());
    for (std::size_t i = 0; i < m.service_plans.size(); ++i) {
        FUZZ_CHECK(m.service_plans[i].service_id == package.service_plans[i].service_id);
        FUZZ_CHECK(m.service_plans[i].display_name == package.service_plans[i].display_name);
        FUZZ_CHECK(m.service_plans[i].more_info_url == package.service_plans[i].more_info_url);
        FUZZ_CHECK(m.app_modules.at(i).service_id == package.app_modules[i].service_id);
        FUZZ_CHECK(m.app_modules.at(i).app_module == package.app_modules[i].app_module);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view zip = seatkeeper::fuzz::as_text(data, size);
    check_xml_files(zip);
    check_round_trip(zip);

    const seatkeeper::package::ZipLimits defaults;
    const PackageReading reading = seatkeeper::package::read_package(zip, defaults, true);
    check_reading(reading);
    FUZZ_CHECK(same(reading, seatkeeper::package::read_package(zip, defaults, true)));

    seatkeeper::package::ZipLimits tight;
    tight.max_entries = 4;
    tight.max_entry_bytes = 512;
    tight.max_total_bytes = 1024;
    tight.max_ratio = 4.0;
    const PackageReading small = seatkeeper::package::read_package(zip, tight, false);
    check_reading(small);
    for (const auto& n : small.notifications) {
        FUZZ_CHECK(n.code != "service_plans_missing" && n.code != "app_modules_missing");
    }
    return 0;
}
