// Request bodies (common/json.hpp) from arbitrary bytes: parse_object, then every typed accessor of Fields on
// every key of whatever parsed, nested objects included.
//
// Properties: a refused body is Malformed, or Invalid with a rule; a duplicate key is only reported in valid
// JSON; an accepted body is valid UTF-8 (text::is_valid_utf8 agrees with Boost.JSON) and survives
// serialise → parse_object unchanged; each accessor either answers within its documented limits (length in
// characters, no control characters for the kind of text, integer range, cents with two decimals, item
// count) or refuses with the field's path and a rule.
#include <boost/json.hpp>
#include <cmath>
#include <string>

#include "common/json.hpp"
#include "common/text.hpp"
#include "fuzz_check.hpp"
#include "json_equal.hpp"

namespace {

namespace bj = boost::json;
using seatkeeper::Status;
using seatkeeper::StatusCode;
using seatkeeper::json::Fields;
using seatkeeper::json::Text;
namespace text = seatkeeper::text;

constexpr std::size_t kShortLimit = 5;
constexpr std::size_t kLongLimit = 200;
constexpr std::int64_t kMinInteger = -10;
constexpr std::int64_t kMaxInteger = 1000;
constexpr std::int64_t kMaxCents = 100'000;
constexpr std::size_t kMaxItems = 3;

void check_refusal(const Status& status, const Fields& fields, std::string_view key) {
    FUZZ_CHECK(status.code() == StatusCode::kInvalid);
    FUZZ_CHECK(status.field() == fields.path_of(key));
    FUZZ_CHECK(!status.rule().empty());
    FUZZ_CHECK(!status.message().empty());
}

bool has_control_besides_whitespace(std::string s) {
    std::erase_if(s, [](char c) { return c == '\n' || c == '\r' || c == '\t'; });
    return text::has_control_character(s);
}

void check_string(const Fields& fields, std::string_view key, const bj::value& value, std::size_t limit, Text kind) {
    const auto read = fields.optional_string(key, limit, kind);
    if (!read.ok()) {
        check_refusal(read.status(), fields, key);
        return;
    }
    if (value.is_null()) {
        FUZZ_CHECK(!read->has_value());
        return;
    }
    FUZZ_CHECK(value.is_string());
    const std::string& s = **read;
    FUZZ_CHECK(s == std::string_view(value.as_string()));
    FUZZ_CHECK(text::is_valid_utf8(s));
    FUZZ_CHECK(text::utf8_length(s) <= limit);
    if (kind == Text::kLine) FUZZ_CHECK(!text::has_control_character(s));
    if (kind == Text::kMultiline) FUZZ_CHECK(!has_control_besides_whitespace(s));

    // Required: present and not blank (only spaces, tabs and line breaks count as missing); a secret only not empty.
    const auto required = fields.required_string(key, limit, kind);
    FUZZ_CHECK(required.ok() == (kind == Text::kSecret ? !s.empty() : !text::is_blank(s)));
}

void check_integer(const Fields& fields, std::string_view key, const bj::value& value) {
    const auto read = fields.optional_integer(key, kMinInteger, kMaxInteger);
    if (!read.ok()) {
        check_refusal(read.status(), fields, key);
        return;
    }
    if (!read->has_value()) {
        FUZZ_CHECK(value.is_null());
        return;
    }
    const std::int64_t n = **read;
    FUZZ_CHECK(n >= kMinInteger && n <= kMaxInteger);
    FUZZ_CHECK((value.is_int64() && value.as_int64() == n) ||
               (value.is_uint64() && value.as_uint64() == static_cast<std::uint64_t>(n)));
}

void check_cents(const Fields& fields, std::string_view key, const bj::value& value) {
    const auto read = fields.optional_cents(key, kMaxCents);
    if (!read.ok()) {
        check_refusal(read.status(), fields, key);
        return;
    }
    if (!read->has_value()) {
        FUZZ_CHECK(value.is_null());
        return;
    }
    const std::int64_t cents = **read;
    FUZZ_CHECK(cents >= 0 && cents <= kMaxCents);
    FUZZ_CHECK(value.is_number());
    // The number given is the amount in cents, up to the rounding of binary floating point (a relative error
    // of about 1e-16): at most two decimals.
    const double exact = static_cast<double>(cents);
    FUZZ_CHECK(std::abs(value.to_number<double>() * 100.0 - exact) <= 1e-12 * std::max(1.0, exact));
}

void check_string_list(const Fields& fields, std::string_view key, const bj::value& value) {
    const auto read = fields.optional_string_list(key, kMaxItems, kShortLimit);
    if (!read.ok()) {
        check_refusal(read.status(), fields, key);
        return;
    }
    if (!read->has_value()) {
        FUZZ_CHECK(value.is_null());
        return;
    }
    FUZZ_CHECK(value.is_array() && value.as_array().size() == (*read)->size());
    FUZZ_CHECK((*read)->size() <= kMaxItems);
    for (const std::string& item : **read) {
        FUZZ_CHECK(text::utf8_length(item) <= kShortLimit);
        FUZZ_CHECK(!text::has_control_character(item));
    }
}

void check_fields(const Fields& fields, const bj::object& object, int depth) {
    FUZZ_CHECK(fields.only({}).ok() == object.empty());
    for (const auto& entry : object) {
        const std::string_view key = entry.key();
        const bj::value& value = entry.value();
        FUZZ_CHECK(fields.has(key));
        FUZZ_CHECK(!fields.only({key}).ok() == (object.size() > 1));
        for (const Text kind : {Text::kLine, Text::kMultiline, Text::kSecret}) {
            check_string(fields, key, value, kShortLimit, kind);
            check_string(fields, key, value, kLongLimit, kind);
        }
        const auto flag = fields.optional_bool(key);
        if (flag.ok()) {
            FUZZ_CHECK(flag->has_value() ? value.is_bool() && value.as_bool() == **flag : value.is_null());
        } else {
            check_refusal(flag.status(), fields, key);
        }
        check_integer(fields, key, value);
        check_cents(fields, key, value);
        check_string_list(fields, key, value);
        const auto nested = fields.optional_object(key);
        if (!nested.ok()) {
            check_refusal(nested.status(), fields, key);
        } else if (nested->has_value()) {
            FUZZ_CHECK(value.is_object());
            // Paths grow by one level (an empty key, refused by only() in every route, adds none).
            if (!key.empty()) FUZZ_CHECK((*nested)->path_of("x") == fields.path_of(key) + ".x");
            if (depth < 8) check_fields(**nested, value.as_object(), depth + 1);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body = seatkeeper::fuzz::as_text(data, size);
    auto parsed = seatkeeper::json::parse_object(body);
    if (!parsed.ok()) {
        const Status& status = parsed.status();
        FUZZ_CHECK(status.code() == StatusCode::kMalformed || status.code() == StatusCode::kInvalid);
        FUZZ_CHECK(!status.message().empty());
        if (status.rule() == "duplicate_key") {
            boost::system::error_code ec;
            (void)bj::parse(body, ec);
            FUZZ_CHECK(!ec);
        }
        return 0;
    }
    // Boost.JSON validates strings as UTF-8 and allows nothing else outside ASCII: the body must be UTF-8.
    FUZZ_CHECK(text::is_valid_utf8(body));

    const bj::object& object = *parsed;
    const std::string serialised = seatkeeper::json::to_string(object);
    const auto again = seatkeeper::json::parse_object(serialised);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(seatkeeper::fuzz::json_equal(*again, object));

    check_fields(Fields(object), object, 0);
    check_fields(Fields(object, "outer"), object, 7);
    return 0;
}
