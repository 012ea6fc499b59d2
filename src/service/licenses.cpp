#include "service/licenses.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "data/deals.hpp"
#include "data/licenses.hpp"
#include "data/seats.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"
#include "domain/offer.hpp"
#include "service/events.hpp"
#include "service/offers.hpp"
#include "service/seats.hpp"
#include "service/tenants.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

constexpr std::size_t kMaxAssignBatch = domain::kMaxAssignUsers;

domain::LicenseSnapshot license_snapshot(const data::DealRow& deal, const std::string& plan_id,
                                         const std::string& service_id, std::int64_t quantity, bool active) {
    return {.deal_id = deal.id,
            .tenant_id = deal.tenant_id.value_or(""),
            .service_id = service_id,
            .plan_id = plan_id,
            .offer_id = deal.offer_id,
            .quantity = quantity,
            .active = active};
}

std::string join_plans(const std::vector<std::string>& plan_ids) {
    std::string out;
    for (const auto& id : plan_ids) out += (out.empty() ? "'" : ", '") + id + "'";
    return out.empty() ? "(none)" : out;
}

// The deal of the caller's publisher, ready for license changes: consented and in_progress or won.
Result<data::DealRow> licensable_deal(store::Transaction& tx, const Principal& principal, const std::string& deal_id) {
    auto deal = data::deals::find(tx, principal.publisher_id, deal_id);
    if (!deal) return Status::NotFound("deal '" + deal_id + "' does not exist");
    if (!deal->tenant_id) {
        return Status::Conflict("no_relationship",
                                "The customer hasn't consented yet: invite a billing or global admin of the customer "
                                "to consent, then manage licenses");
    }
    if (!domain::deal_allows_licenses(deal->state)) {
        return Status::Conflict("deal_state",
                                "Licenses can be managed while a deal is in_progress or won; this deal is " +
                                    std::string(domain::to_string(deal->state)),
                                "state");
    }
    return std::move(*deal);
}

std::string offer_name_of(const std::string& listing_json, const std::string& fallback) {
    std::string name = data::offers::parse_listing(listing_json).name;
    return name.empty() ? fallback : name;
}

TenantLicense tenant_license(const data::PoolListingRow& r) {
    return {r.publisher_id, r.publisher_name, r.offer_id,   offer_name_of(r.offer_listing, r.offer_id),
            r.plan_id,      r.plan_name,      r.service_id, r.quantity,
            r.assigned};
}

std::optional<TenantLicense> load_tenant_license(store::Transaction& tx, const std::string& tenant_id,
                                                 const std::string& service_id) {
    const auto row = data::seats::find_pool_listing(tx, tenant_id, service_id);
    if (!row) return std::nullopt;
    return tenant_license(*row);
}

Assignment assignment_of(data::SeatListingRow seat) {
    std::string display_name = seat.display_name.value_or(seat.upn);
    return {std::move(seat.upn), std::move(display_name), seat.group_id.value_or(""), std::move(seat.assigned_by),
            seat.assigned_at};
}

Assignments load_assignments(store::Transaction& tx, const std::string& tenant_id, const TenantLicense& license) {
    Assignments out{license, {}, {}};
    for (auto& seat : data::seats::seat_listing(tx, tenant_id, license.service_id)) {
        out.users.push_back(assignment_of(std::move(seat)));
    }
    out.group_ids = data::seats::assigned_group_ids(tx, tenant_id, license.service_id);
    return out;
}

Result<TenantLicense> tenant_license_or_404(store::Transaction& tx, const Principal& principal,
                                            const std::string& service_id) {
    auto license = load_tenant_license(tx, principal.tenant_id, service_id);
    if (!license) return Status::NotFound("your tenant has no licenses for service ID '" + service_id + "'");
    return std::move(*license);
}

}  // namespace

Result<DealLicenses> list_deal_licenses(Services& services, const Principal& principal, const std::string& deal_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<DealLicenses> {
                                     auto deal = data::deals::find(tx, principal.publisher_id, deal_id);
                                     if (!deal) return Status::NotFound("deal '" + deal_id + "' does not exist");
                                     DealLicenses out{*deal, std::nullopt, "none", {}};
                                     if (deal->tenant_id) {
                                         out.customer = load_tenant(tx, *deal->tenant_id);
                                         out.relationship = "accepted";
                                     } else if (data::deals::has_pending_invitation(tx, deal_id, now_millis())) {
                                         out.relationship = "invited";
                                     }
                                     out.rows = data::licenses::of_deal(tx, deal_id);
                                     return out;
                                 });
}

Result<data::DealLicenseRow> set_deal_license(Services& services, const Principal& principal,
                                              const std::string& deal_id, const std::string& plan_id,
                                              std::int64_t quantity, bool force) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    if (quantity < 1 || quantity > domain::kMaxLicenseQuantity) {
        return Status::Invalid("quantity", "range",
                               "Number of licenses must be between 1 and " +
                                   std::to_string(domain::kMaxLicenseQuantity) +
                                   " (use the trash icon to remove a plan's licenses)");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<data::DealLicenseRow> {
            SK_ASSIGN_OR_RETURN(data::DealRow deal, licensable_deal(tx, principal, deal_id));
            const auto offer = data::offers::find_offer(tx, principal.publisher_id, deal.offer_id);
            const auto plan_name = data::deals::plan_name(tx, principal.publisher_id, deal.offer_id, plan_id);
            if (!plan_name) return Status::NotFound("offer '" + deal.offer_id + "' has no plan '" + plan_id + "'");
            // A deal grants licenses for the plans it was registered for, no others (edit the deal's plans first).
            if (std::find(deal.plan_ids.begin(), deal.plan_ids.end(), plan_id) == deal.plan_ids.end()) {
                return Status::Conflict("plan_not_in_deal",
                                        "this deal is for plan(s) " + join_plans(deal.plan_ids) + ", not '" + plan_id +
                                            "'; add the plan to the deal first",
                                        "plan_id");
            }
            if (!offer || !offer->offer.licensing.license_management) {
                return Status::Conflict("license_management_off",
                                        "offer '" + deal.offer_id + "' doesn't use app license management");
            }
            const std::string service_id = domain::service_id(principal.publisher_id, deal.offer_id, plan_id);
            const Millis now = now_millis();
            const auto before = data::licenses::find(tx, deal_id, plan_id);
            std::optional<domain::LicenseSnapshot> before_snapshot;
            if (before) {
                before_snapshot = license_snapshot(deal, plan_id, service_id, before->quantity, before->active);
                data::licenses::revive(tx, deal_id, plan_id, quantity, now);
            } else {
                data::licenses::insert(
                    tx,
                    {deal_id, plan_id, principal.publisher_id, deal.offer_id, *deal.tenant_id, service_id, quantity},
                    now);
            }
            const data::PoolRow key{*deal.tenant_id, service_id, principal.publisher_id, deal.offer_id, plan_id, 0, 0};
            SK_RETURN_IF_ERROR(resize_pool(tx, principal.actor, key, force));
            // A new or revived row is granted; an active one changed.
            const bool changed = before && before->active;
            const auto make = changed ? make_event<EventType::kLicenseChanged> : make_event<EventType::kLicenseGranted>;
            append_event(tx, principal.actor, principal.publisher_id,
                         make(domain::license_subject(deal_id, plan_id), std::move(before_snapshot),
                              license_snapshot(deal, plan_id, service_id, quantity, true), *deal.tenant_id));
            const auto pool = data::seats::find_pool(tx, *deal.tenant_id, service_id);
            return data::DealLicenseRow{plan_id, *plan_name, service_id, quantity, pool ? pool->assigned : 0,
                                        true,    now};
        });
}

Status remove_deal_license(Services& services, const Principal& principal, const std::string& deal_id,
                           const std::string& plan_id, bool force) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(data::DealRow deal, licensable_deal(tx, principal, deal_id));
        const auto row = data::licenses::find(tx, deal_id, plan_id);
        if (!row || !row->active)
            return Status::NotFound("this deal has no active licenses for plan '" + plan_id + "'");
        const std::string service_id = row->service_id;
        const Millis now = now_millis();
        data::licenses::deactivate(tx, deal_id, plan_id, now);
        const data::PoolRow key{*deal.tenant_id, service_id, principal.publisher_id, deal.offer_id, plan_id, 0, 0};
        SK_RETURN_IF_ERROR(resize_pool(tx, principal.actor, key, force));
        append_event(tx, principal.actor, principal.publisher_id,
                     make_event<EventType::kLicenseRemoved>(
                         domain::license_subject(deal_id, plan_id),
                         license_snapshot(deal, plan_id, service_id, row->quantity, true),
                         license_snapshot(deal, plan_id, service_id, row->quantity, false), *deal.tenant_id));
        return Status::Ok();
    });
}

Result<std::vector<TenantLicense>> list_tenant_licenses(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<TenantLicense>> {
                                     std::vector<TenantLicense> out;
                                     for (const auto& r : data::seats::pool_listings(tx, principal.tenant_id))
                                         out.push_back(tenant_license(r));
                                     return out;
                                 });
}

Result<Assignments> list_assignments(Services& services, const Principal& principal, const std::string& service_id) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Assignments> {
            SK_ASSIGN_OR_RETURN(auto license, tenant_license_or_404(tx, principal, service_id));
            return load_assignments(tx, principal.tenant_id, license);
        });
}

Result<Assignments> assign_seats(Services& services, const Principal& principal, const std::string& service_id,
                                 const std::vector<std::string>& users, const std::vector<std::string>& groups,
                                 AssignmentAnswer answer) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kAssignSeats));
    if (users.empty() && groups.empty()) {
        return Status::Invalid("users", "required", "name at least one user (or group) to assign");
    }
    if (users.size() > kMaxAssignBatch) {
        return Status::Invalid("users", "max_items",
                               "assign at most " + std::to_string(kMaxAssignBatch) + " users in one request");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<Assignments> {
            SK_ASSIGN_OR_RETURN(auto license, tenant_license_or_404(tx, principal, service_id));
            const auto pool = data::seats::find_pool(tx, principal.tenant_id, license.service_id);
            std::vector<SeatRequest> requests;
            std::vector<std::string> group_ids;
            for (std::size_t i = 0; i < users.size(); ++i) {
                SK_ASSIGN_OR_RETURN(std::string upn,
                                    ensure_directory_user(tx, principal.actor, principal.tenant_id,
                                                          "users[" + std::to_string(i) + "]", users[i]));
                requests.push_back({upn, ""});
            }
            for (std::size_t i = 0; i < groups.size(); ++i) {
                const auto group = load_group(tx, principal.tenant_id, groups[i]);
                if (!group) {
                    return Status::Invalid("groups[" + std::to_string(i) + "]", "unknown_group",
                                           "group '" + groups[i] + "' does not exist");
                }
                if (!data::seats::group_assigned(tx, principal.tenant_id, license.service_id, group->id)) {
                    data::seats::insert_group_assignment(tx, principal.tenant_id, license.service_id, group->id,
                                                         principal.actor, now_millis());
                    append_event(
                        tx, principal.actor, "",
                        make_event<EventType::kGroupAssigned>(
                            domain::group_assignment_subject(principal.tenant_id, license.service_id, group->id),
                            std::nullopt, domain::GroupAssignmentSnapshot{group->id, license.service_id},
                            principal.tenant_id));
                }
                for (const auto& member : group->members) requests.push_back({member, group->id});
                group_ids.push_back(group->id);
            }
            SK_RETURN_IF_ERROR(take_seats(tx, principal.actor, *pool, requests));
            license = *load_tenant_license(tx, principal.tenant_id, license.service_id);
            if (answer == AssignmentAnswer::kWholeList) return load_assignments(tx, principal.tenant_id, license);
            Assignments out{license, {}, std::move(group_ids)};
            std::unordered_set<std::string_view> listed;
            for (const auto& request : requests) {
                if (!listed.insert(request.upn).second) continue;
                if (auto seat =
                        data::seats::find_seat_listing(tx, principal.tenant_id, license.service_id, request.upn)) {
                    out.users.push_back(assignment_of(std::move(*seat)));
                }
            }
            return out;
        });
}

Status unassign_user(Services& services, const Principal& principal, const std::string& service_id,
                     const std::string& upn) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kAssignSeats));
    SK_ASSIGN_OR_RETURN(const std::string user, domain::normalize_upn("upn", upn));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(auto license, tenant_license_or_404(tx, principal, service_id));
        const auto seat = data::seats::find_seat(tx, principal.tenant_id, license.service_id, user);
        if (!seat) return Status::NotFound(user + " has no license for " + license.service_id);
        if (const auto& group = *seat) {
            const auto g = load_group(tx, principal.tenant_id, *group);
            return Status::Conflict("assigned_through_group",
                                    user + " holds the license through the group '" + (g ? g->name : *group) +
                                        "'; remove them from the group or unassign the group");
        }
        release_seat(tx, principal.actor, *data::seats::find_pool(tx, principal.tenant_id, license.service_id), user);
        return Status::Ok();
    });
}

Status unassign_group(Services& services, const Principal& principal, const std::string& service_id,
                      const std::string& group_id) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kAssignSeats));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(auto license, tenant_license_or_404(tx, principal, service_id));
        const auto pool = data::seats::find_pool(tx, principal.tenant_id, license.service_id);
        if (!data::seats::group_assigned(tx, principal.tenant_id, license.service_id, group_id)) {
            return Status::NotFound("group '" + group_id + "' is not assigned to " + license.service_id);
        }
        end_group_assignment(tx, principal.actor, *pool, group_id);
        return Status::Ok();
    });
}

}  // namespace seatkeeper::service
