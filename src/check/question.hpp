// The question an app asks at runtime: is this user of this tenant licensed for this service ID? Shared by
// GET/POST /api/v1/check and POST /api/v1/tokens, so all three refuse the same input the same way.
//
// Tenant IDs are GUIDs and UPNs e-mail addresses, both compared lowercase (the directory stores them so);
// service IDs are compared exactly. Pure functions. normalize_question() is the allocation-free form the
// single check's hot path uses (its normalised text in caller-owned inline storage); make_question() copies
// its outcome into strings, so both refuse and normalise alike.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace seatkeeper::check {

inline constexpr std::size_t kMaxServiceIdLength = 200;
inline constexpr std::size_t kMaxNonceLength = 128;

struct Question {
    std::string tenant;  // lowercase GUID
    std::string user;    // lowercase UPN
    std::string service_id;
};

inline constexpr std::size_t kTenantIdLength = 36;  // a GUID with dashes (domain::kTenantIdLength)
inline constexpr std::size_t kMaxUpnLength = 254;   // domain::validate_email's limit

// Storage for what normalisation changes: the lowercased tenant ID and UPN (the service ID stays as given).
struct NormalizedText {
    std::array<char, kTenantIdLength> tenant{};
    std::array<char, kMaxUpnLength> user{};
};

// A normalised question whose tenant and user point into a NormalizedText and whose service ID points at the
// input: valid while both are.
struct QuestionView {
    std::string_view tenant;
    std::string_view user;
    std::string_view service_id;
};

// Validates and normalises one question into `into`, allocating nothing unless it refuses; a failure names
// the field, prefixed by `path` ("checks[2]").
Result<QuestionView> normalize_question(std::string_view tenant, std::string_view user, std::string_view service_id,
                                        NormalizedText& into, std::string_view path = {});

// Validates and normalises one question; a failure names the field, prefixed by `path` ("checks[2]").
Result<Question> make_question(std::string_view tenant, std::string_view user, std::string_view service_id,
                               std::string_view path = {});

}  // namespace seatkeeper::check
