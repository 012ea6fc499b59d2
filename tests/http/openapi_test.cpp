// docs/openapi.yaml against the live router: every route the server registers is documented, and every
// documented operation is a route the server has. The YAML is read by indentation (the file keeps every
// path at exactly two spaces under `paths:` and every method at exactly four), so no YAML library is needed.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "domain/events.hpp"
#include "http/harness.hpp"
#include "support/openapi_schema.hpp"

namespace seatkeeper::testing {
namespace {

using Operation = std::pair<std::string, std::string>;  // (METHOD, path pattern)

std::string read_spec() {
    const std::string path = std::string(SEATKEEPER_SOURCE_DIR) + "/docs/openapi.yaml";
    std::ifstream in(path);
    if (!in) {
        ADD_FAILURE() << "cannot open " << path;
        return {};
    }
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t indentation(const std::string& line) {
    const auto first = line.find_first_not_of(' ');
    return first == std::string::npos ? line.size() : first;
}

// "  /api/v1/offers/{offer_id}:" → "/api/v1/offers/{offer_id}" (quotes allowed); "" when not a key line.
std::string key_of(const std::string& line, std::size_t indent) {
    std::string key = line.substr(indent);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\r')) key.pop_back();
    if (key.empty() || key.back() != ':') return {};
    key.pop_back();
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front()) {
        key = key.substr(1, key.size() - 2);
    }
    return key;
}

// The (method, path) pairs under the top-level `paths:` key.
std::set<Operation> documented_operations(const std::string& spec) {
    static const std::set<std::string> kMethods{"get", "put", "post", "patch", "delete", "head", "options", "trace"};
    std::set<Operation> out;
    std::istringstream lines(spec);
    std::string line;
    bool in_paths = false;
    std::string path;
    while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \r") == std::string::npos) continue;
        const std::size_t indent = indentation(line);
        if (line[indent] == '#') continue;
        if (indent == 0) {
            in_paths = key_of(line, 0) == "paths";
            path.clear();
            continue;
        }
        if (!in_paths) continue;
        if (indent == 2) {
            path = key_of(line, 2);
        } else if (indent == 4 && !path.empty()) {
            std::string method = key_of(line, 4);
            if (!kMethods.contains(method)) continue;
            for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            out.emplace(std::move(method), path);
        }
    }
    return out;
}

std::set<Operation> routed_operations() {
    TestServer server;
    std::set<Operation> out;
    for (const auto& route : server.app().api().router().routes()) out.emplace(route.method, route.pattern);
    return out;
}

std::string listing(const std::set<Operation>& operations) {
    std::string out;
    for (const auto& [method, path] : operations) out += "\n  " + method + " " + path;
    return out;
}

std::set<Operation> difference(const std::set<Operation>& a, const std::set<Operation>& b) {
    std::set<Operation> out;
    for (const auto& op : a) {
        if (!b.contains(op)) out.insert(op);
    }
    return out;
}

// The lines of the schema `name` under components/schemas (indented by four), without the name's own line.
std::vector<std::string> schema_lines(const std::string& spec, const std::string& name) {
    std::vector<std::string> out;
    std::istringstream lines(spec);
    std::string line;
    bool in_components = false;
    bool in_schemas = false;
    bool in_schema = false;
    while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \r") == std::string::npos) continue;
        const std::size_t indent = indentation(line);
        if (indent == 0) in_components = key_of(line, 0) == "components";
        if (indent <= 2) in_schemas = in_components && indent == 2 && key_of(line, 2) == "schemas";
        if (indent <= 4) {
            in_schema = in_schemas && indent == 4 && key_of(line, 4) == name;
            continue;
        }
        if (in_schema) out.push_back(line);
    }
    return out;
}

// The entries under `key` (indented by six) of a schema's lines: list items ("- x") or mappings ("x: y").
std::vector<std::string> entries_of(const std::vector<std::string>& schema, const std::string& key) {
    std::vector<std::string> out;
    bool in_key = false;
    for (const auto& line : schema) {
        const std::size_t indent = indentation(line);
        if (indent == 6) {
            in_key = key_of(line, 6) == key;
        } else if (in_key && indent == 8) {
            std::string entry = line.substr(8);
            while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\r')) entry.pop_back();
            if (entry.starts_with("- ")) entry = entry.substr(2);
            out.push_back(entry);
        }
    }
    return out;
}

TEST(OpenApi, DescribesEveryRoute) {
    const std::string spec = read_spec();
    ASSERT_FALSE(spec.empty());
    EXPECT_TRUE(spec.starts_with("openapi: 3.1") || spec.find("\nopenapi: 3.1") != std::string::npos)
        << "docs/openapi.yaml must declare openapi: 3.1";

    const auto routed = routed_operations();
    ASSERT_FALSE(routed.empty());
    const auto undocumented = difference(routed, documented_operations(spec));
    EXPECT_TRUE(undocumented.empty()) << "routes missing from docs/openapi.yaml:" << listing(undocumented);
}

TEST(OpenApi, DocumentsNoRouteThatDoesNotExist) {
    const std::string spec = read_spec();
    ASSERT_FALSE(spec.empty());
    const auto documented = documented_operations(spec);
    ASSERT_FALSE(documented.empty()) << "no operations found under paths: in docs/openapi.yaml";
    const auto invented = difference(documented, routed_operations());
    EXPECT_TRUE(invented.empty()) << "documented operations the router does not have:" << listing(invented);
}

// The net under every HTTP test (Client checks each JSON answer against its operation's schema) catches what it
// is there for: a real answer conforms, and the same answer with a field renamed, retyped or added does not.
TEST(OpenApi, AnswersAreCheckedAgainstTheirSchemas) {
    TestServer server;
    server.create_publisher("contoso");
    Client client(server.base());
    ASSERT_EQ(client.login("admin@contoso.example", "password-contoso-1").status, 200);
    const HttpResponse created = client.post(
        "/api/v1/offers",
        boost::json::object{{"id", "crm"}, {"alias", "Contoso CRM"}, {"type", "dynamics-365-ce-powerapps"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const OpenApiSpec& spec = OpenApiSpec::spec();
    const std::string type = "application/json";
    EXPECT_TRUE(
        spec.check_answer("GET", "/api/v1/offers/crm", 200, type, client.get("/api/v1/offers/crm").body).empty());

    boost::json::object offer = boost::json::parse(created.body).as_object();
    ASSERT_TRUE(offer.contains("alias"));
    boost::json::object renamed = offer;
    renamed["offer_alias"] = renamed["alias"];
    renamed.erase("alias");
    boost::json::object retyped = offer;
    retyped["alias"] = 42;
    boost::json::object added = offer;
    added["surprise"] = true;
    for (const auto& wrong : {renamed, retyped, added}) {
        const auto problems = spec.check_answer("GET", "/api/v1/offers/crm", 200, type, boost::json::serialize(wrong));
        EXPECT_FALSE(problems.empty()) << boost::json::serialize(wrong);
    }
    // A problem answer is checked against the problem schema: a 404 without its `status` is not one.
    EXPECT_FALSE(spec.check_answer("GET", "/api/v1/offers/nothing", 404, "application/problem+json",
                                   R"({"type":"about:blank","title":"Not Found","detail":"x"})")
                     .empty());
}

// The change feed documents every event type the code writes, and no other, each with its payload's schema.
TEST(OpenApi, ListsEveryEventTypeWithItsPayloadSchema) {
    const std::string spec = read_spec();
    ASSERT_FALSE(spec.empty());
    const auto event_type = schema_lines(spec, "EventType");
    ASSERT_FALSE(event_type.empty()) << "no components/schemas/EventType in docs/openapi.yaml";

    std::set<std::string> documented;
    for (const auto& entry : entries_of(event_type, "enum")) documented.insert(entry);
    std::set<std::string> written;
    for (const auto& row : domain::kEventTypes) written.emplace(row.name);
    for (const auto& type : written)
        EXPECT_TRUE(documented.contains(type)) << type << " is missing from EventType's enum";
    for (const auto& type : documented)
        EXPECT_TRUE(written.contains(type)) << type << " is in EventType's enum but no code writes it";

    std::map<std::string, std::string> payloads;
    for (const auto& entry : entries_of(event_type, "x-payload-schemas")) {
        const auto colon = entry.find(": ");
        ASSERT_NE(colon, std::string::npos) << entry;
        payloads.emplace(entry.substr(0, colon), entry.substr(colon + 2));
    }
    for (const auto& row : domain::kEventTypes) {
        const std::string type(row.name);
        const std::string schema = std::string(domain::payload_schema_name(row.payload));
        EXPECT_EQ(payloads[type], schema) << "x-payload-schemas of " << type;
        EXPECT_FALSE(schema_lines(spec, schema).empty()) << "no components/schemas/" << schema;
    }
}

}  // namespace
}  // namespace seatkeeper::testing
