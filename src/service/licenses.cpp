#include "service/licenses.hpp"

#include <algorithm>
#include <functional>
#include <unordered_set>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "data/deals.hpp"
#include "data/jobs.hpp"
#include "data/licenses.hpp"
#include "data/seats.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"
#include "domain/offer.hpp"
#include "service/events.hpp"
#include "service/mail.hpp"
#include "service/marketplace.hpp"
#include "service/offers.hpp"
#include "service/seats.hpp"
#include "service/tenants.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

constexpr std::size_t kMaxAssignBatch = domain::kMaxAssignUsers;

domain::Day today() { return domain::day_of(now_millis()); }

domain::LicenseSnapshot license_snapshot(const data::DealRow& deal, const std::string& plan_id,
                                         const data::LicenseRow& row) {
    return {.deal_id = deal.id,
            .tenant_id = deal.tenant_id.value_or(""),
            .service_id = row.service_id,
            .plan_id = plan_id,
            .offer_id = deal.offer_id,
            .quantity = row.quantity,
            .active = row.active,
            .term = row.terms.term,
            .suspension_reason = row.terms.suspension_reason,
            .status = std::string(domain::to_string(row.terms.status(today()))),
            .site = row.terms.site,
            .trial = row.terms.trial};
}

// ---- The term job and notices

// Schedules the license's term job for the next day something happens to it: a status change its term brings,
// or the advance notice of its end; cancels the one pending before (a change may move the day).
void schedule_term_job(store::Transaction& tx, const Settings& settings, const std::string& deal_id,
                       const std::string& plan_id, const data::LicenseRow& row, Millis now) {
    const std::string subject = domain::license_subject(deal_id, plan_id);
    data::jobs::cancel_pending(tx, kJobLicenseTerm, subject, now);
    if (!row.active) return;
    const domain::Day day = domain::day_of(now);
    std::optional<domain::Day> next = domain::next_change(row.terms.term, day);
    const auto& term = row.terms.term;
    if (term && settings.license_notice_days > 0 && !row.terms.suspended() && row.end_notice_for != term->end &&
        day <= term->end) {
        const domain::Day notice = std::max(day, term->end - settings.license_notice_days);
        if (!next || notice < *next) next = notice;
    }
    if (!next) return;
    enqueue_job(tx, kJobLicenseTerm, row.publisher_id, subject, {{"deal_id", deal_id}, {"plan_id", plan_id}},
                *next <= day ? now : domain::start_of(*next));
}

// Mails every notice recipient of the license (data::licenses::notice_recipients) the same text.
Status mail_notice(store::Transaction& tx, const data::LicenseRow& row, const std::string& subject,
                   const std::string& body) {
    for (const auto& recipient : data::licenses::notice_recipients(tx, row.tenant_id, row.publisher_id)) {
        OutgoingMail mail{recipient.email, subject, body, std::nullopt, std::nullopt};
        if (recipient.tenant) {
            mail.tenant_id = row.tenant_id;
        } else {
            mail.publisher_id = row.publisher_id;
        }
        SK_RETURN_IF_ERROR(enqueue_mail(tx, mail).status());
    }
    return Status::Ok();
}

std::string license_words(const data::DealRow& deal, const std::string& plan_id, const data::LicenseRow& row) {
    const std::string what = row.terms.site ? "site license of " + row.service_id
                                            : std::to_string(row.quantity) + " license" +
                                                  (row.quantity == 1 ? "" : "s") + " of " + row.service_id;
    return (row.terms.trial ? "free trial's " : "") + what + " (plan " + plan_id + ", customer " + deal.customer.name +
           ")";
}

// The status changes the days brought from `recorded` to `current`, in order: pending → active → grace →
// expired, skipping grace when the term has none. A change that is not the term's (a suspension) is one step.
std::vector<std::pair<domain::LicenseStatus, domain::LicenseStatus>> transitions(
    const std::optional<domain::LicenseTerm>& term, domain::LicenseStatus recorded, domain::LicenseStatus current) {
    using domain::LicenseStatus;
    std::vector<LicenseStatus> order{LicenseStatus::kPending, LicenseStatus::kActive};
    if (term && term->grace_days > 0) order.push_back(LicenseStatus::kGrace);
    order.push_back(LicenseStatus::kExpired);
    const auto from = std::find(order.begin(), order.end(), recorded);
    const auto to = std::find(order.begin(), order.end(), current);
    if (from == order.end() || to == order.end() || to < from) return {{recorded, current}};
    std::vector<std::pair<LicenseStatus, LicenseStatus>> out;
    for (auto it = from; it != to; ++it) out.emplace_back(*it, *(it + 1));
    return out;
}

// One row of the deal's licenses as the publisher sees it, with its status today.
std::optional<data::DealLicenseRow> load_deal_license(store::Transaction& tx, const std::string& deal_id,
                                                      const std::string& plan_id) {
    for (auto& row : data::licenses::of_deal(tx, deal_id)) {
        if (row.plan_id != plan_id) continue;
        row.status = row.terms.status(today());
        return std::move(row);
    }
    return std::nullopt;
}

// After a write to the license, given its row as written: records the status it has now, which the event just
// written says (the term job records the transitions the days bring), and schedules its term job.
void follow_license(store::Transaction& tx, const Settings& settings, const std::string& deal_id,
                    const std::string& plan_id, const data::LicenseRow& after, Millis now) {
    data::licenses::record_status(tx, deal_id, plan_id, after.terms.status(domain::day_of(now)));
    schedule_term_job(tx, settings, deal_id, plan_id, after, now);
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

TenantLicense tenant_license(store::Transaction& tx, const std::string& tenant_id, const data::PoolListingRow& r) {
    TenantLicense out{r.publisher_id,
                      r.publisher_name,
                      r.offer_id,
                      offer_name_of(r.offer_listing, r.offer_id),
                      r.plan_id,
                      r.plan_name,
                      r.service_id,
                      0,
                      r.assigned,
                      domain::LicenseStatus::kActive,
                      std::nullopt,
                      std::nullopt,
                      0};
    // Only the licenses in force count (issue 14); the pool's status is its best license's.
    const auto licenses = data::licenses::of_pool(tx, tenant_id, r.service_id);
    std::vector<domain::LicenseStatus> statuses;
    bool any_in_force = false;
    bool all_trials_in_force = true;
    bool all_trials = !licenses.empty();
    for (const auto& license : licenses) {
        statuses.push_back(license.terms.status(today()));
        all_trials = all_trials && license.terms.trial;
        if (!domain::in_force(statuses.back())) continue;
        any_in_force = true;
        out.quantity += license.quantity;
        out.site = out.site || license.terms.site;
        all_trials_in_force = all_trials_in_force && license.terms.trial;
    }
    out.status = domain::pool_status(statuses);
    out.trial = any_in_force ? all_trials_in_force : all_trials;
    // A site license in force covers every seat (they are all of the tenant's verified domains).
    out.uncovered = out.site ? 0 : std::max<std::int64_t>(0, out.assigned - out.quantity);
    // The term shown: of the licenses in that status, the one that lasts longest (none when one has no end).
    bool endless = false;
    for (std::size_t i = 0; i < licenses.size(); ++i) {
        if (statuses[i] != out.status) continue;
        const auto& term = licenses[i].terms.term;
        if (!term) endless = true;
        if (term && (!out.term || domain::last_day_in_force(term) > domain::last_day_in_force(out.term))) {
            out.term = term;
        }
    }
    if (endless) out.term.reset();
    if (out.status == domain::LicenseStatus::kSuspended) {
        for (const auto& license : licenses) {
            if (!license.terms.suspended()) continue;
            out.suspension_reason = license.terms.suspension_reason;
            out.suspended_at = license.terms.suspended_at;
            break;
        }
    }
    return out;
}

std::optional<TenantLicense> load_tenant_license(store::Transaction& tx, const std::string& tenant_id,
                                                 const std::string& service_id) {
    const auto row = data::seats::find_pool_listing(tx, tenant_id, service_id);
    if (!row) return std::nullopt;
    return tenant_license(tx, tenant_id, *row);
}

Assignment assignment_of(data::SeatListingRow seat) {
    std::string display_name = seat.display_name.value_or(seat.upn);
    return {std::move(seat.upn),         std::move(display_name), seat.group_id.value_or(""),
            std::move(seat.assigned_by), seat.assigned_at,        seat.last_checked_day};
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

// The number of licenses a PUT sets: none for a site license (it counts no seats), else 1 to the maximum.
Result<std::int64_t> license_quantity(std::optional<std::int64_t> quantity, bool site) {
    if (site) {
        if (quantity.value_or(0) != 0) {
            return Status::Invalid("quantity", "site_license",
                                   "A site license licenses every user of the customer's verified domains and has no "
                                   "number of licenses: leave quantity out");
        }
        return 0;
    }
    if (!quantity) return Status::Invalid("quantity", "required", "quantity (Number of licenses) is required");
    if (*quantity < 1 || *quantity > domain::kMaxLicenseQuantity) {
        return Status::Invalid("quantity", "range",
                               "Number of licenses must be between 1 and " +
                                   std::to_string(domain::kMaxLicenseQuantity) +
                                   " (use the trash icon to remove a plan's licenses)");
    }
    return *quantity;
}

// Ends the tenant's trials feeding the pool of `service_id` (other than `deal_id`'s own license, which a PUT
// converts): each trial's term is cut to end yesterday, so it expires at once; nothing assigned moves.
Status end_trials(store::Transaction& tx, const Settings& settings, const Principal& principal,
                  const std::string& tenant_id, const std::string& service_id, const std::string& deal_id) {
    const Millis now = now_millis();
    const domain::Day yesterday = domain::day_of(now) - 1;
    for (const auto& trial_deal_id : data::licenses::trial_deals(tx, tenant_id, service_id, deal_id)) {
        const auto deal = data::deals::find(tx, principal.publisher_id, trial_deal_id);
        if (!deal) continue;  // another publisher's service IDs never share a pool: not reached
        const std::string& plan_id = deal->plan_ids.front();
        const auto before = data::licenses::find(tx, trial_deal_id, plan_id);
        if (!before || (before->terms.term && before->terms.term->end <= yesterday)) continue;  // over already
        domain::LicenseTerm ended = before->terms.term.value_or(domain::LicenseTerm{yesterday, yesterday, 0});
        ended.start = std::min(ended.start, yesterday);
        ended.end = yesterday;
        ended.grace_days = 0;
        data::licenses::set_term(tx, trial_deal_id, plan_id, ended, now);
        const auto after = data::licenses::find(tx, trial_deal_id, plan_id);
        append_event(tx, principal.actor, principal.publisher_id,
                     make_event<EventType::kLicenseChanged>(domain::license_subject(trial_deal_id, plan_id),
                                                            license_snapshot(*deal, plan_id, *before),
                                                            license_snapshot(*deal, plan_id, *after), tenant_id));
        follow_license(tx, settings, trial_deal_id, plan_id, *after, now);
    }
    return Status::Ok();
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
                                     for (auto& row : out.rows) row.status = row.terms.status(today());
                                     return out;
                                 });
}

Result<data::DealLicenseRow> set_deal_license(Services& services, const Principal& principal,
                                              const std::string& deal_id, const std::string& plan_id,
                                              const LicenseSet& change) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    if (change.term && *change.term) SK_RETURN_IF_ERROR(domain::validate_term(**change.term));
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
            const bool site = change.site.value_or(before && before->terms.site);
            SK_ASSIGN_OR_RETURN(const std::int64_t quantity, license_quantity(change.quantity, site));
            // A trial's licenses become paid ones (a conversion): its term goes with it unless another is given.
            const bool converts_trial = before && before->terms.trial;
            // The term: as given, else the one the license had (a new license without one has no end).
            const std::optional<domain::LicenseTerm> term =
                change.term ? *change.term : (before && !converts_trial ? before->terms.term : std::nullopt);
            std::optional<domain::LicenseSnapshot> before_snapshot;
            if (before) {
                before_snapshot = license_snapshot(deal, plan_id, *before);
                data::licenses::rewrite(tx, deal_id, plan_id, {quantity, term, site}, now);
            } else {
                data::licenses::insert(
                    tx,
                    {.deal_id = deal_id,
                     .plan_id = plan_id,
                     .publisher_id = principal.publisher_id,
                     .offer_id = deal.offer_id,
                     .tenant_id = *deal.tenant_id,
                     .service_id = service_id,
                     .quantity = quantity,
                     .term = term,
                     .status = std::string(domain::to_string(domain::license_status(term, false, today()))),
                     .site = site},
                    now);
            }
            // Paid licenses for the plan end the tenant's trial of it; its seats stay (API.md "License terms").
            SK_RETURN_IF_ERROR(end_trials(tx, services.settings(), principal, *deal.tenant_id, service_id, deal_id));
            const data::PoolRow key{*deal.tenant_id, service_id, principal.publisher_id, deal.offer_id, plan_id, 0, 0};
            SK_RETURN_IF_ERROR(resize_pool(tx, principal.actor, key, change.force));
            // A new or revived row is granted; an active one changed.
            const bool changed = before && before->active;
            const auto make = changed ? make_event<EventType::kLicenseChanged> : make_event<EventType::kLicenseGranted>;
            const auto after = data::licenses::find(tx, deal_id, plan_id);
            append_event(tx, principal.actor, principal.publisher_id,
                         make(domain::license_subject(deal_id, plan_id), std::move(before_snapshot),
                              license_snapshot(deal, plan_id, *after), *deal.tenant_id));
            follow_license(tx, services.settings(), deal_id, plan_id, *after, now);
            return *load_deal_license(tx, deal_id, plan_id);
        });
}

namespace {

// What suspend, reinstate and renew change, given the license as it is; Ok to go on.
using TermAction = std::function<Status(store::Transaction& tx, const data::LicenseRow& license, Millis now)>;
// make_event of one of the license event types.
using MakeLicenseEvent = domain::Event (*)(std::string subject, std::optional<domain::LicenseSnapshot> before,
                                           std::optional<domain::LicenseSnapshot> after, std::string tenant_id);

// One publisher action on an active license of a deal: the action, then its event (before and after) and the
// recorded status, in one transaction.
Result<data::DealLicenseRow> act_on_license(Services& services, const Principal& principal, const std::string& deal_id,
                                            const std::string& plan_id, MakeLicenseEvent make,
                                            const TermAction& action) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kManageLicensing));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<data::DealLicenseRow> {
            SK_ASSIGN_OR_RETURN(data::DealRow deal, licensable_deal(tx, principal, deal_id));
            const auto before = data::licenses::find(tx, deal_id, plan_id);
            if (!before || !before->active) {
                return Status::NotFound("this deal has no active licenses for plan '" + plan_id + "'");
            }
            SK_RETURN_IF_ERROR(action(tx, *before, now_millis()));
            const auto after = data::licenses::find(tx, deal_id, plan_id);
            append_event(tx, principal.actor, principal.publisher_id,
                         make(domain::license_subject(deal_id, plan_id), license_snapshot(deal, plan_id, *before),
                              license_snapshot(deal, plan_id, *after), *deal.tenant_id));
            follow_license(tx, services.settings(), deal_id, plan_id, *after, now_millis());
            return *load_deal_license(tx, deal_id, plan_id);
        });
}

}  // namespace

Result<data::DealLicenseRow> suspend_license(Services& services, const Principal& principal, const std::string& deal_id,
                                             const std::string& plan_id, const std::string& reason) {
    return act_on_license(services, principal, deal_id, plan_id, make_event<EventType::kLicenseSuspended>,
                          [&](store::Transaction& tx, const data::LicenseRow& license, Millis now) -> Status {
                              if (license.terms.suspended()) {
                                  return Status::Conflict("already_suspended",
                                                          "these licenses are already suspended (" +
                                                              *license.terms.suspension_reason + ")");
                              }
                              data::licenses::suspend(tx, deal_id, plan_id, reason, now);
                              const auto deal = data::deals::find(tx, license.publisher_id, deal_id);
                              return mail_notice(tx, license, "Licenses suspended: " + license.service_id,
                                                 "The " + license_words(*deal, plan_id, license) +
                                                     " are suspended by the publisher: " + reason +
                                                     ". Users assigned to them keep their seats, but the app does "
                                                     "not license them until the publisher reinstates the "
                                                     "licenses.\n");
                          });
}

Result<data::DealLicenseRow> reinstate_license(Services& services, const Principal& principal,
                                               const std::string& deal_id, const std::string& plan_id) {
    return act_on_license(services, principal, deal_id, plan_id, make_event<EventType::kLicenseReinstated>,
                          [&](store::Transaction& tx, const data::LicenseRow& license, Millis now) -> Status {
                              if (!license.terms.suspended()) {
                                  return Status::Conflict("not_suspended", "these licenses are not suspended");
                              }
                              data::licenses::reinstate(tx, deal_id, plan_id, now);
                              return Status::Ok();
                          });
}

Result<data::DealLicenseRow> renew_license(Services& services, const Principal& principal, const std::string& deal_id,
                                           const std::string& plan_id, domain::Day end_date) {
    return act_on_license(
        services, principal, deal_id, plan_id, make_event<EventType::kLicenseRenewed>,
        [&](store::Transaction& tx, const data::LicenseRow& license, Millis now) -> Status {
            const auto& term = license.terms.term;
            if (!term) {
                return Status::Conflict("no_term",
                                        "these licenses have no end to renew; give them a term with "
                                        "PUT …/licenses/{plan_id} first",
                                        "end_date");
            }
            if (end_date <= term->end) {
                return Status::Invalid("end_date", "after_current_end",
                                       "end_date must be after the current end, " + domain::format_day(term->end));
            }
            data::licenses::set_term(tx, deal_id, plan_id, domain::LicenseTerm{term->start, end_date, term->grace_days},
                                     now);
            return Status::Ok();
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
        data::LicenseRow removed = *row;
        removed.active = false;
        append_event(tx, principal.actor, principal.publisher_id,
                     make_event<EventType::kLicenseRemoved>(domain::license_subject(deal_id, plan_id),
                                                            license_snapshot(deal, plan_id, *row),
                                                            license_snapshot(deal, plan_id, removed), *deal.tenant_id));
        return Status::Ok();
    });
}

Status run_license_term_job(Services& services, const Job& job) {
    const auto text = [&](const char* key) {
        const auto* v = job.payload.if_contains(key);
        return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    const std::string deal_id = text("deal_id");
    const std::string plan_id = text("plan_id");
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const auto row = data::licenses::find(tx, deal_id, plan_id);
        if (!row || !row->active) return Status::Ok();  // trashed since: nothing to follow
        const auto deal = data::deals::find(tx, row->publisher_id, deal_id);
        if (!deal) return Status::Ok();
        const Millis now = now_millis();
        const domain::Day day = domain::day_of(now);
        const domain::LicenseStatus current = row->terms.status(day);
        const domain::LicenseStatus recorded =
            domain::parse_license_status(row->recorded_status).value_or(domain::LicenseStatus::kActive);
        if (current != recorded) {
            for (const auto& [from, to] : transitions(row->terms.term, recorded, current)) {
                domain::LicenseSnapshot before = license_snapshot(*deal, plan_id, *row);
                domain::LicenseSnapshot after = before;
                before.status = domain::to_string(from);
                after.status = domain::to_string(to);
                append_event(
                    tx, "system", row->publisher_id,
                    make_event<EventType::kLicenseStatusChanged>(domain::license_subject(deal_id, plan_id),
                                                                 std::move(before), std::move(after), row->tenant_id));
            }
            data::licenses::record_status(tx, deal_id, plan_id, current);
            if (current == domain::LicenseStatus::kExpired) {
                const bool trial = row->terms.trial;
                SK_RETURN_IF_ERROR(mail_notice(
                    tx, *row, (trial ? "Free trial ended: " : "Licenses expired: ") + row->service_id,
                    "The " + license_words(*deal, plan_id, *row) + " expired after " +
                        domain::format_day(*domain::last_day_in_force(row->terms.term)) +
                        ". Users assigned to them keep their seats, but the app no longer licenses them until the " +
                        (trial ? "customer buys licenses" : "publisher renews the licenses") + ".\n"));
            }
        }
        const auto& term = row->terms.term;
        if (term && services.settings().license_notice_days > 0 && !row->terms.suspended() &&
            row->end_notice_for != term->end && day <= term->end &&
            day >= term->end - services.settings().license_notice_days) {
            const int days_left = term->end - day;
            const bool trial = row->terms.trial;
            SK_RETURN_IF_ERROR(mail_notice(
                tx, *row,
                (trial ? "Free trial ending on " : "Licenses ending on ") + domain::format_day(term->end) + ": " +
                    row->service_id,
                "The " + license_words(*deal, plan_id, *row) + " end on " + domain::format_day(term->end) + " (" +
                    (days_left == 0 ? std::string("today") : "in " + std::to_string(days_left) + " days") + ")" +
                    (term->grace_days > 0 ? ", with " + std::to_string(term->grace_days) + " days of grace after"
                                          : std::string()) +
                    (trial ? ". Buy licenses of the plan from the publisher so that assigned users keep access; their "
                             "seats stay.\n"
                           : ". Ask the publisher to renew them so that assigned users keep access.\n")));
            data::licenses::mark_end_notice(tx, deal_id, plan_id, term->end);
        }
        schedule_term_job(tx, services.settings(), deal_id, plan_id, *data::licenses::find(tx, deal_id, plan_id), now);
        return Status::Ok();
    });
}

Result<std::vector<TenantLicense>> list_tenant_licenses(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kReadLicenses));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<TenantLicense>> {
                                     std::vector<TenantLicense> out;
                                     for (const auto& r : data::seats::pool_listings(tx, principal.tenant_id))
                                         out.push_back(tenant_license(tx, principal.tenant_id, r));
                                     return out;
                                 });
}

Result<TenantLicense> start_trial(Services& services, const Principal& principal, const std::string& product,
                                  const std::string& plan_id) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kInstall));
    SK_ASSIGN_OR_RETURN(const auto ids, parse_product(product));
    const std::string& publisher_id = ids.first;
    const std::string& offer_id = ids.second;
    SK_RETURN_IF_ERROR(json::require_text("plan_id", plan_id));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<TenantLicense> {
            const auto offer = data::offers::find_offer(tx, publisher_id, offer_id);
            if (!offer || offer->offer.state != domain::OfferState::kLive) {
                return Status::NotFound("no live offer '" + product + "' in the marketplace");
            }
            const auto plan = data::offers::find_plan(tx, publisher_id, offer_id, plan_id);
            if (!plan || plan->plan.state != domain::PlanState::kPublished) {
                return Status::NotFound("offer '" + product + "' has no plan '" + plan_id + "' in the marketplace");
            }
            if (!offer->offer.licensing.license_management || !plan->plan.offers_trial()) {
                return Status::Conflict("no_trial", "plan '" + plan_id + "' doesn't offer a free trial", "plan_id");
            }
            if (data::licenses::trial_used(tx, principal.tenant_id, publisher_id, offer_id, plan_id)) {
                return Status::Conflict("trial_used",
                                        "Your organization already had the free trial of this plan (one per plan); "
                                        "contact the publisher to buy licenses",
                                        "plan_id");
            }
            if (data::licenses::pool_has_licenses(tx, principal.tenant_id, plan->service_id)) {
                return Status::Conflict("already_licensed",
                                        "Your organization already has licenses for this plan; assign them in "
                                        "the Admin Center",
                                        "plan_id");
            }
            const auto tenant = load_tenant(tx, principal.tenant_id);
            if (!tenant) return Status::NotFound("your tenant does not exist");
            const Millis now = now_millis();
            const domain::Day day = domain::day_of(now);
            if (!data::deals::relationship_exists(tx, publisher_id, principal.tenant_id)) {
                data::deals::insert_relationship(tx, publisher_id, principal.tenant_id, principal.actor, now);
                append_event(tx, principal.actor, publisher_id,
                             make_event<EventType::kRelationshipCreated>(
                                 domain::relationship_subject(principal.tenant_id), std::nullopt,
                                 domain::RelationshipSnapshot{publisher_id, principal.tenant_id}, principal.tenant_id));
            }
            const data::DealRow deal{
                .id = "deal_" + crypto::random_token(9),
                .publisher_id = publisher_id,
                .offer_id = offer_id,
                .customer = {tenant->name, tenant->domains.empty() ? std::string() : tenant->domains.front(),
                             principal.email},
                .plan_ids = {plan_id},
                .seats = plan->plan.trial_seats,
                .value_cents = 0,
                .currency = "USD",
                .close_date = domain::format_day(day),
                .state = domain::DealState::kInProgress,
                .tenant_id = principal.tenant_id,
                .created_at = now,
                .updated_at = now,
                .source = "trial"};
            data::deals::insert(tx, deal, principal.actor);
            append_event(tx, principal.actor, publisher_id,
                         make_event<EventType::kDealRegistered>(domain::deal_subject(deal.id), std::nullopt,
                                                                deal_snapshot(deal)));
            const domain::LicenseTerm term{day, day + plan->plan.trial_days - 1, 0};
            data::licenses::insert(tx,
                                   {.deal_id = deal.id,
                                    .plan_id = plan_id,
                                    .publisher_id = publisher_id,
                                    .offer_id = offer_id,
                                    .tenant_id = principal.tenant_id,
                                    .service_id = plan->service_id,
                                    .quantity = plan->plan.trial_seats,
                                    .term = term,
                                    .status = std::string(domain::to_string(domain::LicenseStatus::kActive)),
                                    .trial = true},
                                   now);
            const data::PoolRow key{principal.tenant_id, plan->service_id, publisher_id, offer_id, plan_id, 0, 0};
            SK_RETURN_IF_ERROR(resize_pool(tx, principal.actor, key, false));
            const auto license = data::licenses::find(tx, deal.id, plan_id);
            append_event(
                tx, principal.actor, publisher_id,
                make_event<EventType::kLicenseGranted>(domain::license_subject(deal.id, plan_id), std::nullopt,
                                                       license_snapshot(deal, plan_id, *license), principal.tenant_id));
            follow_license(tx, services.settings(), deal.id, plan_id, *license, now);
            append_lead(tx, principal.actor, publisher_id, offer_id,
                        tenant_lead(tx, principal,
                                    "Started the free trial of plan " + plan->plan.name + " (" + plan_id +
                                        "): " + std::to_string(plan->plan.trial_seats) + " users for " +
                                        std::to_string(plan->plan.trial_days) + " days"));
            return *load_tenant_license(tx, principal.tenant_id, plan->service_id);
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

Result<Reclaim> reclaim_seats(Services& services, const Principal& principal, const std::string& service_id,
                              const ReclaimRequest& request, const UnwrittenActivity& unwritten) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kAssignSeats));
    if (request.inactive_days < domain::kMinInactiveDays || request.inactive_days > domain::kMaxInactiveDays) {
        return Status::Invalid("inactive_days", "range",
                               "inactive_days must be between " + std::to_string(domain::kMinInactiveDays) + " and " +
                                   std::to_string(domain::kMaxInactiveDays));
    }
    const Millis now = now_millis();
    const domain::Day cutoff = domain::day_of(now) - static_cast<domain::Day>(request.inactive_days);
    // Read before the transaction: it may wait for a flush under way, which needs the writers' turn.
    const auto recent = unwritten ? unwritten(service_id) : std::map<std::string, domain::Day>{};
    return store::in_transaction(
        services.store(), request.dry_run ? store::TxMode::kRead : store::TxMode::kWrite,
        [&](store::Transaction& tx) -> Result<Reclaim> {
            SK_ASSIGN_OR_RETURN(auto license, tenant_license_or_404(tx, principal, service_id));
            Reclaim out{request.dry_run, request.inactive_days, {}};
            for (auto& seat : data::seats::seat_listing(tx, principal.tenant_id, license.service_id)) {
                if (seat.group_id) continue;  // held through a group
                std::optional<domain::Day> last = seat.last_checked_day;
                if (const auto it = recent.find(seat.upn); it != recent.end() && (!last || *last < it->second)) {
                    last = it->second;
                }
                const bool inactive = last ? *last < cutoff : seat.assigned_at < domain::start_of(cutoff);
                if (inactive) out.items.push_back({std::move(seat.upn), last, seat.assigned_at});
            }
            if (request.dry_run || out.items.empty()) return out;
            const auto pool = data::seats::find_pool(tx, principal.tenant_id, license.service_id);
            for (const auto& seat : out.items) release_seat(tx, principal.actor, *pool, seat.upn);
            return out;
        });
}

}  // namespace seatkeeper::service
