// The runtime license decision (API.md "Runtime" and "License terms"; PRODUCT.md step 13): what
// `GET /api/v1/check` answers for one (tenant, user, service ID), as a pure function of a few facts the
// SeatIndex looks up. The table, first matching row wins:
//
//   service ID unknown, or another publisher's          → denied,   unknown_service_id
//   the user's seat is covered by a license in force     → licensed, in_grace when every license in force is in
//                                                          its grace days, else trial when every license in
//                                                          force is a free trial, else group when the seat is
//                                                          held through a group, else assigned
//   a site license in force covers the pool, and the
//     user's domain is one of the tenant's verified ones → licensed, in_grace when every license in force is in
//                                                          its grace days, else site_license
//   the offer allows install without license, and the
//     tenant installed the offer or has a pool for any
//     plan of it                                        → base,     base_only
//   the user holds a seat that no license in force
//     covers (the pool's licenses lapsed below its
//     seats: the newest seats go first)                 → denied,   why they lapsed: suspended, not_started
//                                                          or expired
//   the tenant has licenses in force for the service ID → denied,   no_seat
//   the tenant has licenses, none in force              → denied,   suspended, not_started or expired
//   the offer allows install without license            → denied,   not_installed
//   otherwise                                           → denied,   no_license
//
// Values only; no allocation: the plan ID is copied into a small inline buffer so an answer outlives the
// index lock it was read under.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "domain/ids.hpp"
#include "domain/license_term.hpp"

namespace seatkeeper::check {

enum class Verdict : std::uint8_t { kLicensed, kBase, kDenied };

enum class Reason : std::uint8_t {
    kAssigned,
    kGroup,
    kSiteLicense,
    kTrial,
    kInGrace,
    kBaseOnly,
    kNoSeat,
    kNotInstalled,
    kNoLicense,
    kExpired,
    kSuspended,
    kNotStarted,
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
    // When licensed by licenses with a term: the first moment (ms) one of those in force may no longer be (the
    // day after its last day of grace); tokens expire by then. 0: no end.
    std::int64_t valid_until = 0;
};

// What the index knows about one question.
struct Facts {
    bool known_service = false;  // the service ID exists and belongs to the caller's publisher
    bool seat = false;           // the user holds a seat for the service ID
    bool covered = false;        // … and a license in force covers it
    bool group = false;          // … held through a group assigned to the service ID
    bool trial = false;          // every license in force is a free trial
    bool site = false;           // a site license in force covers the user's verified domain
    bool base_allowed = false;   // the offer allows install without license
    bool offer_in_use = false;   // the tenant installed the offer, or has a pool for one of its plans
    bool has_licenses = false;   // the tenant has licenses (not trashed) for this service ID
    // Of those licenses today: the pool's status (domain::pool_status) and, when some are not in force, the
    // best status among those (suspended, pending, expired): why a seat they no longer cover is denied.
    domain::LicenseStatus status = domain::LicenseStatus::kExpired;
    domain::LicenseStatus lapsed = domain::LicenseStatus::kExpired;
    std::string_view plan_id;  // the service ID's plan
};

Answer decide(const Facts& facts);

}  // namespace seatkeeper::check
