// The runtime license decision (API.md "Runtime", PRODUCT.md step 13): what `GET /api/v1/check` answers for
// one (tenant, user, service ID), as a pure function of a few facts the SeatIndex looks up. The table, first
// matching row wins:
//
//   service ID unknown, or another publisher's          → denied,   unknown_service_id
//   the user holds a seat for the service ID            → licensed, assigned (with the plan)
//   the offer allows install without license, and the
//     tenant installed the offer or has an active pool
//     for any plan of it                                → base,     not_assigned_base_features
//   the tenant has an active pool for the service ID    → denied,   not_assigned
//   otherwise                                           → denied,   no_license_for_tenant
//
// Values only; no allocation: the plan ID is copied into a small inline buffer so an answer outlives the
// index lock it was read under.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "domain/ids.hpp"

namespace seatkeeper::check {

enum class Verdict : std::uint8_t { kLicensed, kBase, kDenied };

enum class Reason : std::uint8_t {
    kAssigned,
    kNotAssignedBaseFeatures,
    kNotAssigned,
    kNoLicenseForTenant,
    kUnknownServiceId,
};

std::string_view to_string(Verdict verdict);
std::string_view to_string(Reason reason);

// A plan ID held inline (Plan IDs are at most domain::kMaxPlanIdLength characters).
class PlanId {
public:
    PlanId() = default;
    explicit PlanId(std::string_view id);
    [[nodiscard]] std::string_view view() const { return {bytes_.data(), size_}; }
    [[nodiscard]] bool empty() const { return size_ == 0; }

private:
    std::array<char, domain::kMaxPlanIdLength> bytes_{};
    std::size_t size_ = 0;
};

struct Answer {
    Verdict result = Verdict::kDenied;
    Reason reason = Reason::kUnknownServiceId;
    PlanId plan_id;  // set when licensed
};

// What the index knows about one question.
struct Facts {
    bool known_service = false;  // the service ID exists and belongs to the caller's publisher
    bool seat = false;           // the user holds a seat for the service ID
    bool base_allowed = false;   // the offer allows install without license
    bool offer_in_use = false;   // the tenant installed the offer, or has an active pool for one of its plans
    bool pool_active = false;    // the tenant has an active pool (quantity > 0) for this service ID
    std::string_view plan_id;    // the service ID's plan
};

Answer decide(const Facts& facts);

}  // namespace seatkeeper::check
