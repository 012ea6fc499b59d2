// Reading request bodies: parse a JSON object and pull typed fields out of it, each failure a Status that
// names the field (with its path, e.g. "listing.name") and the rule broken.
//
// Rules shared by every route: unknown fields are refused (a typo must not be silently ignored), a key is
// given once per object, strings have a maximum length and no control characters (multi-line text may hold
// line breaks and tabs; secrets anything), and `null` counts as "not given" for optional fields.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace seatkeeper::json {

namespace bj = boost::json;

// The one "required" rule for text, wherever it is checked (reading a body here, a use case in service/, a rule
// in domain/): a value that is empty or only spaces, tabs and line breaks is missing. Fails Invalid(field,
// "required", "<label> is required"); `label` defaults to the field's name.
[[nodiscard]] Status require_text(std::string_view field, std::string_view value, std::string_view label = {});

// Malformed (400) when `body` is not JSON; Invalid (422, rule "type") when it is not an object.
Result<bj::object> parse_object(std::string_view body);

// What a string field may hold besides printable text.
enum class Text {
    kLine,       // names, ids, addresses: no control characters at all
    kMultiline,  // descriptions, messages: line breaks (\n, \r) and tabs too
    kSecret,     // passwords: anything, since they are only ever hashed
};

class Fields {
public:
    explicit Fields(const bj::object& object, std::string path = {}) : object_(object), path_(std::move(path)) {}

    // Refuses any key not in `allowed`.
    [[nodiscard]] Status only(std::initializer_list<std::string_view> allowed) const;
    [[nodiscard]] bool has(std::string_view key) const;

    // A string that must be given and not blank (require_text); a secret only needs to be non-empty, since spaces
    // are as good as any other character in a password.
    [[nodiscard]] Result<std::string> required_string(std::string_view key, std::size_t max_length,
                                                      Text text = Text::kLine) const;
    [[nodiscard]] Result<std::optional<std::string>> optional_string(std::string_view key, std::size_t max_length,
                                                                     Text text = Text::kLine) const;
    [[nodiscard]] Result<std::optional<bool>> optional_bool(std::string_view key) const;
    [[nodiscard]] Result<std::optional<std::int64_t>> optional_integer(std::string_view key, std::int64_t min,
                                                                       std::int64_t max) const;
    // An amount of money as a JSON number with at most two decimals, in cents (12.5 → 1250), within [0, max_cents].
    [[nodiscard]] Result<std::optional<std::int64_t>> optional_cents(std::string_view key,
                                                                     std::int64_t max_cents) const;
    // A nested object; nullopt when absent or null.
    [[nodiscard]] Result<std::optional<Fields>> optional_object(std::string_view key) const;
    [[nodiscard]] Result<std::optional<std::vector<std::string>>> optional_string_list(std::string_view key,
                                                                                       std::size_t max_items,
                                                                                       std::size_t max_length) const;

    [[nodiscard]] std::string path_of(std::string_view key) const;

private:
    [[nodiscard]] const bj::value* find(std::string_view key) const;
    [[nodiscard]] Status type_error(std::string_view key, std::string_view want) const;

    const bj::object& object_;
    std::string path_;
};

// Serialises a value compactly.
std::string to_string(const bj::value& value);

}  // namespace seatkeeper::json
