// docs/openapi.yaml's response schemas, checked against real answers: the HTTP tests' Client checks every JSON
// answer from /api/ against the schema its operation documents for that status, so a field renamed, dropped,
// added or retyped on one side only fails the test that saw it (tests/http/harness.cpp).
//
// The document is read from its JSON form, made from the YAML at build time (support/yaml_to_json.py). The
// checker knows the JSON Schema keywords the document uses: $ref (to any "#/…" pointer), type (one or a list),
// properties, required, additionalProperties, items, enum, const, allOf, anyOf, oneOf, minLength, maxLength,
// minimum, maximum, minItems, maxItems and pattern (ECMAScript); `format`, descriptions and examples are not
// checked. Answers are read strictly: an object may carry only the fields its schema declares.
//
// Thread-safety: spec() is loaded once (a function-local static); checking is const.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace seatkeeper::testing {

class OpenApiSpec {
public:
    explicit OpenApiSpec(boost::json::value document);

    // The document of this build (SEATKEEPER_OPENAPI_JSON); fails the test run when it cannot be read.
    static const OpenApiSpec& spec();

    // What is wrong with `body` as the answer `status` to `method path` (path without the query), one line per
    // problem with its JSON path; empty when it conforms, and when the document gives no JSON schema for that
    // operation and status (the route test, tests/http/openapi_test.cpp, covers what is documented at all).
    [[nodiscard]] std::vector<std::string> check_answer(std::string_view method, std::string_view path, int status,
                                                        std::string_view content_type, std::string_view body) const;

    // What is wrong with `value` against `schema` (resolving $ref in this document); empty when it conforms.
    // Objects are closed: a field the schema does not declare is wrong too, unless the schema allows others
    // (additionalProperties), so that a field added on the server's side alone is caught.
    [[nodiscard]] std::vector<std::string> check(const boost::json::value& schema,
                                                 const boost::json::value& value) const;

private:
    [[nodiscard]] const boost::json::value* resolve(const boost::json::value& maybe_ref) const;
    [[nodiscard]] const boost::json::object* operation(std::string_view method, std::string_view path) const;
    // `closed`: an object's fields must be declared by the schema (its properties, with those of its allOf,
    // anyOf and oneOf parts) unless it says additionalProperties; the parts of a composition are checked
    // open, since each declares only some of the fields.
    void check(const boost::json::value& schema, const boost::json::value& value, const std::string& where,
               std::vector<std::string>& problems, int depth, bool closed) const;
    void declared_fields(const boost::json::value& schema, std::vector<std::string>& names, bool& open,
                         int depth) const;

    boost::json::value document_;
};

}  // namespace seatkeeper::testing
