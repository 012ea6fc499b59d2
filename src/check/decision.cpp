#include "check/decision.hpp"

#include <algorithm>

namespace seatkeeper::check {

std::string_view to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::kLicensed:
            return "licensed";
        case Verdict::kBase:
            return "base";
        case Verdict::kDenied:
            return "denied";
    }
    return "denied";
}

std::string_view to_string(Reason reason) {
    switch (reason) {
        case Reason::kAssigned:
            return "assigned";
        case Reason::kNotAssignedBaseFeatures:
            return "not_assigned_base_features";
        case Reason::kNotAssigned:
            return "not_assigned";
        case Reason::kNoLicenseForTenant:
            return "no_license_for_tenant";
        case Reason::kUnknownServiceId:
            return "unknown_service_id";
    }
    return "unknown_service_id";
}

PlanId::PlanId(std::string_view id) : size_(std::min(id.size(), bytes_.size())) {
    std::copy_n(id.begin(), size_, bytes_.begin());
}

Answer decide(const Facts& facts) {
    if (!facts.known_service) return {Verdict::kDenied, Reason::kUnknownServiceId, {}};
    if (facts.seat) return {Verdict::kLicensed, Reason::kAssigned, PlanId(facts.plan_id)};
    if (facts.base_allowed && facts.offer_in_use) return {Verdict::kBase, Reason::kNotAssignedBaseFeatures, {}};
    if (facts.pool_active) return {Verdict::kDenied, Reason::kNotAssigned, {}};
    return {Verdict::kDenied, Reason::kNoLicenseForTenant, {}};
}

}  // namespace seatkeeper::check
