#include "package/package_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "support/zip_builder.hpp"

namespace seatkeeper::package {
namespace {

using seatkeeper::testing::app_modules_xml;
using seatkeeper::testing::build_zip;
using seatkeeper::testing::good_package;
using seatkeeper::testing::service_plans_xml;
using seatkeeper::testing::solution_xml;
using seatkeeper::testing::ZipEntry;

const std::vector<std::string> kServiceIds{"contoso.crm.basic", "contoso.crm.pro"};

std::vector<std::string> codes(const domain::PackageReading& reading) {
    std::vector<std::string> out;
    for (const auto& n : reading.notifications) out.push_back(n.code);
    return out;
}

// The three files of a good package, to which a test adds or from which it drops entries.
std::vector<ZipEntry> good_entries() {
    return {
        {"solution.xml", solution_xml("contoso")},
        {"ServicePlans/ServicePlans.xml", service_plans_xml(kServiceIds)},
        {"ServicePlans/ServicePlansAppModules.xml",
         app_modules_xml({{"contoso.crm.basic", "contoso_app"}, {"contoso.crm.pro", "contoso_app"}})},
    };
}

std::vector<ZipEntry> with(std::vector<ZipEntry> entries, ZipEntry extra) {
    entries.push_back(std::move(extra));
    return entries;
}

std::vector<ZipEntry> without(std::vector<ZipEntry> entries, std::string_view name) {
    entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const ZipEntry& e) { return e.name == name; }),
                  entries.end());
    return entries;
}

std::vector<ZipEntry> replacing(std::vector<ZipEntry> entries, std::string_view name, std::string data) {
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const ZipEntry& e) { return e.name == name; });
    if (it != entries.end()) it->data = std::move(data);
    return entries;
}

domain::PackageReading read(const std::string& zip, bool require_service_plans = true, const ZipLimits& limits = {}) {
    return read_package(zip, limits, require_service_plans);
}

TEST(PackageReader, ReadsGoodPackage) {
    const auto reading = read(good_package("contoso", kServiceIds));

    EXPECT_TRUE(reading.readable);
    EXPECT_TRUE(reading.notifications.empty()) << reading.notifications.front().message;
    const auto& m = reading.manifest;
    EXPECT_EQ(m.solution_unique_name, "contososolution");
    EXPECT_EQ(m.solution_version, "1.0.0.0");
    EXPECT_EQ(m.publisher_unique_name, "contoso");
    EXPECT_TRUE(m.has_service_plans);
    ASSERT_EQ(m.service_plans.size(), 2U);
    EXPECT_EQ(m.service_plans[0].service_id, "contoso.crm.basic");
    EXPECT_EQ(m.service_plans[0].display_name, "Plan contoso.crm.basic");
    EXPECT_EQ(m.service_plans[0].more_info_url, "https://example.com/plans/contoso.crm.basic");
    EXPECT_EQ(m.service_plans[1].service_id, "contoso.crm.pro");
    EXPECT_TRUE(m.has_app_modules);
    ASSERT_EQ(m.app_modules.size(), 2U);
    EXPECT_EQ(m.app_modules[1].service_id, "contoso.crm.pro");
    EXPECT_EQ(m.app_modules[1].app_module, "contoso_app");
}

TEST(PackageReader, RefusesWhatIsNotAZip) {
    std::mt19937 random(42);
    std::string noise(4096, '\0');
    for (char& c : noise) c = static_cast<char>(random() & 0xff);
    const std::string good = good_package("contoso", kServiceIds);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"empty", ""},
        {"random bytes", noise},
        {"text", "<html>Sign in to continue</html>"},
        {"truncated zip", good.substr(0, good.size() / 2)},
    };
    for (const auto& [label, bytes] : cases) {
        const auto reading = read(bytes);
        EXPECT_FALSE(reading.readable) << label;
        ASSERT_EQ(codes(reading), std::vector<std::string>{"not_a_zip"}) << label;
        EXPECT_EQ(reading.notifications[0].field, "technical_configuration.package_url") << label;
        EXPECT_FALSE(reading.notifications[0].fix.empty()) << label;
    }
}

TEST(PackageReader, RefusesUnsafeEntryPaths) {
    for (const std::string name :
         {"../evil.txt", "WebResources/../../evil.txt", "..", "/abs", "a\\b", "C:/x", "c:evil.txt"}) {
        const auto reading = read(build_zip(with(good_entries(), {name, "x"})));
        ASSERT_EQ(codes(reading), std::vector<std::string>{"unsafe_entry_path"}) << name;
        EXPECT_EQ(reading.notifications[0].location, name);
        EXPECT_NE(reading.notifications[0].message.find(name), std::string::npos) << name;
        EXPECT_EQ(reading.notifications[0].field, "technical_configuration.package_url");
        // Nothing the review needs was harmed, so the rest is still reported on.
        EXPECT_TRUE(reading.readable) << name;
    }
}

// Found by fuzz/package_reader_fuzz.cpp: zip entry names are bytes, and the messages quoted them as they were,
// so a notification (JSON for the publisher, a text column in PostgreSQL) could hold invalid UTF-8.
TEST(PackageReader, QuotesNamesThatAreNotUtf8AsUtf8) {
    const std::string name = "../\xff\xfe\xc3(.txt";
    const auto reading = read(build_zip(with(good_entries(), {name, "x"})));
    ASSERT_EQ(codes(reading), std::vector<std::string>{"unsafe_entry_path"});
    const std::string shown = "../\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd(.txt";
    EXPECT_EQ(reading.notifications[0].location, shown);
    EXPECT_NE(reading.notifications[0].message.find(shown), std::string::npos) << reading.notifications[0].message;
}

TEST(PackageReader, AcceptsNamesThatOnlyLookUnsafe) {
    for (const std::string name : {"WebResources/..hidden/a.js", "WebResources/a..b.js", "Folder//a.txt"}) {
        const auto reading = read(build_zip(with(good_entries(), {name, "x"})));
        EXPECT_TRUE(reading.notifications.empty()) << name << ": " << reading.notifications.front().code;
    }
}

TEST(PackageReader, RefusesUnsafePathForSolutionXmlItself) {
    auto entries = without(good_entries(), "solution.xml");
    entries.push_back({"../solution.xml", solution_xml("contoso")});
    const auto reading = read(build_zip(entries));
    EXPECT_FALSE(reading.readable);
    EXPECT_EQ(codes(reading), (std::vector<std::string>{"unsafe_entry_path", "solution_xml_missing"}));
}

TEST(PackageReader, RefusesSymbolicLinks) {
    const auto reading = read(build_zip(with(good_entries(), {"WebResources/passwd", "/etc/passwd", true})));
    ASSERT_EQ(codes(reading), std::vector<std::string>{"unsafe_entry_link"});
    EXPECT_EQ(reading.notifications[0].location, "WebResources/passwd");
}

TEST(PackageReader, DoesNotFollowALinkedSolutionXml) {
    auto entries = without(good_entries(), "solution.xml");
    entries.push_back({"solution.xml", "/etc/passwd", true});
    const auto reading = read(build_zip(entries));
    EXPECT_FALSE(reading.readable);
    EXPECT_EQ(codes(reading), std::vector<std::string>{"unsafe_entry_link"});
    EXPECT_EQ(reading.notifications[0].location, "solution.xml");
}

TEST(PackageReader, RefusesEncryptedEntries) {
    auto entries = good_entries();
    entries[0].encrypted = true;
    const auto reading = read(build_zip(entries));
    EXPECT_FALSE(reading.readable);
    ASSERT_EQ(codes(reading), std::vector<std::string>{"encrypted_entry"});
    EXPECT_EQ(reading.notifications[0].location, "solution.xml");
}

TEST(PackageReader, RefusesTooManyEntries) {
    auto entries = good_entries();
    for (int i = 0; i < 5; ++i) entries.push_back({"WebResources/" + std::to_string(i) + ".js", "x"});
    ZipLimits limits;
    limits.max_entries = 7;
    const auto reading = read(build_zip(entries), true, limits);
    EXPECT_FALSE(reading.readable);
    EXPECT_EQ(codes(reading), std::vector<std::string>{"too_many_entries"});
    EXPECT_NE(reading.notifications[0].message.find('8'), std::string::npos);

    limits.max_entries = 8;
    EXPECT_TRUE(read(build_zip(entries), true, limits).notifications.empty());
}

TEST(PackageReader, RefusesEntryDeclaredTooLarge) {
    ZipLimits limits;
    limits.max_entry_bytes = 1000;
    const auto reading = read(
        build_zip(with(good_entries(), {"WebResources/big.js", std::string(1001, 'a'), false, true})), true, limits);
    ASSERT_EQ(codes(reading), std::vector<std::string>{"entry_too_large"});
    EXPECT_EQ(reading.notifications[0].location, "WebResources/big.js");
    EXPECT_TRUE(reading.readable);
}

TEST(PackageReader, RefusesPackageDeclaredTooLarge) {
    ZipLimits limits;
    limits.max_total_bytes = 4000;
    const std::string chunk(1500, 'a');
    const auto reading = read(build_zip(with(with(good_entries(), {"a.js", chunk}), {"b.js", chunk})), true, limits);
    EXPECT_FALSE(reading.readable);
    EXPECT_EQ(codes(reading), std::vector<std::string>{"package_too_large"});
}

TEST(PackageReader, RefusesZipBomb) {
    const auto reading =
        read(build_zip(with(good_entries(), {"WebResources/zeros.bin", std::string(20U << 20, '\0')})));
    const auto found = codes(reading);
    EXPECT_NE(std::find(found.begin(), found.end(), "suspicious_compression_ratio"), found.end());
    EXPECT_EQ(reading.notifications.back().location, "WebResources/zeros.bin");
}

TEST(PackageReader, RatioMattersOnlyForLargeEntries) {
    const std::string small_zeros(60U << 10, '\0');
    EXPECT_TRUE(read(build_zip(with(good_entries(), {"zeros.bin", small_zeros}))).notifications.empty());
    const auto reading = read(build_zip(with(good_entries(), {"zeros.bin", std::string(1U << 20, '\0')})));
    EXPECT_EQ(codes(reading), std::vector<std::string>{"suspicious_compression_ratio"});
}

// Overwrites the uncompressed size of the entry named `name` in its local header and the central directory,
// as a hostile tool would to slip a large file past checks that trust headers.
std::string with_declared_size(std::string zip, std::string_view name, std::uint32_t size) {
    const auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) zip[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
    };
    const auto patch = [&](std::string_view signature, std::size_t name_offset, std::size_t size_offset) {
        for (auto at = zip.find(signature); at != std::string::npos; at = zip.find(signature, at + 1)) {
            if (zip.compare(at + name_offset, name.size(), name) == 0) put32(at + size_offset, size);
        }
    };
    patch(std::string_view("PK\x03\x04", 4), 30, 22);
    patch(std::string_view("PK\x01\x02", 4), 46, 24);
    return zip;
}

// A solution.xml of `padding` bytes of comment, which deflates about a thousandfold, declared as 100 bytes.
std::string lying_package(std::size_t padding) {
    const std::string xml = "<ImportExportXml><SolutionManifest><UniqueName>x</UniqueName></SolutionManifest><!--" +
                            std::string(padding, 'a') + "--></ImportExportXml>";
    return with_declared_size(build_zip(replacing(good_entries(), "solution.xml", xml)), "solution.xml", 100);
}

TEST(PackageReader, CountsEntryBytesWhileInflatingRatherThanTrustingHeaders) {
    ZipLimits limits;
    limits.max_entry_bytes = 64U << 10;
    limits.max_ratio = 1e9;
    const auto reading = read(lying_package(100U << 10), true, limits);
    EXPECT_FALSE(reading.readable);
    ASSERT_EQ(codes(reading), std::vector<std::string>{"entry_too_large"});
    EXPECT_EQ(reading.notifications[0].location, "solution.xml");
}

TEST(PackageReader, ChecksRatioWhileInflatingRatherThanTrustingHeaders) {
    const auto reading = read(lying_package(1U << 20));
    EXPECT_FALSE(reading.readable);
    ASSERT_EQ(codes(reading), std::vector<std::string>{"suspicious_compression_ratio"});
    EXPECT_EQ(reading.notifications[0].location, "solution.xml");
}

TEST(PackageReader, ReportsMissingSolutionXml) {
    const auto reading = read(build_zip(without(good_entries(), "solution.xml")));
    EXPECT_FALSE(reading.readable);
    ASSERT_EQ(codes(reading), std::vector<std::string>{"solution_xml_missing"});
    EXPECT_EQ(reading.notifications[0].location, "solution.xml");
    EXPECT_FALSE(reading.notifications[0].fix.empty());
}

TEST(PackageReader, ReportsSolutionXmlInASubfolderAsMissing) {
    auto entries = without(good_entries(), "solution.xml");
    entries.push_back({"contoso/solution.xml", solution_xml("contoso")});
    EXPECT_EQ(codes(read(build_zip(entries))), std::vector<std::string>{"solution_xml_missing"});
}

TEST(PackageReader, ReportsMalformedXml) {
    struct Case {
        std::string file;
        std::string xml;
        std::string code;
        bool readable;
    };
    const std::vector<Case> cases{
        {"solution.xml", "<ImportExportXml><SolutionManifest>", "solution_xml_malformed", false},
        {"solution.xml", "<ImportExportXml><SolutionManifest><Version>1</Version></SolutionManifest></ImportExportXml>",
         "solution_xml_malformed", false},
        {"solution.xml", "not xml at all", "solution_xml_malformed", false},
        {"ServicePlans/ServicePlans.xml", "<ServicePlans><ServicePlan></ServicePlans>", "service_plans_malformed",
         true},
        {"ServicePlans/ServicePlans.xml", "<Plans/>", "service_plans_malformed", true},
        {"ServicePlans/ServicePlans.xml",
         "<ServicePlans><ServicePlan><DisplayName>x</DisplayName></ServicePlan></ServicePlans>",
         "service_plans_malformed", true},
        {"ServicePlans/ServicePlansAppModules.xml", "<ServicePlanAppModules><", "app_modules_malformed", true},
        {"ServicePlans/ServicePlansAppModules.xml",
         "<ServicePlanAppModules><ServicePlanAppModule><ServiceId>a</ServiceId></ServicePlanAppModule>"
         "</ServicePlanAppModules>",
         "app_modules_malformed", true},
    };
    for (const auto& c : cases) {
        const auto reading = read(build_zip(replacing(good_entries(), c.file, c.xml)));
        EXPECT_EQ(reading.readable, c.readable) << c.xml;
        ASSERT_EQ(codes(reading), std::vector<std::string>{c.code}) << c.xml;
        EXPECT_EQ(reading.notifications[0].location, c.file) << c.xml;
        EXPECT_EQ(reading.notifications[0].field, "technical_configuration.package_url");
    }
}

// Found by fuzz/package_reader_fuzz.cpp: pugixml passes the bytes of UTF-8 documents through unchecked, so a
// solution name or Service ID that is not UTF-8 reached the manifest and, through review, the messages.
TEST(PackageReader, RefusesXmlThatIsNotUtf8) {
    const auto reading = read(build_zip(replacing(good_entries(), "solution.xml", solution_xml("conto\xff\xffso"))));
    EXPECT_FALSE(reading.readable);
    ASSERT_EQ(codes(reading), std::vector<std::string>{"solution_xml_malformed"});
    EXPECT_NE(reading.notifications[0].message.find("not UTF-8"), std::string::npos)
        << reading.notifications[0].message;

    const auto plans = read(build_zip(
        replacing(good_entries(), "ServicePlans/ServicePlans.xml", service_plans_xml({"contoso.crm.b\xe9sic"}))));
    EXPECT_EQ(codes(plans), std::vector<std::string>{"service_plans_malformed"});
    EXPECT_FALSE(plans.manifest.has_service_plans);
}

TEST(PackageReader, SaysOnWhichLineXmlBreaks) {
    const auto reading = read(build_zip(replacing(good_entries(), "ServicePlans/ServicePlans.xml",
                                                  "<ServicePlans>\n\n<ServicePlan></Oops>\n</ServicePlans>\n")));
    ASSERT_EQ(codes(reading), std::vector<std::string>{"service_plans_malformed"});
    EXPECT_NE(reading.notifications[0].message.find("line 3"), std::string::npos) << reading.notifications[0].message;
    EXPECT_FALSE(reading.manifest.has_service_plans);
}

TEST(PackageReader, KeepsWellFormedPlansBesideABrokenOne) {
    const auto reading = read(build_zip(replacing(
        good_entries(), "ServicePlans/ServicePlans.xml",
        "<ServicePlans><ServicePlan><ServiceId>a.b.c</ServiceId></ServicePlan><ServicePlan/></ServicePlans>")));
    EXPECT_EQ(codes(reading), std::vector<std::string>{"service_plans_malformed"});
    EXPECT_TRUE(reading.manifest.has_service_plans);
    ASSERT_EQ(reading.manifest.service_plans.size(), 1U);
    EXPECT_EQ(reading.manifest.service_plans[0].service_id, "a.b.c");
}

TEST(PackageReader, ServicePlansAreRequiredWithLicenseManagement) {
    const auto entries =
        without(without(good_entries(), "ServicePlans/ServicePlans.xml"), "ServicePlans/ServicePlansAppModules.xml");
    const auto reading = read(build_zip(entries), true);
    EXPECT_TRUE(reading.readable);
    EXPECT_EQ(codes(reading), (std::vector<std::string>{"service_plans_missing", "app_modules_missing"}));
    EXPECT_EQ(reading.notifications[0].location, "ServicePlans/ServicePlans.xml");
    EXPECT_EQ(reading.notifications[1].location, "ServicePlans/ServicePlansAppModules.xml");
    EXPECT_FALSE(reading.manifest.has_service_plans);
    EXPECT_FALSE(reading.manifest.has_app_modules);
}

TEST(PackageReader, ServicePlansAreOptionalWithoutLicenseManagement) {
    const auto bare =
        without(without(good_entries(), "ServicePlans/ServicePlans.xml"), "ServicePlans/ServicePlansAppModules.xml");
    const auto reading = read(build_zip(bare), false);
    EXPECT_TRUE(reading.readable);
    EXPECT_TRUE(reading.notifications.empty());

    const auto present = read(build_zip(good_entries()), false);
    EXPECT_TRUE(present.manifest.has_service_plans);
    EXPECT_EQ(present.manifest.service_plans.size(), 2U);
    EXPECT_TRUE(present.manifest.has_app_modules);
}

TEST(PackageReader, TrimsWhitespace) {
    auto entries = replacing(good_entries(), "solution.xml",
                             "<ImportExportXml><SolutionManifest>\n  <UniqueName>\n    contosocrm\n  </UniqueName>"
                             "<Version> 1.0.0.0\t</Version><Publisher><UniqueName>  contoso </UniqueName></Publisher>"
                             "</SolutionManifest></ImportExportXml>");
    entries = replacing(entries, "ServicePlans/ServicePlans.xml",
                        "<ServicePlans><ServicePlan>\n<ServiceId>\n\t contoso.crm.basic \r\n</ServiceId>"
                        "<DisplayName>  Basic  </DisplayName><MoreInfoUrl> https://example.com/b </MoreInfoUrl>"
                        "</ServicePlan></ServicePlans>");
    entries = replacing(entries, "ServicePlans/ServicePlansAppModules.xml",
                        "<ServicePlanAppModules><ServicePlanAppModule><ServiceId> contoso.crm.basic </ServiceId>"
                        "<AppModule>\n contoso_app \n</AppModule></ServicePlanAppModule></ServicePlanAppModules>");
    const auto reading = read(build_zip(entries));
    ASSERT_TRUE(reading.readable);
    EXPECT_TRUE(reading.notifications.empty());
    const auto& m = reading.manifest;
    EXPECT_EQ(m.solution_unique_name, "contosocrm");
    EXPECT_EQ(m.solution_version, "1.0.0.0");
    EXPECT_EQ(m.publisher_unique_name, "contoso");
    ASSERT_EQ(m.service_plans.size(), 1U);
    EXPECT_EQ(m.service_plans[0].service_id, "contoso.crm.basic");
    EXPECT_EQ(m.service_plans[0].display_name, "Basic");
    EXPECT_EQ(m.service_plans[0].more_info_url, "https://example.com/b");
    ASSERT_EQ(m.app_modules.size(), 1U);
    EXPECT_EQ(m.app_modules[0].service_id, "contoso.crm.basic");
    EXPECT_EQ(m.app_modules[0].app_module, "contoso_app");
}

TEST(PackageReader, AcceptsKnownFileNamesInAnyCase) {
    const std::vector<ZipEntry> entries{
        {"Solution.xml", solution_xml("contoso")},
        {"serviceplans/serviceplans.xml", service_plans_xml(kServiceIds)},
        {"SERVICEPLANS/SERVICEPLANSAPPMODULES.XML", app_modules_xml({{"contoso.crm.basic", "contoso_app"}})},
    };
    const auto reading = read(build_zip(entries));
    EXPECT_TRUE(reading.readable);
    EXPECT_TRUE(reading.notifications.empty());
    EXPECT_EQ(reading.manifest.service_plans.size(), 2U);
    EXPECT_EQ(reading.manifest.app_modules.size(), 1U);
}

TEST(PackageReader, PrefersTheExactlyNamedFile) {
    const std::vector<ZipEntry> entries{
        {"SOLUTION.XML", "broken"},
        {"solution.xml", solution_xml("contoso")},
    };
    const auto reading = read(build_zip(entries), false);
    EXPECT_TRUE(reading.readable);
    EXPECT_EQ(reading.manifest.publisher_unique_name, "contoso");
}

TEST(PackageReader, NamesTheEntryAsStoredWhenMatchedIgnoringCase) {
    const auto reading = read(build_zip({{"SOLUTION.XML", "<broken"}}), false);
    ASSERT_EQ(codes(reading), std::vector<std::string>{"solution_xml_malformed"});
    EXPECT_EQ(reading.notifications[0].location, "SOLUTION.XML");
}

TEST(PackageReader, ReadsStoredEntries) {
    auto entries = good_entries();
    for (auto& e : entries) e.store_uncompressed = true;
    const auto reading = read(build_zip(entries));
    EXPECT_TRUE(reading.readable);
    EXPECT_TRUE(reading.notifications.empty());
}

TEST(PackageReader, ReportsEmptyZipAsMissingSolutionXml) {
    const auto reading = read(build_zip({}), false);
    EXPECT_FALSE(reading.readable);
    EXPECT_EQ(codes(reading), std::vector<std::string>{"solution_xml_missing"});
}

}  // namespace
}  // namespace seatkeeper::package
