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
        case Reason::kGroup:
            return "group";
        case Reason::kSiteLicense:
            return "site_license";
        case Reason::kTrial:
            return "trial";
        case Reason::kInGrace:
            return "in_grace";
        case Reason::kBaseOnly:
            return "base_only";
        case Reason::kNoSeat:
            return "no_seat";
        case Reason::kNotInstalled:
            return "not_installed";
        case Reason::kNoLicense:
            return "no_license";
        case Reason::kExpired:
            return "expired";
        case Reason::kSuspended:
            return "suspended";
        case Reason::kNotStarted:
            return "not_started";
        case Reason::kUnknownServiceId:
            return "unknown_service_id";
    }
    return "unknown_service_id";
}

PlanId::PlanId(std::string_view id) : size_(std::min(id.size(), bytes_.size())) {
    std::copy_n(id.begin(), size_, bytes_.begin());
}

namespace {

// Why licenses that are not in force do not license anyone.
Reason lapsed_reason(domain::LicenseStatus status) {
    switch (status) {
        case domain::LicenseStatus::kSuspended:
            return Reason::kSuspended;
        case domain::LicenseStatus::kPending:
            return Reason::kNotStarted;
        default:
            return Reason::kExpired;
    }
}

}  // namespace

Answer decide(const Facts& facts) {
    using domain::LicenseStatus;
    if (!facts.known_service) return {Verdict::kDenied, Reason::kUnknownServiceId, {}};
    if (facts.seat && facts.covered) {
        Reason why = facts.group ? Reason::kGroup : Reason::kAssigned;
        if (facts.trial) why = Reason::kTrial;
        if (facts.status == LicenseStatus::kGrace) why = Reason::kInGrace;
        return {Verdict::kLicensed, why, PlanId(facts.plan_id)};
    }
    if (facts.site) {
        const Reason why = facts.status == LicenseStatus::kGrace ? Reason::kInGrace : Reason::kSiteLicense;
        return {Verdict::kLicensed, why, PlanId(facts.plan_id)};
    }
    if (facts.base_allowed && facts.offer_in_use) return {Verdict::kBase, Reason::kBaseOnly, {}};
    if (facts.has_licenses) {
        if (facts.seat) return {Verdict::kDenied, lapsed_reason(facts.lapsed), {}};
        if (domain::in_force(facts.status)) return {Verdict::kDenied, Reason::kNoSeat, {}};
        return {Verdict::kDenied, lapsed_reason(facts.status), {}};
    }
    if (facts.base_allowed) return {Verdict::kDenied, Reason::kNotInstalled, {}};
    return {Verdict::kDenied, Reason::kNoLicense, {}};
}

}  // namespace seatkeeper::check
