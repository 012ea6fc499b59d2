#include "common/json.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "common/text.hpp"

namespace seatkeeper::json {

namespace {

constexpr int kMaxDepth = 32;

// A SAX pass over well-formed JSON that finds the first key given twice in one object (boost::json keeps the
// last one silently, so `{"role":"viewer","role":"global_admin"}` would read differently to different
// parsers). Its path, e.g. "listing.name", is kept for the message.
// The member names and the non-static callbacks are the handler interface basic_parser expects.
// NOLINTBEGIN(readability-identifier-naming,readability-convert-member-functions-to-static)
class DuplicateKeys {
public:
    constexpr static std::size_t max_object_size = std::size_t(-1);
    constexpr static std::size_t max_array_size = std::size_t(-1);
    constexpr static std::size_t max_key_size = std::size_t(-1);
    constexpr static std::size_t max_string_size = std::size_t(-1);

    std::optional<std::string> found;

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) {
        scopes_.push_back(Scope{{}, pending_});
        return true;
    }
    bool on_object_end(std::size_t, boost::system::error_code&) { return end_scope(); }
    bool on_array_begin(boost::system::error_code&) {
        scopes_.push_back(Scope{{}, pending_});
        return true;
    }
    bool on_array_end(std::size_t, boost::system::error_code&) { return end_scope(); }
    bool on_key_part(std::string_view part, std::size_t, boost::system::error_code&) {
        key_ += part;
        return true;
    }
    bool on_key(std::string_view part, std::size_t, boost::system::error_code& ec) {
        key_ += part;
        Scope& scope = scopes_.back();
        pending_ = scope.path.empty() ? key_ : scope.path + "." + key_;
        if (!scope.keys.insert(key_).second) {
            found = pending_;
            ec = bj::error::syntax;  // stop here: one finding is enough
            return false;
        }
        key_.clear();
        return true;
    }
    bool on_string_part(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_string(std::string_view, std::size_t, boost::system::error_code&) { return true; }
    bool on_number_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t, std::string_view, boost::system::error_code&) { return true; }
    bool on_uint64(std::uint64_t, std::string_view, boost::system::error_code&) { return true; }
    bool on_double(double, std::string_view, boost::system::error_code&) { return true; }
    bool on_bool(bool, boost::system::error_code&) { return true; }
    bool on_null(boost::system::error_code&) { return true; }
    bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
    bool on_comment(std::string_view, boost::system::error_code&) { return true; }
    // NOLINTEND(readability-identifier-naming,readability-convert-member-functions-to-static)

private:
    struct Scope {
        std::set<std::string> keys;  // empty for an array
        std::string path;            // of the value this scope is
    };
    bool end_scope() {
        scopes_.pop_back();
        return true;
    }
    std::vector<Scope> scopes_;
    std::string key_;
    std::string pending_;  // the path of the value after the last key
};

// The first key an object of `body` (valid JSON) holds twice, with its path.
std::optional<std::string> duplicate_key(std::string_view body) {
    bj::parse_options options;
    options.max_depth = kMaxDepth;
    bj::basic_parser<DuplicateKeys> parser(options);
    boost::system::error_code ec;
    parser.write_some(false, body.data(), body.size(), ec);
    return parser.handler().found;
}

// The path of the first number in `value` too large for a double ("1e400" reads as infinity): no JSON writer
// can write it back (Boost writes `Infinity`, which is not JSON). Array items have their array's path.
std::optional<std::string> infinite_number(const bj::value& value, const std::string& path) {
    if (value.is_double()) return std::isfinite(value.get_double()) ? std::nullopt : std::optional(path);
    if (value.is_array()) {
        for (const auto& item : value.get_array()) {
            if (auto found = infinite_number(item, path)) return found;
        }
    }
    if (value.is_object()) {
        for (const auto& kv : value.get_object()) {
            std::string child = path;
            if (!child.empty()) child += '.';
            child.append(kv.key().data(), kv.key().size());
            if (auto found = infinite_number(kv.value(), child)) return found;
        }
    }
    return std::nullopt;
}

}  // namespace

Status require_text(std::string_view field, std::string_view value, std::string_view label) {
    if (!text::is_blank(value)) return Status::Ok();
    return Status::Invalid(std::string(field), "required", std::string(label.empty() ? field : label) + " is required");
}

Result<bj::object> parse_object(std::string_view body) {
    boost::system::error_code ec;
    bj::parse_options options;
    options.max_depth = kMaxDepth;
    bj::value value = bj::parse(body, ec, {}, options);
    if (ec) return Status::Malformed("the request body is not valid JSON: " + ec.message());
    if (const auto key = duplicate_key(body)) {
        return Status::Invalid(*key, "duplicate_key", "the request body gives " + *key + " more than once");
    }
    if (!value.is_object()) return Status::Invalid("", "type", "the request body must be a JSON object");
    if (const auto path = infinite_number(value, "")) {
        return Status::Invalid(*path, "range", *path + " is a number too large to read");
    }
    return std::move(value.as_object());
}

std::string Fields::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const bj::value* Fields::find(std::string_view key) const {
    const auto it = object_.find(key);
    if (it == object_.end() || it->value().is_null()) return nullptr;
    return &it->value();
}

bool Fields::has(std::string_view key) const { return object_.contains(key); }

Status Fields::type_error(std::string_view key, std::string_view want) const {
    return Status::Invalid(path_of(key), "type", path_of(key) + " must be " + std::string(want));
}

Status Fields::only(std::initializer_list<std::string_view> allowed) const {
    for (const auto& kv : object_) {
        bool known = false;
        for (const auto a : allowed) known = known || a == kv.key();
        if (!known) {
            return Status::Invalid(path_of(kv.key()), "unknown_field",
                                   path_of(kv.key()) + " is not a field of this request");
        }
    }
    return Status::Ok();
}

Result<std::string> Fields::required_string(std::string_view key, std::size_t max_length, Text text) const {
    SK_ASSIGN_OR_RETURN(auto value, optional_string(key, max_length, text));
    const std::string path = path_of(key);
    if (!value || value->empty()) return Status::Invalid(path, "required", path + " is required");
    if (text != Text::kSecret) SK_RETURN_IF_ERROR(require_text(path, *value));
    return std::move(*value);
}

Result<std::optional<std::string>> Fields::optional_string(std::string_view key, std::size_t max_length,
                                                           Text text) const {
    const bj::value* v = find(key);
    if (v == nullptr) return std::optional<std::string>{};
    if (!v->is_string()) return type_error(key, "a string");
    std::string s(v->as_string());
    if (text::utf8_length(s) > max_length) {
        return Status::Invalid(path_of(key), "max_length",
                               path_of(key) + " must be at most " + std::to_string(max_length) + " characters");
    }
    if (text != Text::kSecret) {
        std::string check = s;
        if (text == Text::kMultiline) std::erase_if(check, [](char c) { return c == '\n' || c == '\r' || c == '\t'; });
        if (text::has_control_character(check)) {
            return Status::Invalid(
                path_of(key), "characters",
                path_of(key) + (text == Text::kMultiline
                                    ? " must not hold control characters other than line breaks and tabs"
                                    : " must not hold control characters (line breaks and tabs included)"));
        }
    }
    return std::optional<std::string>(std::move(s));
}

Result<std::optional<bool>> Fields::optional_bool(std::string_view key) const {
    const bj::value* v = find(key);
    if (v == nullptr) return std::optional<bool>{};
    if (!v->is_bool()) return type_error(key, "true or false");
    return std::optional<bool>(v->as_bool());
}

Result<std::optional<std::int64_t>> Fields::optional_integer(std::string_view key, std::int64_t min,
                                                             std::int64_t max) const {
    const bj::value* v = find(key);
    if (v == nullptr) return std::optional<std::int64_t>{};
    std::int64_t n = 0;
    if (v->is_int64()) {
        n = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        n = static_cast<std::int64_t>(v->as_uint64());
    } else {
        return type_error(key, "an integer");
    }
    if (n < min || n > max) {
        return Status::Invalid(
            path_of(key), "range",
            path_of(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return std::optional<std::int64_t>(n);
}

Result<std::optional<std::int64_t>> Fields::optional_cents(std::string_view key, std::int64_t max_cents) const {
    const bj::value* v = find(key);
    if (v == nullptr) return std::optional<std::int64_t>{};
    if (!v->is_number()) return type_error(key, "a number");
    const double amount = v->to_number<double>();
    const double cents = std::round(amount * 100.0);
    const Status out_of_range = Status::Invalid(
        path_of(key), "range", path_of(key) + " must be between 0 and " + std::to_string(max_cents / 100));
    if (!(amount >= 0) || cents > static_cast<double>(max_cents)) return out_of_range;
    // Binary floating point can't hold 9.99 exactly, and Boost 1.81 may round a long literal an ulp off: a few
    // ulps of slack, no more, so that a third decimal ("9.990000037") is refused at any size a double tells apart.
    constexpr double kSlack = 8 * std::numeric_limits<double>::epsilon();
    if (std::abs(amount * 100.0 - cents) > kSlack * std::max(1.0, cents)) {
        return Status::Invalid(path_of(key), "decimals", path_of(key) + " may have at most two decimals");
    }
    return std::optional<std::int64_t>(static_cast<std::int64_t>(cents));
}

Result<std::optional<Fields>> Fields::optional_object(std::string_view key) const {
    const bj::value* v = find(key);
    if (v == nullptr) return std::optional<Fields>{};
    if (!v->is_object()) return type_error(key, "an object");
    return std::optional<Fields>(Fields(v->as_object(), path_of(key)));
}

Result<std::optional<std::vector<std::string>>> Fields::optional_string_list(std::string_view key,
                                                                             std::size_t max_items,
                                                                             std::size_t max_length) const {
    const bj::value* v = find(key);
    if (v == nullptr) return std::optional<std::vector<std::string>>{};
    if (!v->is_array()) return type_error(key, "an array of strings");
    const auto& array = v->as_array();
    if (array.size() > max_items) {
        return Status::Invalid(path_of(key), "max_items",
                               path_of(key) + " may hold at most " + std::to_string(max_items) + " items");
    }
    std::vector<std::string> out;
    for (const auto& item : array) {
        if (!item.is_string()) return type_error(key, "an array of strings");
        std::string s(item.as_string());
        if (text::utf8_length(s) > max_length) {
            return Status::Invalid(
                path_of(key), "max_length",
                "each item of " + path_of(key) + " must be at most " + std::to_string(max_length) + " characters");
        }
        if (text::has_control_character(s)) {
            return Status::Invalid(path_of(key), "characters",
                                   "each item of " + path_of(key) + " must be free of control characters");
        }
        out.push_back(std::move(s));
    }
    return std::optional<std::vector<std::string>>(std::move(out));
}

std::string to_string(const bj::value& value) { return bj::serialize(value); }

}  // namespace seatkeeper::json
