// Status and Result: how every layer reports an expected failure.
//
// A Status is a value, never an exception: the kind of failure (which maps to one HTTP status in
// http/problem.cpp and nowhere else), a message safe to show a client, the input `field` it is about
// and the `rule` broken (a short stable slug clients can branch on). Internal details meant for the
// log only go in `log_detail`, which is never sent to a client.
//
// Thread-safety: plain values; copy freely.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace seatkeeper {

enum class StatusCode {
    kOk,
    kInvalid,          // input breaks a rule → 400/422
    kMalformed,        // input cannot be parsed at all → 400
    kUnauthenticated,  // no or bad credentials → 401
    kForbidden,        // authenticated, but the role may not → 403
    kNotFound,         // absent, or another publisher's/tenant's → 404
    kConflict,         // duplicate or refused state transition → 409
    kTooLarge,         // body, upload or package over a limit → 413
    kUnsupportedType,  // a body in a media type the route does not read → 415
    kRateLimited,      // → 429
    kUnavailable,      // a dependency (database, network) failed; retry may work → 503
    kInternal,         // a bug; never expected → 500
};

class Status {
public:
    Status() = default;

    // Named constructors, spelled like the codes they make (as absl::OkStatus, absl::NotFoundError).
    // NOLINTBEGIN(readability-identifier-naming)
    static Status Ok() { return {}; }
    static Status Invalid(std::string field, std::string rule, std::string message) {
        return {StatusCode::kInvalid, std::move(message), std::move(field), std::move(rule)};
    }
    static Status Malformed(std::string message, std::string field = {}) {
        return {StatusCode::kMalformed, std::move(message), std::move(field), "malformed"};
    }
    static Status Unauthenticated(std::string message) {
        return {StatusCode::kUnauthenticated, std::move(message), {}, "unauthenticated"};
    }
    static Status Forbidden(std::string message) {
        return {StatusCode::kForbidden, std::move(message), {}, "forbidden"};
    }
    static Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message), {}, "not_found"}; }
    static Status Conflict(std::string rule, std::string message, std::string field = {}) {
        return {StatusCode::kConflict, std::move(message), std::move(field), std::move(rule)};
    }
    static Status TooLarge(std::string message, std::string field = {}) {
        return {StatusCode::kTooLarge, std::move(message), std::move(field), "too_large"};
    }
    static Status UnsupportedType(std::string message) {
        return {StatusCode::kUnsupportedType, std::move(message), {}, "content_type"};
    }
    static Status RateLimited(std::string message) {
        return {StatusCode::kRateLimited, std::move(message), {}, "rate_limited"};
    }
    static Status Unavailable(std::string message, std::string log_detail = {}) {
        Status s{StatusCode::kUnavailable, std::move(message), {}, "unavailable"};
        s.log_detail_ = std::move(log_detail);
        return s;
    }
    static Status Internal(std::string log_detail) {
        Status s{StatusCode::kInternal, "internal error", {}, "internal"};
        s.log_detail_ = std::move(log_detail);
        return s;
    }
    // NOLINTEND(readability-identifier-naming)

    [[nodiscard]] bool ok() const { return code_ == StatusCode::kOk; }
    [[nodiscard]] StatusCode code() const { return code_; }
    [[nodiscard]] const std::string& message() const { return message_; }
    [[nodiscard]] const std::string& field() const { return field_; }
    [[nodiscard]] const std::string& rule() const { return rule_; }
    [[nodiscard]] const std::string& log_detail() const { return log_detail_; }
    // So that SK_RETURN_IF_ERROR treats Status and Result<T> alike.
    [[nodiscard]] const Status& status() const { return *this; }

    // Prefixes the field path, so a nested validator can report "listing.name".
    Status&& in(std::string_view parent) && {
        if (!parent.empty()) field_ = field_.empty() ? std::string(parent) : std::string(parent) + "." + field_;
        return std::move(*this);
    }

private:
    Status(StatusCode code, std::string message, std::string field, std::string rule)
        : code_(code), message_(std::move(message)), field_(std::move(field)), rule_(std::move(rule)) {}

    StatusCode code_ = StatusCode::kOk;
    std::string message_;
    std::string field_;
    std::string rule_;
    std::string log_detail_;
};

// Result<T>: a T or a failed Status (std::expected arrives only with C++23).
template <typename T>
class Result {
public:
    Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
    Result(Status status) : value_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(value_); }
    [[nodiscard]] const Status& status() const {
        static const Status kOkStatus;
        return ok() ? kOkStatus : std::get<Status>(value_);
    }
    T& value() & { return std::get<T>(value_); }
    const T& value() const& { return std::get<T>(value_); }
    T&& value() && { return std::get<T>(std::move(value_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Status> value_;
};

}  // namespace seatkeeper

// Returns early from a function returning Status or Result<...> when `expr` failed.
#define SK_RETURN_IF_ERROR(expr)                          \
    do {                                                  \
        if (auto sk_status_ = (expr); !sk_status_.ok()) { \
            return sk_status_.status();                   \
        }                                                 \
    } while (false)

#define SK_CONCAT_INNER(a, b) a##b
#define SK_CONCAT(a, b) SK_CONCAT_INNER(a, b)
// `SK_ASSIGN_OR_RETURN(auto x, f())`: binds the value or returns the failure.
#define SK_ASSIGN_OR_RETURN(decl, expr) SK_ASSIGN_OR_RETURN_IMPL(SK_CONCAT(sk_result_, __LINE__), decl, expr)
// NOLINTBEGIN(bugprone-macro-parentheses): `decl` is a declaration and cannot be parenthesised.
#define SK_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
    auto tmp = (expr);                            \
    if (!tmp.ok()) return tmp.status();           \
    decl = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
