#include "package/package_reader.hpp"

#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/text.hpp"

namespace seatkeeper::package {

namespace {

using domain::Notification;

constexpr std::string_view kPackageField = "technical_configuration.package_url";
constexpr std::string_view kSolutionXml = "solution.xml";
constexpr std::string_view kServicePlansXml = "ServicePlans/ServicePlans.xml";
constexpr std::string_view kAppModulesXml = "ServicePlans/ServicePlansAppModules.xml";
// Small entries compress arbitrarily well without being dangerous (a 2 KiB file of spaces), so the ratio
// only matters once the inflated size could hurt.
constexpr std::uint64_t kRatioThresholdBytes = 64ULL << 10;
constexpr std::size_t kInflateChunkBytes = 64U << 10;

Notification notification(std::string code, std::string message, std::string location, std::string fix) {
    return Notification{std::move(code), std::move(message), std::move(location), std::move(fix),
                        std::string(kPackageField)};
}

struct ZipCloser {
    void operator()(zip_t* za) const { zip_discard(za); }
};
struct ZipFileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

std::string trimmed(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(kSpace);
    return std::string(text.substr(first, last - first + 1));
}

std::string child_text(const pugi::xml_node& node, const char* name) { return trimmed(node.child(name).text().get()); }

// Why a name is unsafe, or nullopt. A reader that extracts the package later must not be led outside its
// directory, whatever the platform, so Windows forms count too.
std::optional<std::string> unsafe_path_reason(std::string_view name) {
    if (!name.empty() && name.front() == '/') return "is an absolute path";
    if (name.size() >= 2 && name[1] == ':' &&
        ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'))) {
        return "starts with a drive letter";
    }
    if (name.find('\\') != std::string_view::npos) return "contains a backslash";
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto end = std::min(name.find('/', start), name.size());
        if (name.substr(start, end - start) == "..") return "contains a '..' component";
        start = end + 1;
    }
    return std::nullopt;
}

bool is_symlink(zip_t* za, zip_uint64_t index) {
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(za, index, 0, &opsys, &attributes) != 0) return false;
    return opsys == ZIP_OPSYS_UNIX && ((attributes >> 16) & S_IFMT) == S_IFLNK;
}

// One of the three files review reads, with the codes it reports under and what to say when it is absent.
struct KnownFile {
    std::string_view path;
    std::string_view missing_code;
    std::string_view malformed_code;
    std::string_view missing_message;
    std::string_view missing_fix;
};
constexpr KnownFile kSolution{
    kSolutionXml, "solution_xml_missing", "solution_xml_malformed",
    "The solution package has no solution.xml at its root.",
    "Give the zip that Power Apps exports (Solutions → Export solution); re-zipping its folder adds a directory level "
    "that hides solution.xml."};
constexpr KnownFile kServicePlans{
    kServicePlansXml, "service_plans_missing", "service_plans_malformed",
    "The solution package has no ServicePlans/ServicePlans.xml, which an offer with license management needs.",
    "Add your plans' Service IDs to the solution as plan definitions, then export the solution again."};
constexpr KnownFile kAppModules{
    kAppModulesXml, "app_modules_missing", "app_modules_malformed",
    "The solution package has no ServicePlans/ServicePlansAppModules.xml, so no plan licenses an app module.",
    "Map each plan definition to the app modules it licenses, then export the solution again."};

struct Entry {
    std::string name;   // as stored, byte for byte: what the path checks and lookups read
    std::string shown;  // the name in messages, which must be UTF-8 (zip names need not be): strays as U+FFFD
    zip_uint64_t size = 0;
    zip_uint64_t compressed_size = 0;
    bool safe = true;  // false once any notification was raised for it: never inflated
};

class Reader {
public:
    Reader(std::string_view zip_bytes, const ZipLimits& limits) : bytes_(zip_bytes), limits_(limits) {}

    domain::PackageReading read(bool require_service_plans) {
        if (!open() || !inspect_entries()) return std::move(reading_);

        if (const auto solution = inflate_known(kSolution, true)) reading_.readable = parse_solution(*solution);
        if (const auto plans = inflate_known(kServicePlans, require_service_plans)) parse_service_plans(*plans);
        if (const auto modules = inflate_known(kAppModules, require_service_plans)) parse_app_modules(*modules);
        return std::move(reading_);
    }

private:
    void add(std::string code, std::string message, std::string location, std::string fix) {
        reading_.notifications.push_back(
            notification(std::move(code), std::move(message), std::move(location), std::move(fix)));
    }

    void not_a_zip(std::string detail) {
        add("not_a_zip", "The solution package is not a zip file (" + std::move(detail) + ").", "",
            "Export the solution from Power Apps (Solutions → Export solution) and give the .zip file it produces, "
            "unchanged.");
    }

    bool open() {
        // libzip treats zero bytes as an empty archive; a package that is nothing is not a zip.
        if (bytes_.empty()) {
            not_a_zip("it is empty");
            return false;
        }
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
        if (source == nullptr) {
            zip_error_fini(&error);
            not_a_zip("it could not be read");
            return false;
        }
        zip_.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
        if (!zip_) {
            zip_source_free(source);  // only owned by the archive once opening succeeded
            const int code = zip_error_code_zip(&error);
            zip_error_fini(&error);
            not_a_zip(code == ZIP_ER_NOZIP ? "no zip directory was found" : "its zip directory is damaged");
            return false;
        }
        zip_error_fini(&error);
        return true;
    }

    // Checks every entry's name, type and declared sizes before anything is inflated. False when the
    // package as a whole is over a limit, so nothing more should be read.
    bool inspect_entries() {
        const auto count = static_cast<zip_uint64_t>(zip_get_num_entries(zip_.get(), 0));
        if (count > limits_.max_entries) {
            add("too_many_entries",
                "The solution package has " + std::to_string(count) + " files; at most " +
                    std::to_string(limits_.max_entries) + " are accepted.",
                "", "Remove files the solution does not need (old web resources, build output) and export again.");
            return false;
        }
        entries_.reserve(static_cast<std::size_t>(count));
        std::uint64_t declared_total = 0;
        for (zip_uint64_t i = 0; i < count; ++i) {
            entries_.push_back(inspect_entry(i));
            // Saturating: zip64 headers can declare sizes whose sum wraps around.
            const std::uint64_t size = entries_.back().size;
            constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
            declared_total = size > kMax - declared_total ? kMax : declared_total + size;
        }
        if (declared_total > limits_.max_total_bytes) {
            add("package_too_large",
                "The files in the solution package add up to " + text::bytes_in_words(declared_total) +
                    " uncompressed; at most " + text::bytes_in_words(limits_.max_total_bytes) + " are accepted.",
                "", "Remove large files the solution does not need and export again.");
            return false;
        }
        return true;
    }

    Entry inspect_entry(zip_uint64_t index) {
        Entry entry;
        const char* raw_name = zip_get_name(zip_.get(), index, ZIP_FL_ENC_RAW);
        entry.name = raw_name != nullptr ? raw_name : "";
        entry.shown = text::to_valid_utf8(entry.name);
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip_.get(), index, ZIP_FL_ENC_RAW, &st) != 0 ||
            (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) != (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
            entry.safe = false;
            add("not_a_zip", "The zip directory entry for '" + entry.shown + "' is damaged.", entry.shown,
                "Export the solution again; the file was damaged after it was produced.");
            return entry;
        }
        entry.size = st.size;
        entry.compressed_size = st.comp_size;

        const auto reject = [&](std::string code, std::string message, std::string fix) {
            entry.safe = false;
            add(std::move(code), std::move(message), entry.shown, std::move(fix));
        };
        if (const auto reason = unsafe_path_reason(entry.name)) {
            reject("unsafe_entry_path", "The file name '" + entry.shown + "' in the solution package " + *reason + ".",
                   "Use relative paths with forward slashes only, as Power Apps exports them, and export again.");
        }
        if (is_symlink(zip_.get(), index)) {
            reject("unsafe_entry_link", "'" + entry.shown + "' in the solution package is a symbolic link.",
                   "Replace the link with the file itself, or export the solution again from Power Apps.");
        }
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
            reject("encrypted_entry", "'" + entry.shown + "' in the solution package is password-protected.",
                   "Export the solution without a password; Seatkeeper and Dataverse cannot read encrypted files.");
        }
        if (entry.size > limits_.max_entry_bytes) {
            reject("entry_too_large",
                   "'" + entry.shown + "' is " + text::bytes_in_words(entry.size) +
                       " uncompressed; a single file may be at most " + text::bytes_in_words(limits_.max_entry_bytes) +
                       ".",
                   "Remove or shrink the file and export again.");
        }
        if (entry.size > kRatioThresholdBytes && suspicious_ratio(entry.size, entry.compressed_size)) {
            reject("suspicious_compression_ratio", ratio_message(entry.shown), ratio_fix());
        }
        return entry;
    }

    bool suspicious_ratio(std::uint64_t inflated, std::uint64_t compressed) const {
        return compressed == 0 || static_cast<double>(inflated) / static_cast<double>(compressed) > limits_.max_ratio;
    }

    std::string ratio_message(const std::string& name) const {
        std::array<char, 32> ratio{};
        const auto written = std::to_chars(ratio.data(), ratio.data() + ratio.size(), limits_.max_ratio);
        return "'" + name + "' inflates to more than " + std::string(ratio.data(), written.ptr) +
               " times its compressed size, which is how zip bombs look.";
    }
    static std::string ratio_fix() { return "Remove the file, or export the solution again from Power Apps."; }

    // The entry whose name is `path`; failing that, one that matches ignoring case, since Dynamics tooling
    // varies in how it capitalises these names.
    std::optional<std::size_t> find(std::string_view path) const {
        const auto exact =
            std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.name == path; });
        if (exact != entries_.end()) return static_cast<std::size_t>(exact - entries_.begin());
        const auto loose = std::find_if(entries_.begin(), entries_.end(),
                                        [&](const Entry& e) { return text::equals_ignoring_ascii_case(e.name, path); });
        if (loose != entries_.end()) return static_cast<std::size_t>(loose - entries_.begin());
        return std::nullopt;
    }

    // The file's bytes, or nullopt after reporting why not (absent, unsafe, over a limit while inflating).
    std::optional<std::string> inflate_known(const KnownFile& file, bool required) {
        const auto index = find(file.path);
        if (!index) {
            if (required) {
                add(std::string(file.missing_code), std::string(file.missing_message), std::string(file.path),
                    std::string(file.missing_fix));
            }
            return std::nullopt;
        }
        Entry& entry = entries_[*index];
        if (!entry.safe) return std::nullopt;  // already reported under the entry's own code

        ZipFilePtr handle(zip_fopen_index(zip_.get(), *index, 0));
        if (!handle) {
            add(std::string(file.malformed_code), "'" + entry.shown + "' could not be decompressed.", entry.shown,
                "Export the solution again; the package was damaged or uses an unusual compression method.");
            return std::nullopt;
        }
        // Counted here rather than trusted from the header: a lying header must not let more through.
        std::string content;
        std::array<char, kInflateChunkBytes> chunk{};
        for (;;) {
            const zip_int64_t n = zip_fread(handle.get(), chunk.data(), chunk.size());
            if (n < 0) {
                add(std::string(file.malformed_code), "'" + entry.shown + "' is damaged and could not be decompressed.",
                    entry.shown, "Export the solution again; the package was damaged after it was produced.");
                return std::nullopt;
            }
            if (n == 0) break;
            content.append(chunk.data(), static_cast<std::size_t>(n));
            inflated_total_ += static_cast<std::uint64_t>(n);
            if (content.size() > limits_.max_entry_bytes) {
                add("entry_too_large",
                    "'" + entry.shown + "' inflates to more than " + text::bytes_in_words(limits_.max_entry_bytes) +
                        ", more than its zip header declares.",
                    entry.shown, "Export the solution again; the package was altered after it was produced.");
                return std::nullopt;
            }
            if (inflated_total_ > limits_.max_total_bytes) {
                add("package_too_large",
                    "The files read from the solution package inflate to more than " +
                        text::bytes_in_words(limits_.max_total_bytes) + ".",
                    entry.shown, "Export the solution again; the package was altered after it was produced.");
                return std::nullopt;
            }
            if (content.size() > kRatioThresholdBytes && suspicious_ratio(content.size(), entry.compressed_size)) {
                add("suspicious_compression_ratio", ratio_message(entry.shown), entry.shown, ratio_fix());
                return std::nullopt;
            }
        }
        return content;
    }

    // The parsed document, or nullopt after reporting where the XML breaks. pugixml never fetches external
    // entities or expands user-defined ones, so a hostile DOCTYPE cannot make it read files or explode.
    std::optional<pugi::xml_document> parse_xml(const KnownFile& file, const std::string& content,
                                                const std::string& location) {
        std::optional<pugi::xml_document> doc(std::in_place);
        const pugi::xml_parse_result result = doc->load_buffer(content.data(), content.size());
        if (!result) {
            const auto offset =
                std::clamp<std::ptrdiff_t>(result.offset, 0, static_cast<std::ptrdiff_t>(content.size()));
            const auto line = 1 + std::count(content.begin(), content.begin() + offset, '\n');
            add(std::string(file.malformed_code),
                "'" + location + "' is not well-formed XML: " + result.description() + " on line " +
                    std::to_string(line) + ".",
                location, "Fix the XML on that line, or export the solution again from Power Apps.");
            return std::nullopt;
        }
        // pugixml passes the bytes of UTF-8 text through unchecked; text not in the document's encoding makes it
        // not well-formed (XML 1.0 §4.3.3), and would reach messages, JSON and the database.
        if (result.encoding == pugi::encoding_utf8 && !text::is_valid_utf8(content)) {
            add(std::string(file.malformed_code), "'" + location + "' is not well-formed XML: its text is not UTF-8.",
                location, "Save the file as UTF-8, or export the solution again from Power Apps.");
            return std::nullopt;
        }
        return doc;
    }

    void wrong_shape(const KnownFile& file, const std::string& location, const std::string& what,
                     const std::string& fix) {
        add(std::string(file.malformed_code), "'" + location + "' " + what + ".", location, fix);
    }

    std::string located(const KnownFile& file) const {
        const auto index = find(file.path);
        return index ? entries_[*index].shown : std::string(file.path);
    }

    bool parse_solution(const std::string& content) {
        const std::string location = located(kSolution);
        const auto doc = parse_xml(kSolution, content, location);
        if (!doc) return false;
        const pugi::xml_node manifest = doc->child("ImportExportXml").child("SolutionManifest");
        const std::string unique_name = child_text(manifest, "UniqueName");
        if (unique_name.empty()) {
            wrong_shape(kSolution, location, "has no ImportExportXml/SolutionManifest/UniqueName",
                        "Export the solution again from Power Apps; solution.xml must name the solution.");
            return false;
        }
        auto& m = reading_.manifest;
        m.solution_unique_name = unique_name;
        m.solution_version = child_text(manifest, "Version");
        m.publisher_unique_name = child_text(manifest.child("Publisher"), "UniqueName");
        return true;
    }

    void parse_service_plans(const std::string& content) {
        const std::string location = located(kServicePlans);
        const auto doc = parse_xml(kServicePlans, content, location);
        if (!doc) return;
        const pugi::xml_node root = doc->child("ServicePlans");
        if (!root) {
            wrong_shape(kServicePlans, location, "has no <ServicePlans> root element",
                        "List the plan definitions as <ServicePlans><ServicePlan>…</ServicePlan></ServicePlans>.");
            return;
        }
        auto& m = reading_.manifest;
        m.has_service_plans = true;
        int position = 0;
        for (const pugi::xml_node plan : root.children("ServicePlan")) {
            ++position;
            domain::ServicePlanEntry entry{child_text(plan, "ServiceId"), child_text(plan, "DisplayName"),
                                           child_text(plan, "MoreInfoUrl")};
            if (entry.service_id.empty()) {
                wrong_shape(kServicePlans, location,
                            "has a <ServicePlan> (number " + std::to_string(position) + ") without a <ServiceId>",
                            "Give every plan definition its Service ID (<publisher ID>.<offer ID>.<plan ID>).");
                continue;
            }
            m.service_plans.push_back(std::move(entry));
        }
    }

    void parse_app_modules(const std::string& content) {
        const std::string location = located(kAppModules);
        const auto doc = parse_xml(kAppModules, content, location);
        if (!doc) return;
        const pugi::xml_node root = doc->child("ServicePlanAppModules");
        if (!root) {
            wrong_shape(kAppModules, location, "has no <ServicePlanAppModules> root element",
                        "List the mappings as <ServicePlanAppModules><ServicePlanAppModule>…</ServicePlanAppModule>"
                        "</ServicePlanAppModules>.");
            return;
        }
        auto& m = reading_.manifest;
        m.has_app_modules = true;
        int position = 0;
        for (const pugi::xml_node mapping : root.children("ServicePlanAppModule")) {
            ++position;
            domain::AppModuleMapping entry{child_text(mapping, "ServiceId"), child_text(mapping, "AppModule")};
            if (entry.service_id.empty() || entry.app_module.empty()) {
                wrong_shape(kAppModules, location,
                            "has a <ServicePlanAppModule> (number " + std::to_string(position) +
                                ") without both a <ServiceId> and an <AppModule>",
                            "Give every mapping the plan's Service ID and the app module's unique name.");
                continue;
            }
            m.app_modules.push_back(std::move(entry));
        }
    }

    std::string_view bytes_;
    const ZipLimits& limits_;
    ZipPtr zip_;
    std::vector<Entry> entries_;
    std::uint64_t inflated_total_ = 0;
    domain::PackageReading reading_;
};

}  // namespace

domain::PackageReading read_package(std::string_view zip_bytes, const ZipLimits& limits, bool require_service_plans) {
    return Reader(zip_bytes, limits).read(require_service_plans);
}

}  // namespace seatkeeper::package
