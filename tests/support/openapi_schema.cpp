#include "support/openapi_schema.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "common/mutex.hpp"
#include "common/text.hpp"

namespace seatkeeper::testing {

namespace bj = boost::json;

namespace {

constexpr int kMaxDepth = 64;  // deeper than any answer; a $ref cycle without data stops here

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        if (path.front() == '/') path.remove_prefix(1);
        const auto end = path.find('/');
        out.push_back(path.substr(0, end));
        path = end == std::string_view::npos ? std::string_view{} : path.substr(end);
    }
    return out;
}

// How well a documented path template fits a path: -1 when it doesn't, else the count of literal segments
// (so `/api/v1/offers/new` wins over `/api/v1/offers/{offer_id}` where both fit).
int fit(std::string_view pattern, std::string_view path) {
    const auto want = segments(pattern);
    const auto have = segments(path);
    if (want.size() != have.size()) return -1;
    int literal = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i].starts_with('{') && want[i].ends_with('}')) continue;
        if (want[i] != have[i]) return -1;
        ++literal;
    }
    return literal;
}

std::string kind_of(const bj::value& v) {
    switch (v.kind()) {
        case bj::kind::null:
            return "null";
        case bj::kind::bool_:
            return "boolean";
        case bj::kind::int64:
        case bj::kind::uint64:
            return "integer";
        case bj::kind::double_:
            return "number";
        case bj::kind::string:
            return "string";
        case bj::kind::array:
            return "array";
        case bj::kind::object:
            return "object";
    }
    return "?";
}

bool has_type(const bj::value& v, std::string_view type) {
    const std::string kind = kind_of(v);
    if (type == kind) return true;
    if (type == "number") return kind == "integer";
    if (type == "integer" && v.is_double()) return std::trunc(v.as_double()) == v.as_double();
    return false;
}

std::optional<double> number_of(const bj::value& v) {
    if (v.is_int64()) return static_cast<double>(v.as_int64());
    if (v.is_uint64()) return static_cast<double>(v.as_uint64());
    if (v.is_double()) return v.as_double();
    return std::nullopt;
}

// Whether `pattern` (ECMAScript) finds a match in `text`. Compiled once per pattern, and compiled and run under
// one lock: clients on several threads check answers at once, and libstdc++'s regex fills its locale's narrow-char
// cache as it goes, which ThreadSanitizer reports as a race.
bool matches(std::string_view pattern, std::string_view text) {
    static Mutex mutex;
    static std::map<std::string, std::regex, std::less<>> compiled;
    const MutexLock lock(mutex);
    auto it = compiled.find(pattern);
    if (it == compiled.end()) {
        it = compiled.emplace(std::string(pattern), std::regex(std::string(pattern), std::regex::ECMAScript)).first;
    }
    return std::regex_search(text.begin(), text.end(), it->second);
}

std::string shown(const bj::value& v) {
    std::string s = bj::serialize(v);
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

}  // namespace

OpenApiSpec::OpenApiSpec(bj::value document) : document_(std::move(document)) {}

const OpenApiSpec& OpenApiSpec::spec() {
    static const OpenApiSpec loaded = [] {
        std::ifstream in(SEATKEEPER_OPENAPI_JSON);
        std::stringstream text;
        text << in.rdbuf();
        boost::system::error_code ec;
        bj::value document = bj::parse(text.str(), ec);
        if (ec || !document.is_object() || !document.as_object().contains("paths")) {
            ADD_FAILURE() << "cannot read " << SEATKEEPER_OPENAPI_JSON << " (made from docs/openapi.yaml)";
            document = bj::object{{"paths", bj::object{}}};
        }
        return OpenApiSpec(std::move(document));
    }();
    return loaded;
}

const bj::value* OpenApiSpec::resolve(const bj::value& maybe_ref) const {
    const bj::value* at = &maybe_ref;
    for (int hops = 0; hops < kMaxDepth && at->is_object(); ++hops) {
        const auto* ref = at->as_object().if_contains("$ref");
        if (ref == nullptr || !ref->is_string()) return at;
        const std::string_view pointer(ref->as_string());
        if (!pointer.starts_with("#")) return nullptr;
        boost::system::error_code ec;
        at = document_.find_pointer(pointer.substr(1), ec);
        if (ec || at == nullptr) return nullptr;
    }
    return at;
}

const bj::object* OpenApiSpec::operation(std::string_view method, std::string_view path) const {
    const auto* paths = document_.as_object().if_contains("paths");
    if (paths == nullptr || !paths->is_object()) return nullptr;
    const bj::object* best = nullptr;
    int best_fit = -1;
    const std::string verb = text::ascii_lower(method);
    for (const auto& [pattern, item] : paths->as_object()) {
        const int f = fit(pattern, path);
        if (f <= best_fit || !item.is_object()) continue;
        if (const auto* op = item.as_object().if_contains(verb); op != nullptr && op->is_object()) {
            best = &op->as_object();
            best_fit = f;
        }
    }
    return best;
}

std::vector<std::string> OpenApiSpec::check_answer(std::string_view method, std::string_view path, int status,
                                                   std::string_view content_type, std::string_view body) const {
    if (method == "HEAD") method = "GET";
    const bj::object* op = operation(method, path);
    if (op == nullptr) return {};
    const auto* responses = op->if_contains("responses");
    if (responses == nullptr || !responses->is_object()) return {};
    const std::string code = std::to_string(status);
    const std::string range = code.substr(0, 1) + "XX";
    const bj::value* response = nullptr;
    for (const std::string_view key : {std::string_view(code), std::string_view(range), std::string_view("default")}) {
        if (const auto* r = responses->as_object().if_contains(key)) {
            response = resolve(*r);
            break;
        }
    }
    if (response == nullptr || !response->is_object()) return {};
    const auto* content = response->as_object().if_contains("content");
    if (content == nullptr || !content->is_object()) return {};
    const std::string media(content_type.substr(0, content_type.find(';')));
    const auto* entry = content->as_object().if_contains(media);
    if (entry == nullptr) {
        return {"answered " + code + " as " + media + ", which docs/openapi.yaml does not list for " +
                std::string(method) + " " + std::string(path)};
    }
    const auto* schema = entry->is_object() ? entry->as_object().if_contains("schema") : nullptr;
    if (schema == nullptr) return {};
    boost::system::error_code ec;
    const bj::value value = bj::parse(body, ec);
    if (ec) return {"the " + media + " body is not JSON: " + std::string(body.substr(0, 80))};
    return check(*schema, value);
}

std::vector<std::string> OpenApiSpec::check(const bj::value& schema, const bj::value& value) const {
    std::vector<std::string> problems;
    check(schema, value, "$", problems, 0, true);
    return problems;
}

void OpenApiSpec::declared_fields(const bj::value& schema_or_ref, std::vector<std::string>& names, bool& open,
                                  int depth) const {
    const bj::value* schema = resolve(schema_or_ref);
    if (depth > kMaxDepth || schema == nullptr || !schema->is_object()) {
        open = true;  // `true`, `{}` or unresolvable: nothing to hold a field against
        return;
    }
    const bj::object& s = schema->as_object();
    if (const auto* additional = s.if_contains("additionalProperties");
        additional != nullptr && !(additional->is_bool() && !additional->as_bool())) {
        open = true;
    }
    if (const auto* properties = s.if_contains("properties"); properties != nullptr && properties->is_object()) {
        for (const auto& [name, _] : properties->as_object()) names.emplace_back(name);
    }
    bool composed = false;
    for (const std::string_view key : {"allOf", "anyOf", "oneOf"}) {
        if (const auto* parts = s.if_contains(key); parts != nullptr && parts->is_array()) {
            composed = true;
            for (const auto& part : parts->as_array()) declared_fields(part, names, open, depth + 1);
        }
    }
    if (!composed && !s.contains("properties") && !s.contains("additionalProperties")) open = true;  // any object
}

void OpenApiSpec::check(const bj::value& schema_or_ref, const bj::value& value, const std::string& where,
                        std::vector<std::string>& problems, int depth, bool closed) const {
    if (depth > kMaxDepth) return;
    if (schema_or_ref.is_object()) {
        if (const auto* ref = schema_or_ref.as_object().if_contains("$ref")) {
            const bj::value* target = resolve(schema_or_ref);
            if (target == nullptr) {
                problems.push_back(where + ": unresolvable $ref " + shown(*ref));
                return;
            }
            check(*target, value, where, problems, depth + 1, closed);
            return;  // the document puts nothing that matters beside a $ref (a description at most)
        }
    }
    if (!schema_or_ref.is_object()) return;  // `true`, `{}`: anything goes
    const bj::object& schema = schema_or_ref.as_object();
    const auto fail = [&](const std::string& what) { problems.push_back(where + ": " + what); };
    const auto fits = [&](const bj::value& sub) {
        std::vector<std::string> inner;
        check(sub, value, where, inner, depth + 1, false);
        return inner;
    };

    if (const auto* type = schema.if_contains("type")) {
        bool ok = false;
        if (type->is_string()) ok = has_type(value, type->as_string());
        if (type->is_array()) {
            ok = std::any_of(type->as_array().begin(), type->as_array().end(),
                             [&](const bj::value& t) { return t.is_string() && has_type(value, t.as_string()); });
        }
        if (!ok) {
            fail("is " + kind_of(value) + " " + shown(value) + ", the schema says type " + shown(*type));
            return;
        }
    }
    if (const auto* values = schema.if_contains("enum"); values != nullptr && values->is_array()) {
        const auto& list = values->as_array();
        if (std::find(list.begin(), list.end(), value) == list.end())
            fail(shown(value) + " is not one of " + shown(*values));
    }
    if (const auto* constant = schema.if_contains("const"); constant != nullptr && *constant != value) {
        fail(shown(value) + " is not " + shown(*constant));
    }
    if (const auto* all = schema.if_contains("allOf"); all != nullptr && all->is_array()) {
        for (const auto& sub : all->as_array()) check(sub, value, where, problems, depth + 1, false);
    }
    if (const auto* any = schema.if_contains("anyOf"); any != nullptr && any->is_array()) {
        std::vector<std::string> first;
        bool matched = false;
        for (const auto& sub : any->as_array()) {
            auto inner = fits(sub);
            if (inner.empty()) {
                matched = true;
                break;
            }
            if (first.empty()) first = std::move(inner);
        }
        if (!matched) fail("matches none of anyOf (the first says: " + (first.empty() ? "" : first.front()) + ")");
    }
    if (const auto* one = schema.if_contains("oneOf"); one != nullptr && one->is_array()) {
        int matched = 0;
        std::vector<std::string> reasons;
        for (const auto& sub : one->as_array()) {
            auto inner = fits(sub);
            if (inner.empty()) {
                ++matched;
            } else {
                reasons.push_back(inner.front());
            }
        }
        if (matched != 1) {
            std::string why;
            for (const auto& r : reasons) why += "\n      " + r;
            fail("matches " + std::to_string(matched) + " of oneOf's " + std::to_string(one->as_array().size()) +
                 " schemas, not exactly one" + why);
        }
    }

    if (value.is_object()) {
        const auto& object = value.as_object();
        const auto* properties = schema.if_contains("properties");
        if (const auto* required = schema.if_contains("required"); required != nullptr && required->is_array()) {
            for (const auto& name : required->as_array()) {
                if (name.is_string() && !object.contains(name.as_string())) {
                    fail("lacks the required field '" + std::string(name.as_string()) + "'");
                }
            }
        }
        const auto* additional = schema.if_contains("additionalProperties");
        std::vector<std::string> names;
        bool open = !closed;
        if (closed) declared_fields(schema_or_ref, names, open, depth);
        for (const auto& [key, field] : object) {
            const std::string at = where + "." + std::string(key);
            const bj::value* declared = nullptr;
            if (properties != nullptr && properties->is_object()) declared = properties->as_object().if_contains(key);
            if (declared != nullptr) {
                check(*declared, field, at, problems, depth + 1, true);
            } else if (additional != nullptr && additional->is_bool() && !additional->as_bool()) {
                fail("has the field '" + std::string(key) + "', which the schema does not declare");
            } else if (additional != nullptr && additional->is_object()) {
                check(*additional, field, at, problems, depth + 1, true);
            } else if (!open && std::find(names.begin(), names.end(), std::string_view(key)) == names.end()) {
                fail("has the field '" + std::string(key) + "', which the schema does not declare");
            }
        }
    }
    if (value.is_array()) {
        const auto& array = value.as_array();
        if (const auto* items = schema.if_contains("items")) {
            for (std::size_t i = 0; i < array.size(); ++i) {
                check(*items, array[i], where + "[" + std::to_string(i) + "]", problems, depth + 1, true);
            }
        }
        if (const auto* min = schema.if_contains("minItems");
            min != nullptr && min->is_int64() && std::cmp_less(array.size(), min->as_int64())) {
            fail("has " + std::to_string(array.size()) + " items, fewer than minItems " + shown(*min));
        }
        if (const auto* max = schema.if_contains("maxItems");
            max != nullptr && max->is_int64() && std::cmp_greater(array.size(), max->as_int64())) {
            fail("has " + std::to_string(array.size()) + " items, more than maxItems " + shown(*max));
        }
    }
    if (value.is_string()) {
        const std::string_view string(value.as_string());
        const std::size_t length = text::utf8_length(string);
        if (const auto* min = schema.if_contains("minLength");
            min != nullptr && min->is_int64() && std::cmp_less(length, min->as_int64())) {
            fail(shown(value) + " is shorter than minLength " + shown(*min));
        }
        if (const auto* max = schema.if_contains("maxLength");
            max != nullptr && max->is_int64() && std::cmp_greater(length, max->as_int64())) {
            fail(shown(value) + " is longer than maxLength " + shown(*max));
        }
        if (const auto* pattern = schema.if_contains("pattern"); pattern != nullptr && pattern->is_string()) {
            if (!matches(pattern->as_string(), string)) fail(shown(value) + " does not match " + shown(*pattern));
        }
    }
    if (const auto number = number_of(value)) {
        if (const auto* min = schema.if_contains("minimum")) {
            if (const auto bound = number_of(*min); bound && *number < *bound)
                fail(shown(value) + " < minimum " + shown(*min));
        }
        if (const auto* max = schema.if_contains("maximum")) {
            if (const auto bound = number_of(*max); bound && *number > *bound)
                fail(shown(value) + " > maximum " + shown(*max));
        }
    }
}

}  // namespace seatkeeper::testing
