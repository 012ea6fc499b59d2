// The question an app asks at runtime: is this user of this tenant licensed for this service ID? Shared by
// GET/POST /api/v1/check and POST /api/v1/tokens, so all three refuse the same input the same way.
//
// Tenant IDs are GUIDs and UPNs e-mail addresses, both compared lowercase (the directory stores them so);
// service IDs are compared exactly. Pure functions.
#pragma once

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

// Validates and normalises one question; a failure names the field, prefixed by `path` ("checks[2]").
Result<Question> make_question(std::string_view tenant, std::string_view user, std::string_view service_id,
                               std::string_view path = {});

}  // namespace seatkeeper::check
