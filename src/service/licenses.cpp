#include "service/licenses.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
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

domain::LicenseSnapshot license_snapshot(const DealRecord& deal, const std::string& plan_id,
                                         const std::string& service_id, std::int64_t quantity, bool active) {
    return {.deal_id = deal.id,
            .tenant_id = deal.tenant_id.value_or(""),
            .service_id = service_id,
            .plan_id = plan_id,
            .offer_id = deal.offer_id,
            .quantity = quantity,
            .active = active};
}

// The deal of the caller's publisher, ready for license changes: consented and in_progress or won.
std::string join_plans(const std::vector<std::string>& plan_ids) {
    std::string out;
    for (const auto& id : plan_ids) out += (out.empty() ? "'" : ", '") + id + "'";
    return out.empty() ? "(none)" : out;
}

Result<DealRecord> licensable_deal(store::Transaction& tx, const Principal& principal, const std::string& deal_id) {
    auto deal = load_deal(tx, principal.publisher_id, deal_id);
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
    std::string name = parse_listing(listing_json).name;
    return name.empty() ? fallback : name;
}

constexpr std::string_view kTenantLicenseQuery =
    "SELECT lp.publisher_id, p.name, lp.offer_id, o.listing, lp.plan_id, pl.name, lp.service_id, lp.quantity, "
    "lp.assigned FROM license_pools lp JOIN publishers p ON p.id = lp.publisher_id "
    "JOIN offers o ON o.publisher_id = lp.publisher_id AND o.id = lp.offer_id "
    "JOIN plans pl ON pl.publisher_id = lp.publisher_id AND pl.offer_id = lp.offer_id AND pl.id = lp.plan_id "
    "WHERE lp.tenant_id = ? AND (? = '' OR lp.service_id = ?) AND (lp.quantity > 0 OR lp.assigned > 0) "
    "ORDER BY lp.publisher_id, lp.offer_id, lp.plan_id";

TenantLicense tenant_license_from_row(const store::Row& r) {
    return {r.text(0), r.text(1),    r.text(2),   offer_name_of(r.text(3), r.text(2)), r.text(4), r.text(5),
            r.text(6), r.integer(7), r.integer(8)};
}

std::optional<TenantLicense> load_tenant_license(store::Transaction& tx, const std::string& tenant_id,
                                                 const std::string& service_id) {
    const auto row = tx.query_one(kTenantLicenseQuery, {tenant_id, service_id, service_id});
    if (!row) return std::nullopt;
    return tenant_license_from_row(*row);
}

Assignments load_assignments(store::Transaction& tx, const std::string& tenant_id, const TenantLicense& license) {
    Assignments out{license, {}, {}};
    for (const auto& r : tx.query("SELECT s.upn, d.display_name, s.group_id, s.assigned_by, s.assigned_at FROM seats s "
                                  "LEFT JOIN directory_users d ON d.tenant_id = s.tenant_id AND d.upn = s.upn "
                                  "WHERE s.tenant_id = ? AND s.service_id = ? ORDER BY s.seq",
                                  {tenant_id, license.service_id})) {
        out.users.push_back({r.text(0), r.optional_text(1).value_or(r.text(0)), r.optional_text(2).value_or(""),
                             r.text(3), r.integer(4)});
    }
    for (const auto& r : tx.query("SELECT group_id FROM group_assignments WHERE tenant_id = ? AND service_id = ? "
                                  "ORDER BY assigned_at, group_id",
                                  {tenant_id, license.service_id})) {
        out.group_ids.push_back(r.text(0));
    }
    return out;
}

Result<TenantLicense> tenant_license_or_404(store::Transaction& tx, const Principal& principal,
                                            const std::string& service_id) {
    auto license = load_tenant_license(tx, principal.tenant_id, service_id);
    if (!license) return Status::NotFound("your tenant has no licenses for service ID '" + service_id + "'");
    return std::move(*license);
}

Installation installation_from_row(const store::Row& r) {
    return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.integer(7)};
}

constexpr std::string_view kInstallationColumns =
    "i.id, i.tenant_id, t.name, i.publisher_id, i.offer_id, i.environment, i.installed_by, i.created_at";

}  // namespace

Result<DealLicenses> list_deal_licenses(Services& services, const Principal& principal, const std::string& deal_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<DealLicenses> {
            auto deal = load_deal(tx, principal.publisher_id, deal_id);
            if (!deal) return Status::NotFound("deal '" + deal_id + "' does not exist");
            DealLicenses out{*deal, std::nullopt, "none", {}};
            if (deal->tenant_id) {
                out.customer = load_tenant(tx, *deal->tenant_id);
                out.relationship = "accepted";
            } else if (tx.query_one(
                           "SELECT 1 FROM invitations WHERE deal_id = ? AND state = 'pending' AND expires_at >= ?",
                           {deal_id, now_millis()})) {
                out.relationship = "invited";
            }
            for (const auto& r :
                 tx.query("SELECT l.plan_id, pl.name, l.service_id, l.quantity, COALESCE(lp.assigned, 0), l.active, "
                          "l.updated_at FROM licenses l "
                          "JOIN plans pl ON pl.publisher_id = l.publisher_id AND pl.offer_id = l.offer_id AND pl.id = "
                          "l.plan_id "
                          "LEFT JOIN license_pools lp ON lp.tenant_id = l.tenant_id AND lp.service_id = l.service_id "
                          "WHERE l.deal_id = ? ORDER BY l.active DESC, l.created_at, l.plan_id",
                          {deal_id})) {
                out.rows.push_back(
                    {r.text(0), r.text(1), r.text(2), r.integer(3), r.integer(4), r.boolean(5), r.integer(6)});
            }
            return out;
        });
}

Result<DealLicense> set_deal_license(Services& services, const Principal& principal, const std::string& deal_id,
                                     const std::string& plan_id, std::int64_t quantity, bool force) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    if (quantity < 1 || quantity > domain::kMaxLicenseQuantity) {
        return Status::Invalid("quantity", "range",
                               "Number of licenses must be between 1 and " +
                                   std::to_string(domain::kMaxLicenseQuantity) +
                                   " (use the trash icon to remove a plan's licenses)");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<DealLicense> {
            SK_ASSIGN_OR_RETURN(DealRecord deal, licensable_deal(tx, principal, deal_id));
            const auto offer = load_offer(tx, principal.publisher_id, deal.offer_id);
            const auto plan = tx.query_one("SELECT name FROM plans WHERE publisher_id = ? AND offer_id = ? AND id = ?",
                                           {principal.publisher_id, deal.offer_id, plan_id});
            if (!plan) return Status::NotFound("offer '" + deal.offer_id + "' has no plan '" + plan_id + "'");
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
            const auto before = tx.query_one("SELECT quantity, active FROM licenses WHERE deal_id = ? AND plan_id = ?",
                                             {deal_id, plan_id});
            std::optional<domain::LicenseSnapshot> before_snapshot;
            if (before) {
                before_snapshot = license_snapshot(deal, plan_id, service_id, before->integer(0), before->boolean(1));
                tx.execute(
                    "UPDATE licenses SET quantity = ?, active = 1, updated_at = ?, deactivated_at = NULL "
                    "WHERE deal_id = ? AND plan_id = ?",
                    {quantity, now, deal_id, plan_id});
            } else {
                tx.execute(
                    "INSERT INTO licenses (deal_id, plan_id, publisher_id, offer_id, tenant_id, service_id, quantity, "
                    "active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                    {deal_id, plan_id, principal.publisher_id, deal.offer_id, *deal.tenant_id, service_id, quantity,
                     now, now});
            }
            const data::PoolRow key{*deal.tenant_id, service_id, principal.publisher_id, deal.offer_id, plan_id, 0, 0};
            SK_RETURN_IF_ERROR(resize_pool(tx, principal.actor, key, force));
            // A new or revived row is granted; an active one changed.
            const bool changed = before && before->boolean(1);
            const auto make = changed ? make_event<EventType::kLicenseChanged> : make_event<EventType::kLicenseGranted>;
            append_event(tx, principal.actor, principal.publisher_id,
                         make(domain::license_subject(deal_id, plan_id), std::move(before_snapshot),
                              license_snapshot(deal, plan_id, service_id, quantity, true), *deal.tenant_id));
            const auto pool = data::seats::find_pool(tx, *deal.tenant_id, service_id);
            return DealLicense{plan_id, plan->text(0), service_id, quantity, pool ? pool->assigned : 0, true, now};
        });
}

Status remove_deal_license(Services& services, const Principal& principal, const std::string& deal_id,
                           const std::string& plan_id, bool force) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(DealRecord deal, licensable_deal(tx, principal, deal_id));
        const auto row = tx.query_one(
            "SELECT quantity, active, service_id FROM licenses WHERE deal_id = ? AND plan_id = ?", {deal_id, plan_id});
        if (!row || !row->boolean(1))
            return Status::NotFound("this deal has no active licenses for plan '" + plan_id + "'");
        const std::string service_id = row->text(2);
        const Millis now = now_millis();
        tx.execute(
            "UPDATE licenses SET active = 0, updated_at = ?, deactivated_at = ? WHERE deal_id = ? AND plan_id = ?",
            {now, now, deal_id, plan_id});
        const data::PoolRow key{*deal.tenant_id, service_id, principal.publisher_id, deal.offer_id, plan_id, 0, 0};
        SK_RETURN_IF_ERROR(resize_pool(tx, principal.actor, key, force));
        append_event(tx, principal.actor, principal.publisher_id,
                     make_event<EventType::kLicenseRemoved>(
                         domain::license_subject(deal_id, plan_id),
                         license_snapshot(deal, plan_id, service_id, row->integer(0), true),
                         license_snapshot(deal, plan_id, service_id, row->integer(0), false), *deal.tenant_id));
        return Status::Ok();
    });
}

Result<std::vector<TenantLicense>> list_tenant_licenses(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<TenantLicense>> {
            std::vector<TenantLicense> out;
            for (const auto& r : tx.query(kTenantLicenseQuery, {principal.tenant_id, "", ""})) {
                out.push_back(tenant_license_from_row(r));
            }
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
                                 const std::vector<std::string>& users, const std::vector<std::string>& groups) {
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
                if (!tx.query_one(
                        "SELECT 1 FROM group_assignments WHERE tenant_id = ? AND service_id = ? AND group_id = ?",
                        {principal.tenant_id, license.service_id, group->id})) {
                    tx.execute(
                        "INSERT INTO group_assignments (tenant_id, service_id, group_id, assigned_by, assigned_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        {principal.tenant_id, license.service_id, group->id, principal.actor, now_millis()});
                    append_event(
                        tx, principal.actor, "",
                        make_event<EventType::kGroupAssigned>(
                            domain::group_assignment_subject(principal.tenant_id, license.service_id, group->id),
                            std::nullopt, domain::GroupAssignmentSnapshot{group->id, license.service_id},
                            principal.tenant_id));
                }
                for (const auto& member : group->members) requests.push_back({member, group->id});
            }
            SK_RETURN_IF_ERROR(take_seats(tx, principal.actor, *pool, requests));
            license = *load_tenant_license(tx, principal.tenant_id, license.service_id);
            return load_assignments(tx, principal.tenant_id, license);
        });
}

Status unassign_user(Services& services, const Principal& principal, const std::string& service_id,
                     const std::string& upn) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kAssignSeats));
    SK_ASSIGN_OR_RETURN(const std::string user, domain::normalize_upn("upn", upn));
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(auto license, tenant_license_or_404(tx, principal, service_id));
        const auto seat = tx.query_one("SELECT group_id FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?",
                                       {principal.tenant_id, license.service_id, user});
        if (!seat) return Status::NotFound(user + " has no license for " + license.service_id);
        if (const auto group = seat->optional_text(0)) {
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
        if (!tx.query_one("SELECT 1 FROM group_assignments WHERE tenant_id = ? AND service_id = ? AND group_id = ?",
                          {principal.tenant_id, license.service_id, group_id})) {
            return Status::NotFound("group '" + group_id + "' is not assigned to " + license.service_id);
        }
        end_group_assignment(tx, principal.actor, *pool, group_id);
        return Status::Ok();
    });
}

Result<Installation> install_offer(Services& services, const Principal& principal, const std::string& product,
                                   const std::string& environment) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kInstall));
    const auto dot = product.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 >= product.size()) {
        return Status::Invalid("offer", "product", "offer must be '<publisher>.<offer>' as in the marketplace link");
    }
    const std::string publisher_id = product.substr(0, dot);
    const std::string offer_id = product.substr(dot + 1);
    SK_RETURN_IF_ERROR(json::require_text("environment", environment));
    if (text::utf8_length(environment) > domain::kMaxEnvironmentLength) {
        return Status::Invalid(
            "environment", "max_length",
            "environment must be at most " + std::to_string(domain::kMaxEnvironmentLength) + " characters");
    }
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<Installation> {
            const auto offer = load_offer(tx, publisher_id, offer_id);
            if (!offer || offer->offer.state != domain::OfferState::kLive) {
                return Status::NotFound("no live offer '" + product + "' in the marketplace");
            }
            const auto actions = domain::marketplace_actions(offer->offer);
            const bool get_it_now =
                std::find(actions.begin(), actions.end(), domain::CallToAction::kGetItNow) != actions.end();
            const bool licensed = offer->offer.licensing.license_management &&
                                  tx.query_one(
                                        "SELECT 1 FROM license_pools WHERE tenant_id = ? AND publisher_id = ? "
                                        "AND offer_id = ? AND quantity > 0",
                                        {principal.tenant_id, publisher_id, offer_id})
                                      .has_value();
            if (!get_it_now && !licensed) {
                if (!offer->offer.licensing.license_management) {
                    return Status::Conflict("not_installable",
                                            "This offer can't be installed from the marketplace; use its call to "
                                            "action instead",
                                            "offer");
                }
                return Status::Conflict("needs_license",
                                        "This app needs licenses before it can be installed: contact the publisher "
                                        "(Contact me) to buy them",
                                        "offer");
            }
            if (tx.query_one(
                    "SELECT 1 FROM installations WHERE tenant_id = ? AND publisher_id = ? AND offer_id = ? AND "
                    "environment = ?",
                    {principal.tenant_id, publisher_id, offer_id, environment})) {
                return Status::Conflict("duplicate",
                                        product + " is already installed in the environment '" + environment + "'",
                                        "environment");
            }
            const Millis now = now_millis();
            const std::string id = "ins_" + crypto::random_token(9);
            tx.execute(
                "INSERT INTO installations (id, tenant_id, publisher_id, offer_id, environment, installed_by, "
                "created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                {id, principal.tenant_id, publisher_id, offer_id, environment, principal.actor, now});
            append_event(
                tx, principal.actor, publisher_id,
                make_event<EventType::kInstallationCreated>(
                    domain::installation_subject(principal.tenant_id, id), std::nullopt,
                    domain::InstallationSnapshot{id, product, environment, principal.tenant_id}, principal.tenant_id));
            const auto row =
                tx.query_one(std::string("SELECT ") + std::string(kInstallationColumns) +
                                 " FROM installations i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = ?",
                             {id});
            return installation_from_row(*row);
        });
}

Result<std::vector<Installation>> list_tenant_installations(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<Installation>> {
            std::vector<Installation> out;
            for (const auto& r : tx.query(std::string("SELECT ") + std::string(kInstallationColumns) +
                                              " FROM installations i JOIN tenants t ON t.id = i.tenant_id "
                                              "WHERE i.tenant_id = ? ORDER BY i.created_at DESC, i.id",
                                          {principal.tenant_id})) {
                out.push_back(installation_from_row(r));
            }
            return out;
        });
}

Result<std::vector<Installation>> list_publisher_installations(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<Installation>> {
            std::vector<Installation> out;
            for (const auto& r : tx.query(std::string("SELECT ") + std::string(kInstallationColumns) +
                                              " FROM installations i JOIN tenants t ON t.id = i.tenant_id "
                                              "WHERE i.publisher_id = ? ORDER BY i.created_at DESC, i.id",
                                          {principal.publisher_id})) {
                out.push_back(installation_from_row(r));
            }
            return out;
        });
}

}  // namespace seatkeeper::service
