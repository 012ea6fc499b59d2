#include "app/demo_seed.hpp"

#include <tuple>

#include "check/seat_activity.hpp"
#include "common/clock.hpp"
#include "domain/ids.hpp"
#include "domain/license_term.hpp"
#include "jobs/worker.hpp"
#include "package/package_writer.hpp"
#include "service/accounts.hpp"
#include "service/deals.hpp"
#include "service/installations.hpp"
#include "service/licenses.hpp"
#include "service/marketplace.hpp"
#include "service/offers.hpp"
#include "service/tenants.hpp"
#include "service/usage.hpp"

namespace seatkeeper::app {

namespace {

struct DemoPlan {
    const char* id;
    const char* name;
    const char* description;
};

struct DemoOffer {
    const char* id;
    const char* alias;
    const char* name;
    const char* summary;
    const char* description;
    bool license_management;
    bool allow_install_without_license;
    std::optional<domain::CallToAction> call_to_action;
    std::vector<DemoPlan> plans;
    domain::OfferState target;
};

// A deal's licenses for a plan: `quantity` of them, with `term` when given.
service::LicenseSet licenses(std::int64_t quantity, std::optional<domain::LicenseTerm> term = std::nullopt) {
    service::LicenseSet out;
    out.quantity = quantity;
    if (term) out.term = term;
    return out;
}

// The demo's customers have weeks of history for the usage pages (issue 15): each part of it is made through the
// use cases now and then dated back (service::demo_date_back: its events and the seats it took), in order.
class History {
public:
    explicit History(service::Services& services) : services_(services) {}
    // Starts a part.
    Status mark() {
        SK_ASSIGN_OR_RETURN(mark_, service::demo_history_mark(services_));
        marked_at_ = now_millis();
        return Status::Ok();
    }
    // What was done since mark() happened `days_ago` days ago.
    Status happened(int days_ago) { return service::demo_date_back(services_, mark_, marked_at_, days_ago); }

private:
    service::Services& services_;
    std::int64_t mark_ = 0;
    Millis marked_at_ = 0;
};

// Seat activity on past days, through the runtime's own recorder: `upn` was checked on each of the days
// `from_days_ago` … `to_days_ago` that `on` accepts (weekends left out: people work on weekdays).
template <typename On>
void checked(check::SeatActivity& activity, const std::string& tenant_id, const std::string& service_id,
             const std::string& upn, int from_days_ago, int to_days_ago, On on) {
    const domain::Day today = domain::day_of(now_millis());
    for (int ago = from_days_ago; ago >= to_days_ago; --ago) {
        const domain::Day day = today - ago;
        const int weekday = ((day + 3) % 7 + 7) % 7;  // 0 = Monday
        if (weekday < 5 && on(ago)) activity.record("contoso", tenant_id, service_id, upn, day);
    }
}

// A deal Contoso registers, moves to in_progress and invites `invited` to; the tenant's admin consents.
Result<data::DealRow> consented_deal(service::Services& services, const service::Principal& tenant_admin,
                                     const service::NewDeal& input, const std::string& invited) {
    const service::Principal contoso = service::system_principal("contoso");
    SK_ASSIGN_OR_RETURN(auto deal, service::register_deal(services, contoso, input));
    service::DealPatch progress;
    progress.state = domain::DealState::kInProgress;
    SK_RETURN_IF_ERROR(service::update_deal(services, contoso, deal.id, progress).status());
    SK_ASSIGN_OR_RETURN(auto link, service::invite_customer(services, contoso, deal.id, invited));
    SK_RETURN_IF_ERROR(
        service::accept_invitation(services, tenant_admin, link.url.substr(link.url.rfind('/') + 1)).status());
    return deal;
}

Status seed_offer(service::Services& services, const service::Principal& admin, const DemoOffer& d) {
    SK_RETURN_IF_ERROR(
        service::create_offer(services, admin, {d.id, d.alias, std::string(domain::kOfferTypeDynamics)}).status());
    service::OfferPatch patch;
    patch.license_management = d.license_management;
    patch.allow_install_without_license = d.allow_install_without_license;
    patch.call_to_action_given = true;
    patch.call_to_action = d.call_to_action;
    patch.name = d.name;
    patch.summary = d.summary;
    patch.description = d.description;
    patch.privacy_policy_url = "https://" + admin.publisher_id + ".example/privacy";
    patch.support_url = "https://" + admin.publisher_id + ".example/support";
    SK_RETURN_IF_ERROR(service::update_offer(services, admin, d.id, patch).status());
    package::SolutionPackage pkg{std::string(d.id) + "solution", "1.0.0.0", admin.publisher_id, {}, {}};
    for (const auto& p : d.plans) {
        SK_RETURN_IF_ERROR(service::create_plan(services, admin, d.id, {p.id, p.name, p.description, ""}).status());
        const std::string sid = domain::service_id(admin.publisher_id, d.id, p.id);
        pkg.service_plans.push_back({sid, p.name, "https://" + admin.publisher_id + ".example/" + d.id});
        pkg.app_modules.push_back({sid, admin.publisher_id + "_" + d.id + "_app"});
    }
    if (d.target == domain::OfferState::kDraft) return Status::Ok();
    if (d.target == domain::OfferState::kNeedsAttention && !pkg.service_plans.empty()) {
        pkg.service_plans.pop_back();  // a package that misses one plan's Service ID
    }
    SK_RETURN_IF_ERROR(service::upload_package(services, admin, d.id, package::write_package(pkg)).status());
    SK_RETURN_IF_ERROR(service::publish_offer(services, admin, d.id).status());
    jobs::Worker worker(services);
    worker.run_due_jobs();
    if (d.target != domain::OfferState::kLive) return Status::Ok();
    SK_RETURN_IF_ERROR(service::go_live(services, admin, d.id).status());
    return Status::Ok();
}

// The customer side (PRODUCT.md steps 9–12): Fabrikam consented to Contoso through a won deal and assigns
// its licenses; a second deal waits for consent; Adatum is a tenant without a relationship yet.
Status seed_customers(service::Services& services, const std::string& password, std::ostream& out) {
    SK_ASSIGN_OR_RETURN(
        auto fabrikam,
        service::create_tenant(
            services,
            {"Fabrikam, Inc.", {"fabrikam.example"}, "admin@fabrikam.example", password, "Farah Admin (Fabrikam)"}));
    SK_ASSIGN_OR_RETURN(
        auto adatum,
        service::create_tenant(
            services,
            {"Adatum Corporation", {"adatum.example"}, "admin@adatum.example", password, "Ada Admin (Adatum)"}));
    service::Principal fabrikam_admin = service::tenant_system_principal(fabrikam.id);
    fabrikam_admin.name = "Farah Admin (Fabrikam)";  // what the lead of its install names
    fabrikam_admin.email = "admin@fabrikam.example";
    for (const auto& [email, role] : {std::pair{"billing@fabrikam.example", "billing_admin"},
                                      std::pair{"licenses@fabrikam.example", "license_admin"}}) {
        SK_RETURN_IF_ERROR(service::create_user(services, fabrikam_admin, {email, "", password, role}).status());
    }
    const service::Principal contoso = service::system_principal("contoso");
    History history(services);
    // Eight weeks ago: Fabrikam's deal, 40 Basic and 10 Premium licenses, six sales users and the managers' group.
    SK_RETURN_IF_ERROR(history.mark());
    SK_ASSIGN_OR_RETURN(auto deal, consented_deal(services, fabrikam_admin,
                                                  {{"Fabrikam, Inc.", "fabrikam.example", "billing@fabrikam.example"},
                                                   "crm",
                                                   {"basic", "premium"},
                                                   60,
                                                   4'200'000,
                                                   "USD",
                                                   "2026-12-15"},
                                                  "billing@fabrikam.example"));
    SK_RETURN_IF_ERROR(service::set_deal_license(services, contoso, deal.id, "basic", licenses(40)).status());
    SK_RETURN_IF_ERROR(service::set_deal_license(services, contoso, deal.id, "premium", licenses(10)).status());
    service::DealPatch won;
    won.state = domain::DealState::kWon;
    SK_RETURN_IF_ERROR(service::update_deal(services, contoso, deal.id, won).status());

    std::vector<std::string> sales;
    for (const char* name : {"alex.wilber", "megan.bowen", "lee.gu", "lidia.holloway", "nestor.wilke", "pradeep.gupta",
                             "isaiah.langer", "joni.sherman"}) {
        sales.push_back(std::string(name) + "@fabrikam.example");
    }
    const std::vector<std::string> first_sales(sales.begin(), sales.begin() + 6);
    const std::vector<std::string> later_sales(sales.begin() + 6, sales.end());
    SK_RETURN_IF_ERROR(service::assign_seats(services, fabrikam_admin, "contoso.crm.basic", first_sales, {}).status());
    SK_ASSIGN_OR_RETURN(auto managers,
                        service::create_group(services, fabrikam_admin, "Sales managers",
                                              {"adele.vance@fabrikam.example", "diego.siciliani@fabrikam.example"}));
    SK_RETURN_IF_ERROR(
        service::assign_seats(services, fabrikam_admin, "contoso.crm.premium", {}, {managers.id}).status());
    SK_RETURN_IF_ERROR(service::install_offer(services, fabrikam_admin, "contoso.crm", "Production").status());
    SK_RETURN_IF_ERROR(history.happened(56));
    // Four weeks ago Basic went up to 50; three weeks ago two more users were assigned, who never used it since.
    SK_RETURN_IF_ERROR(history.mark());
    SK_RETURN_IF_ERROR(service::set_deal_license(services, contoso, deal.id, "basic", licenses(50)).status());
    SK_RETURN_IF_ERROR(history.happened(28));
    SK_RETURN_IF_ERROR(history.mark());
    SK_RETURN_IF_ERROR(service::assign_seats(services, fabrikam_admin, "contoso.crm.basic", later_sales, {}).status());
    SK_RETURN_IF_ERROR(history.happened(21));

    // Tailspin Toys: licenses with terms (issue 14): Basic ended five days ago and is in its 30 days of grace,
    // Premium is suspended for an unpaid invoice; the users keep their seats.
    SK_RETURN_IF_ERROR(history.mark());
    SK_ASSIGN_OR_RETURN(
        auto tailspin,
        service::create_tenant(
            services,
            {"Tailspin Toys", {"tailspin.example"}, "admin@tailspin.example", password, "Tia Admin (Tailspin)"}));
    const service::Principal tailspin_admin = service::tenant_system_principal(tailspin.id);
    SK_ASSIGN_OR_RETURN(auto renewal, consented_deal(services, tailspin_admin,
                                                     {{"Tailspin Toys", "tailspin.example", "admin@tailspin.example"},
                                                      "crm",
                                                      {"basic", "premium"},
                                                      25,
                                                      900'000,
                                                      "USD",
                                                      "2026-06-30"},
                                                     "admin@tailspin.example"));
    const domain::Day today = domain::day_of(now_millis());
    SK_RETURN_IF_ERROR(service::set_deal_license(services, contoso, renewal.id, "basic",
                                                 licenses(20, domain::LicenseTerm{today - 365, today - 5, 30}))
                           .status());
    SK_RETURN_IF_ERROR(service::set_deal_license(services, contoso, renewal.id, "premium",
                                                 licenses(5, domain::LicenseTerm{today - 30, today + 335, 0}))
                           .status());
    SK_RETURN_IF_ERROR(service::assign_seats(services, tailspin_admin, "contoso.crm.basic",
                                             {"ana.bowman@tailspin.example", "ben.miles@tailspin.example"}, {})
                           .status());
    SK_RETURN_IF_ERROR(
        service::assign_seats(services, tailspin_admin, "contoso.crm.premium", {"ana.bowman@tailspin.example"}, {})
            .status());
    SK_RETURN_IF_ERROR(history.happened(20));  // Tailspin came twenty days ago; Premium was suspended ten days ago
    SK_RETURN_IF_ERROR(history.mark());
    SK_RETURN_IF_ERROR(
        service::suspend_license(services, contoso, renewal.id, "premium", "Invoice INV-2041 is 60 days overdue")
            .status());
    SK_RETURN_IF_ERROR(service::update_deal(services, contoso, renewal.id, won).status());
    SK_RETURN_IF_ERROR(history.happened(10));

    // Fabrikam's field technicians: a site license of Field Service Pro covers every user of fabrikam.example,
    // no seats to assign.
    SK_RETURN_IF_ERROR(history.mark());
    SK_ASSIGN_OR_RETURN(auto field, consented_deal(services, fabrikam_admin,
                                                   {{"Fabrikam, Inc.", "fabrikam.example", "billing@fabrikam.example"},
                                                    "field-service",
                                                    {"pro"},
                                                    400,
                                                    9'600'000,
                                                    "USD",
                                                    "2026-11-30"},
                                                   "billing@fabrikam.example"));
    service::LicenseSet site;
    site.site = true;
    site.term = domain::LicenseTerm{today - 60, today + 305, 30};
    SK_RETURN_IF_ERROR(service::set_deal_license(services, contoso, field.id, "pro", site).status());
    SK_RETURN_IF_ERROR(service::update_deal(services, contoso, field.id, won).status());
    SK_RETURN_IF_ERROR(history.happened(7));  // the site license's deal was won a week ago

    // Today: Adatum.
    SK_ASSIGN_OR_RETURN(auto pending,
                        service::register_deal(services, contoso,
                                               {{"Adatum Corporation", "adatum.example", "admin@adatum.example"},
                                                "crm",
                                                {"premium"},
                                                25,
                                                1'875'000,
                                                "USD",
                                                "2027-03-31"}));
    SK_ASSIGN_OR_RETURN(auto invitation,
                        service::invite_customer(services, contoso, pending.id, "admin@adatum.example"));
    // While the deal waits for consent, Adatum's admin tries Premium: its free trial (issue 14), which leaves
    // Contoso a lead and a trial deal. Adatum may still start the Basic trial.
    service::Principal adatum_admin = service::tenant_system_principal(adatum.id);
    adatum_admin.name = "Ada Admin (Adatum)";
    adatum_admin.email = "admin@adatum.example";
    SK_RETURN_IF_ERROR(service::start_trial(services, adatum_admin, "contoso.crm", "premium").status());
    SK_RETURN_IF_ERROR(service::assign_seats(services, adatum_admin, "contoso.crm.premium",
                                             {"ada.admin@adatum.example", "omar.khan@adatum.example"}, {})
                           .status());

    // Who used what (seat activity, issue 15): Fabrikam's first six sales users on most weekdays, the managers on
    // nearly all, the two assigned three weeks ago never (Reclaim finds them); at Tailspin Ana until its Basic
    // licenses ended, Ben not for two weeks; Adatum's trial users today.
    {
        check::SeatActivity activity(services.store(), {});
        for (std::size_t i = 0; i < first_sales.size(); ++i) {
            checked(activity, fabrikam.id, "contoso.crm.basic", first_sales[i], 56, 0,
                    [i](int ago) { return (ago + static_cast<int>(i) * 3) % 5 != 0; });
        }
        for (const char* manager : {"adele.vance@fabrikam.example", "diego.siciliani@fabrikam.example"}) {
            checked(activity, fabrikam.id, "contoso.crm.premium", manager, 56, 0, [](int ago) { return ago % 9 != 4; });
        }
        checked(activity, tailspin.id, "contoso.crm.basic", "ana.bowman@tailspin.example", 20, 5,
                [](int) { return true; });
        checked(activity, tailspin.id, "contoso.crm.premium", "ana.bowman@tailspin.example", 20, 10,
                [](int ago) { return ago % 2 == 0; });
        checked(activity, tailspin.id, "contoso.crm.basic", "ben.miles@tailspin.example", 20, 16,
                [](int) { return true; });
        for (const char* user : {"ada.admin@adatum.example", "omar.khan@adatum.example"}) {
            activity.record("contoso", adatum.id, "contoso.crm.premium", user, today);
        }
        SK_RETURN_IF_ERROR(activity.flush());
    }

    out << "  tenant Fabrikam (" << fabrikam.id << "): admin@fabrikam.example, billing@fabrikam.example, "
        << "licenses@fabrikam.example; 50 Basic and 10 Premium licenses of contoso.crm, 10 assigned; a site "
        << "license of contoso.field-service Pro\n"
        << "  tenant Tailspin Toys: admin@tailspin.example; 20 Basic licenses in their grace days, 5 Premium "
        << "suspended\n"
        << "  tenant Adatum: admin@adatum.example, on the free trial of Premium (3 users, 30 days), invited to "
        << "consent: " << invitation.url << "\n";
    return Status::Ok();
}

}  // namespace

Status demo_seed(service::Services& services, std::ostream& out) {
    const std::string password = "demo-password-1";
    {
        auto existing = service::login(services, "admin@contoso.example", password);
        if (existing.ok()) {
            out << "demo data is already there; sign in as admin@contoso.example / " << password << "\n";
            return Status::Ok();
        }
    }
    SK_RETURN_IF_ERROR(service::create_publisher(
        services, {"contoso", "Contoso Ltd", "admin@contoso.example", password, "Dana Admin (Contoso)"}));
    SK_RETURN_IF_ERROR(service::create_publisher(
        services, {"northwind", "Northwind Traders", "admin@northwind.example", password, "Nina Admin (Northwind)"}));
    const service::Principal contoso = service::system_principal("contoso");
    const service::Principal northwind = service::system_principal("northwind");
    for (const auto& [email, role] :
         {std::pair{"accounts@contoso.example", "account_admin"}, std::pair{"dev@contoso.example", "developer"},
          std::pair{"viewer@contoso.example", "viewer"}}) {
        SK_RETURN_IF_ERROR(service::create_user(services, contoso, {email, "", password, role}).status());
    }

    const std::vector<DemoOffer> contoso_offers{
        {"crm",
         "Contoso CRM (FY27)",
         "Contoso CRM",
         "Sales pipeline and accounts for Dynamics 365",
         "Contoso CRM brings pipeline tracking, account hierarchies and forecasting to Dynamics 365 Sales.",
         true,
         false,
         std::nullopt,
         {{"basic", "Contoso CRM Basic", "Accounts, contacts and opportunities for small sales teams."},
          {"premium", "Contoso CRM Premium", "Everything in Basic plus forecasting and territory management."}},
         domain::OfferState::kLive},
        {"field-service",
         "Field service app",
         "Contoso Field Service",
         "Schedule and dispatch technicians",
         "Plan work orders, dispatch technicians and track parts. Base scheduling runs without a license; route "
         "optimisation needs the Pro plan.",
         true,
         true,
         std::nullopt,
         {{"pro", "Field Service Pro", "Route optimisation and mobile offline sync."}},
         domain::OfferState::kLive},
        {"helpdesk",
         "Helpdesk (preview)",
         "Contoso Helpdesk",
         "Ticketing inside Power Apps",
         "A ticketing app for internal IT teams, built on Power Apps.",
         false,
         false,
         domain::CallToAction::kFreeTrial,
         {{"standard", "Helpdesk Standard", "Tickets, SLAs and a knowledge base."}},
         domain::OfferState::kPreview},
        {"inventory",
         "Inventory (fix package)",
         "Contoso Inventory",
         "Stock levels across warehouses",
         "Track inventory across warehouses with reorder alerts.",
         true,
         false,
         std::nullopt,
         {{"core", "Inventory Core", "Stock levels and transfers."},
          {"analytics", "Inventory Analytics", "Forecasts and dashboards."}},
         domain::OfferState::kNeedsAttention},
        {"expenses",
         "Expenses draft",
         "Contoso Expenses",
         "",
         "",
         true,
         false,
         std::nullopt,
         {{"team", "Expenses Team", ""}},
         domain::OfferState::kDraft},
    };
    service::Settings instant = services.settings();
    instant.go_live_delay_ms = 0;  // the demo's offers go live at once
    service::Services seeding(services.store(), instant);
    for (const auto& d : contoso_offers) SK_RETURN_IF_ERROR(seed_offer(seeding, contoso, d));
    SK_RETURN_IF_ERROR(
        seed_offer(seeding, northwind,
                   {"timesheets",
                    "Timesheets",
                    "Northwind Timesheets",
                    "Time tracking for project teams",
                    "Log hours against projects and approve timesheets in Dynamics 365 Project Operations.",
                    false,
                    false,
                    domain::CallToAction::kGetItNow,
                    {{"free", "Free", "Unlimited users, community support."}},
                    domain::OfferState::kLive}));
    jobs::Worker worker(seeding);
    worker.run_due_jobs();
    // Free trials of Contoso CRM's plans (issue 14): the marketplace shows Free trial.
    for (const auto& [plan, days, seats] : {std::tuple{"basic", 14, 5}, std::tuple{"premium", 30, 3}}) {
        service::PlanPatch trial;
        trial.trial_days = days;
        trial.trial_seats = seats;
        SK_RETURN_IF_ERROR(service::update_plan(seeding, contoso, "crm", plan, trial).status());
    }
    SK_RETURN_IF_ERROR(service::create_lead(seeding, "contoso.crm", "",
                                            {"Alex Buyer", "alex@fabrikam.example", "Fabrikam",
                                             "We would like 250 seats of Contoso CRM Premium."})
                           .status());
    out << "demo data loaded:\n"
        << "  publisher contoso: admin@contoso.example, accounts@contoso.example, dev@contoso.example, "
           "viewer@contoso.example\n"
        << "  publisher northwind: admin@northwind.example\n"
        << "  password for all: " << password << "\n"
        << "  offers: contoso.crm, contoso.field-service, northwind.timesheets (live), contoso.helpdesk (preview), "
           "contoso.inventory (needs attention), contoso.expenses (draft)\n";
    return seed_customers(seeding, password, out);
}

}  // namespace seatkeeper::app
