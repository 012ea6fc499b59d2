// Licenses and seats (PRODUCT.md steps 11–12, API.md "Manage licenses" and "Admin Center").
//
// The publisher side manages licenses per deal and plan, only once the customer's relationship exists and
// the deal is in_progress or won. The tenant side sees one pool per service ID (the sum over deals) and
// assigns its users, directly or through groups, never beyond the pool (service/seats.hpp).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/licenses.hpp"
#include "service/context.hpp"
#include "service/deals.hpp"
#include "service/job_queue.hpp"

namespace seatkeeper::service {

struct DealLicenses {
    data::DealRow deal;
    std::optional<TenantRecord> customer;
    std::string relationship;  // none, invited, accepted
    std::vector<data::DealLicenseRow> rows;
};

Result<DealLicenses> list_deal_licenses(Services& services, const Principal& principal, const std::string& deal_id);
// PUT …/licenses/{plan_id}: the number of licenses and, when given, the term.
struct LicenseSet {
    std::optional<std::int64_t> quantity;                    // needed unless it is a site license (then none)
    bool force = false;                                      // unassign the newest seats past a lower quantity
    std::optional<std::optional<domain::LicenseTerm>> term;  // absent: unchanged; nullopt inside: no end
    std::optional<bool> site;                                // absent: unchanged (a new license: false)
};
// "+ Add a plan" / "Update licenses": sets the deal's licenses for a plan (reviving a trashed row).
Result<data::DealLicenseRow> set_deal_license(Services& services, const Principal& principal,
                                              const std::string& deal_id, const std::string& plan_id,
                                              const LicenseSet& change);
// The publisher's actions on a license's term (API.md "License terms"): suspend (with the reason the customer's
// admins are told) and reinstate; renew sets a later last day. Seats stay through all of them.
Result<data::DealLicenseRow> suspend_license(Services& services, const Principal& principal, const std::string& deal_id,
                                             const std::string& plan_id, const std::string& reason);
Result<data::DealLicenseRow> reinstate_license(Services& services, const Principal& principal,
                                               const std::string& deal_id, const std::string& plan_id);
Result<data::DealLicenseRow> renew_license(Services& services, const Principal& principal, const std::string& deal_id,
                                           const std::string& plan_id, domain::Day end_date);
// The trash icon: deactivates the row (kept, visible with active = false).
Status remove_deal_license(Services& services, const Principal& principal, const std::string& deal_id,
                           const std::string& plan_id, bool force);

struct TenantLicense {
    std::string publisher_id;
    std::string publisher_name;
    std::string offer_id;
    std::string offer_name;
    std::string plan_id;
    std::string plan_name;
    std::string service_id;
    std::int64_t quantity = 0;
    std::int64_t assigned = 0;
    // Issue 14: quantity counts only the licenses in force today; the pool's status and the term that keeps it
    // in force longest (nullopt: one has no end, or none is in force).
    domain::LicenseStatus status = domain::LicenseStatus::kActive;
    std::optional<domain::LicenseTerm> term;
    // While suspended: the reason and time the publisher gave (of the first suspended license, if several).
    std::optional<std::string> suspension_reason;
    Millis suspended_at = 0;
    bool site = false;           // a site license in force covers the tenant's verified domains
    bool trial = false;          // the licenses in force are a free trial (or, none in force, all were)
    std::int64_t uncovered = 0;  // seats the licenses in force do not cover (assigned − quantity; 0 with a site one)
};
// The license_term job (jobs/worker.cpp), one pending per license, rescheduled by every change of it: records
// each status change the days bring as a `license.status_changed` event (every one missed while no worker ran,
// in order, when it runs late), mails the tenant's global and billing admins and the publisher's global and
// account admins when the licenses expire and settings.license_notice_days before their end, and schedules
// itself for the next such day. Idempotent: it works from the license's recorded status.
Status run_license_term_job(Services& services, const Job& job);

Result<std::vector<TenantLicense>> list_tenant_licenses(Services& services, const Principal& principal);

// POST /api/v1/tenant/trials (a tenant global or billing admin): starts the free trial of a plan of a live offer
// once per tenant and plan — a deal of source "trial" for the publisher (the relationship too, when it is the
// first), a license of the plan's trial_seats for trial_days from today, and a lead. Paid licenses for the plan
// later end it (set_deal_license) and keep its seats. Answers the tenant's license row of the plan.
Result<TenantLicense> start_trial(Services& services, const Principal& principal, const std::string& product,
                                  const std::string& plan_id);

struct Assignment {
    std::string upn;
    std::string display_name;
    std::string group_id;  // empty when assigned directly
    std::string assigned_by;
    Millis assigned_at = 0;
    std::optional<domain::Day> last_checked;  // the last day a check or token found the seat (issue 15); nullopt: never
};
struct Assignments {
    TenantLicense license;
    std::vector<Assignment> users;
    std::vector<std::string> group_ids;
};
Result<Assignments> list_assignments(Services& services, const Principal& principal, const std::string& service_id);
// What an assignment answers: the pool's whole list after the change, or (`Prefer: return=minimal`) the license
// and only the seats of the users and group members the request named, so that assigning one user to a pool of
// many seats does not read and send them all.
enum class AssignmentAnswer { kWholeList, kNamedOnly };
// Assigns users (by UPN; unknown UPNs of the tenant's domains join the directory) and groups (a seat per
// member) in one go: all or nothing, 409 when the pool has too few seats.
Result<Assignments> assign_seats(Services& services, const Principal& principal, const std::string& service_id,
                                 const std::vector<std::string>& users, const std::vector<std::string>& groups,
                                 AssignmentAnswer answer = AssignmentAnswer::kWholeList);
Status unassign_user(Services& services, const Principal& principal, const std::string& service_id,
                     const std::string& upn);
Status unassign_group(Services& services, const Principal& principal, const std::string& service_id,
                      const std::string& group_id);

// Reclaim (issue 15): gives back the directly assigned seats of the pool not checked for `inactive_days` — last
// checked before today − inactive_days, or never checked and assigned before that day — each through
// release_seat, so each is a `seat.unassigned` event, all in one transaction. Seats held through a group stay
// (the group decides those). A dry run answers the same list and changes nothing. The caller flushes the
// runtime's pending seat activity first (http/routes_usage.cpp), so that a seat checked a moment ago counts.
struct ReclaimRequest {
    std::int64_t inactive_days = 0;  // kMinInactiveDays–kMaxInactiveDays
    bool dry_run = false;
};
struct ReclaimedSeat {
    std::string upn;
    std::optional<domain::Day> last_checked;  // nullopt: never checked
    Millis assigned_at = 0;
};
struct Reclaim {
    bool dry_run = false;
    std::int64_t inactive_days = 0;
    std::vector<ReclaimedSeat> items;  // in the order the seats were taken
};
// The days seats were checked that the database does not hold yet (this node's, check::SeatActivity::unwritten),
// for the license's service ID: the latest per UPN. Called before reclaim's transaction begins.
using UnwrittenActivity = std::function<std::map<std::string, domain::Day>(const std::string& service_id)>;
Result<Reclaim> reclaim_seats(Services& services, const Principal& principal, const std::string& service_id,
                              const ReclaimRequest& request, const UnwrittenActivity& unwritten = {});

}  // namespace seatkeeper::service
