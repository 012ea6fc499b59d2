// The authorization matrix (issue 11, "Nets that keep it fixed"): every route of the router's own table × every
// principal — anonymous; each publisher role signed in and as an API key, and the `app` key; each tenant role
// signed in and as an API key; and credentials that must count for nothing (a global admin's session without its
// CSRF token, a signed-out session, a revoked key) — × an object of the caller's own publisher and tenant, and one
// of another publisher and tenant → the answer the route's access rule promises (docs/openapi.yaml
// "Authentication").
//
// kMatrix below is the rule, one entry per route: the roles that pass, and what an object of the other side is.
// The test walks `api().router().routes()`: a route without an entry fails, and so does an entry whose route is
// gone. An answer is judged as one of
//   401        nobody (anonymous, a signed-out session, a revoked key) on a route that needs an account;
//   403        an account whose kind (publisher, tenant) or role the route refuses, or a signed-in write without
//              the session's CSRF token;
//   404        another account's object, answered exactly like a missing one, so that IDs can't be probed;
//   allowed    past authorization: any answer but 401, 403, 404, 429 and 5xx. The requests carry valid bodies
//              wherever that is cheap, so most are 2xx; a 409 or 422 after the role check still shows that the
//              role passed.
// and what an account is answered about its own objects must name nothing of the other world (its IDs, names and
// domains): for the lists, that is their foreign cell.
//
// Two worlds share one server: "own" (publisher contoso, whose customer is tenant Fabrikam) and "foreign"
// (publisher northwind and its customer Tailspin), each with every object a route addresses by ID; northwind sells
// to Fabrikam too, so that contoso and northwind share a customer whose northwind licenses, seats and installs
// contoso must not see (nor ask the runtime about). Principals all belong to the own world. A user or API key is also
// named across kinds (contoso's admin naming Fabrikam's user): 404 too. A call that uses an object up (deleting a user,
// revoking a key, accepting an invitation) takes one the world makes for it, and the world makes another after a 2xx; a
// principal that signs out signs in again. So the cells are independent of their order. SEATKEEPER_MATRIX_VERBOSE=1
// prints every cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/crypto.hpp"
#include "domain/license_term.hpp"
#include "http/harness.hpp"
#include "service/accounts.hpp"
#include "service/tenants.hpp"
#include "support/zip_builder.hpp"

namespace seatkeeper::testing {
namespace {

// A date (UTC, YYYY-MM-DD) `days` from today.
std::string day(int days) { return domain::format_day(domain::day_of(now_millis()) + days); }

namespace bj = boost::json;
namespace fs = std::filesystem;

constexpr const char* kOfferType = "dynamics-365-ce-powerapps";
constexpr const char* kPassword = "matrix-password-1";

// ---------------------------------------------------------------------------------------------------------------
// Who asks.

enum class Role : std::uint8_t {
    kAnonymous,
    kGlobalAdmin,  // publisher roles
    kAccountAdmin,
    kDeveloper,
    kViewer,
    kApp,
    kTenantGlobalAdmin,  // tenant roles
    kBillingAdmin,
    kLicenseAdmin,
    kUser,
};

struct RoleInfo {
    std::string_view name;  // as the API spells it
    Role role;
    bool tenant;
    bool signs_in;  // a user can have it (`app` is an API key's only)
};

constexpr RoleInfo kRoles[] = {
    {"global_admin", Role::kGlobalAdmin, false, true},
    {"account_admin", Role::kAccountAdmin, false, true},
    {"developer", Role::kDeveloper, false, true},
    {"viewer", Role::kViewer, false, true},
    {"app", Role::kApp, false, false},
    {"global_admin", Role::kTenantGlobalAdmin, true, true},
    {"billing_admin", Role::kBillingAdmin, true, true},
    {"license_admin", Role::kLicenseAdmin, true, true},
    {"user", Role::kUser, true, true},
};

const RoleInfo& role_info(Role role) {
    return *std::find_if(std::begin(kRoles), std::end(kRoles), [role](const RoleInfo& r) { return r.role == role; });
}

using Roles = std::uint32_t;
constexpr Roles bit(Role role) { return Roles{1} << static_cast<unsigned>(role); }

constexpr Roles kPublisherGlobalAdmin = bit(Role::kGlobalAdmin);
constexpr Roles kLicensing = kPublisherGlobalAdmin | bit(Role::kAccountAdmin);  // deals, invitations, licenses
constexpr Roles kOfferWriters = kLicensing | bit(Role::kDeveloper);
constexpr Roles kOfferReaders = kOfferWriters | bit(Role::kViewer);  // every publisher role but app
constexpr Roles kApp = bit(Role::kApp);
constexpr Roles kTenantGlobalAdmin = bit(Role::kTenantGlobalAdmin);
constexpr Roles kAssigners = kTenantGlobalAdmin | bit(Role::kLicenseAdmin);   // seats, groups, directory
constexpr Roles kConsenters = kTenantGlobalAdmin | bit(Role::kBillingAdmin);  // consent, Get it now
constexpr Roles kTenantReaders = kAssigners | bit(Role::kBillingAdmin);       // every tenant role but user
constexpr Roles kTenantStaff = kTenantReaders | bit(Role::kUser);
constexpr Roles kGlobalAdmins = kPublisherGlobalAdmin | kTenantGlobalAdmin;
constexpr Roles kReaders = kOfferReaders | kTenantReaders;
constexpr Roles kStaff = kOfferReaders | kTenantStaff;  // every user (API keys: every role but app)
constexpr Roles kSignedIn = kStaff | kApp;
constexpr Roles kEveryone = kSignedIn | bit(Role::kAnonymous);

// ---------------------------------------------------------------------------------------------------------------
// The rule.

// What an allowed caller gets for the other side's object.
enum class Foreign {
    kNone,            // the route names no object: public routes and creations
    kNotFound,        // 404, like a missing object
    kOwnOnly,         // a list or the caller's own account: the answer names nothing of the other side
    kRefused,         // 403: an invitation link for another tenant's domain (the link itself is public)
    kUnknownService,  // the runtime: another publisher's service ID is unknown_service_id (tokens: 422)
};

struct Entry {
    std::string_view method;
    std::string_view pattern;
    Roles allowed;  // pass authorization; other accounts get 403 and anonymous 401
    Foreign foreign;
    bool sessions_only = false;   // an API key is refused (403) whatever its role
    bool guards_session = false;  // public, but a live session must send its CSRF token (signing out)
};

// clang-format off
constexpr Entry kMatrix[] = {
    // Public: health, metrics, signing keys, the web UI, the marketplace.
    {"GET",    "/healthz",                                               kEveryone,          Foreign::kNone},
    {"GET",    "/readyz",                                                kEveryone,          Foreign::kNone},
    {"GET",    "/metrics",                                               kEveryone,          Foreign::kNone},
    {"GET",    "/.well-known/jwks.json",                                 kEveryone,          Foreign::kNone},
    {"GET",    "/",                                                      kEveryone,          Foreign::kNone},
    {"GET",    "/assets/{file}",                                         kEveryone,          Foreign::kNone},
    {"GET",    "/signin",                                                kEveryone,          Foreign::kNone},
    {"GET",    "/partner/{path...}",                                     kEveryone,          Foreign::kNone},
    {"GET",    "/marketplace/{path...}",                                 kEveryone,          Foreign::kNone},
    {"GET",    "/admin/{path...}",                                       kEveryone,          Foreign::kNone},
    {"GET",    "/password-reset/{path...}",                              kEveryone,          Foreign::kNone},
    {"GET",    "/api/v1/marketplace/offers",                             kEveryone,          Foreign::kNone},
    {"GET",    "/api/v1/marketplace/offers/{product}",                   kEveryone,          Foreign::kNone},
    {"POST",   "/api/v1/marketplace/offers/{product}/leads",             kEveryone,          Foreign::kNone},

    // Signing in; passwords. Changing one's password needs a session: an API key has none.
    {"POST",   "/api/v1/auth/login",                                     kEveryone,          Foreign::kNone},
    {"POST",   "/api/v1/auth/logout",                                    kEveryone,          Foreign::kNone, false, true},
    {"POST",   "/api/v1/auth/password-reset",                            kEveryone,          Foreign::kNone},
    {"POST",   "/api/v1/auth/password-reset/{token}",                    kEveryone,          Foreign::kNone},
    {"POST",   "/api/v1/auth/password",                                  kStaff,             Foreign::kNone, true},
    {"GET",    "/api/v1/auth/me",                                        kSignedIn,          Foreign::kOwnOnly},

    // Account routes: both kinds, each scoped to the caller's own publisher or tenant.
    {"GET",    "/api/v1/users",                                          kReaders,           Foreign::kOwnOnly},
    {"POST",   "/api/v1/users",                                          kGlobalAdmins,      Foreign::kNone},
    {"PATCH",  "/api/v1/users/{user_id}",                                kGlobalAdmins,      Foreign::kNotFound},
    {"DELETE", "/api/v1/users/{user_id}",                                kGlobalAdmins,      Foreign::kNotFound},
    {"GET",    "/api/v1/api-keys",                                       kGlobalAdmins,      Foreign::kOwnOnly},
    {"POST",   "/api/v1/api-keys",                                       kGlobalAdmins,      Foreign::kNone},
    {"DELETE", "/api/v1/api-keys/{key_id}",                              kGlobalAdmins,      Foreign::kNotFound},
    {"GET",    "/api/v1/events",                                         kReaders,           Foreign::kOwnOnly},

    // Partner Center: offers, plans, leads, installs, the mail outbox.
    {"GET",    "/api/v1/offers",                                         kOfferReaders,      Foreign::kOwnOnly},
    {"POST",   "/api/v1/offers",                                         kOfferWriters,      Foreign::kNone},
    {"GET",    "/api/v1/offers/{offer_id}",                              kOfferReaders,      Foreign::kNotFound},
    {"PATCH",  "/api/v1/offers/{offer_id}",                              kOfferWriters,      Foreign::kNotFound},
    {"PUT",    "/api/v1/offers/{offer_id}/package",                      kOfferWriters,      Foreign::kNotFound},
    {"POST",   "/api/v1/offers/{offer_id}/publish",                      kOfferWriters,      Foreign::kNotFound},
    {"POST",   "/api/v1/offers/{offer_id}/go-live",                      kOfferWriters,      Foreign::kNotFound},
    {"GET",    "/api/v1/offers/{offer_id}/plans",                        kOfferReaders,      Foreign::kNotFound},
    {"GET",    "/api/v1/offers/{offer_id}/plans.csv",                    kOfferReaders,      Foreign::kNotFound},
    {"POST",   "/api/v1/offers/{offer_id}/plans",                        kOfferWriters,      Foreign::kNotFound},
    {"GET",    "/api/v1/offers/{offer_id}/plans/{plan_id}",              kOfferReaders,      Foreign::kNotFound},
    {"PATCH",  "/api/v1/offers/{offer_id}/plans/{plan_id}",              kOfferWriters,      Foreign::kNotFound},
    {"POST",   "/api/v1/offers/{offer_id}/plans/{plan_id}/copy",         kOfferWriters,      Foreign::kNotFound},
    {"GET",    "/api/v1/leads",                                          kOfferReaders,      Foreign::kOwnOnly},
    {"GET",    "/api/v1/installations",                                  kOfferReaders,      Foreign::kOwnOnly},
    {"GET",    "/api/v1/mails",                                          kPublisherGlobalAdmin, Foreign::kOwnOnly},

    // Partner Center: deals, consent invitations, licenses, customers (global and account admins only).
    {"GET",    "/api/v1/deals",                                          kLicensing,         Foreign::kOwnOnly},
    {"POST",   "/api/v1/deals",                                          kLicensing,         Foreign::kNone},
    {"GET",    "/api/v1/deals/{deal_id}",                                kLicensing,         Foreign::kNotFound},
    {"PATCH",  "/api/v1/deals/{deal_id}",                                kLicensing,         Foreign::kNotFound},
    {"POST",   "/api/v1/deals/{deal_id}/invitations",                    kLicensing,         Foreign::kNotFound},
    {"GET",    "/api/v1/deals/{deal_id}/licenses",                       kLicensing,         Foreign::kNotFound},
    {"PUT",    "/api/v1/deals/{deal_id}/licenses/{plan_id}",             kLicensing,         Foreign::kNotFound},
    {"DELETE", "/api/v1/deals/{deal_id}/licenses/{plan_id}",             kLicensing,         Foreign::kNotFound},
    {"POST",   "/api/v1/deals/{deal_id}/licenses/{plan_id}/suspend",     kLicensing,         Foreign::kNotFound},
    {"POST",   "/api/v1/deals/{deal_id}/licenses/{plan_id}/reinstate",   kLicensing,         Foreign::kNotFound},
    {"POST",   "/api/v1/deals/{deal_id}/licenses/{plan_id}/renew",       kLicensing,         Foreign::kNotFound},
    {"GET",    "/api/v1/customers",                                      kLicensing,         Foreign::kOwnOnly},

    // The runtime: app keys only.
    {"GET",    "/api/v1/check",                                          kApp,               Foreign::kUnknownService},
    {"POST",   "/api/v1/check",                                          kApp,               Foreign::kUnknownService},
    {"POST",   "/api/v1/tokens",                                         kApp,               Foreign::kUnknownService},

    // Consent: the link is the credential for reading it and signing up; answering it takes a billing or global
    // admin of the tenant that owns the invited address's domain.
    {"GET",    "/api/v1/invitations/{token}",                            kEveryone,          Foreign::kNone},
    {"POST",   "/api/v1/invitations/{token}/signup-code",                kEveryone,          Foreign::kNone},
    {"POST",   "/api/v1/invitations/{token}/signup",                     kEveryone,          Foreign::kNone},
    {"POST",   "/api/v1/invitations/{token}/accept",                     kConsenters,        Foreign::kRefused},
    {"POST",   "/api/v1/invitations/{token}/decline",                    kConsenters,        Foreign::kRefused},

    // Admin Center: the tenant, its domains, directory, groups, seats and installs.
    {"GET",    "/api/v1/tenant",                                         kTenantStaff,       Foreign::kOwnOnly},
    {"GET",    "/api/v1/tenant/domains",                                 kTenantReaders,     Foreign::kOwnOnly},
    {"POST",   "/api/v1/tenant/domains",                                 kTenantGlobalAdmin, Foreign::kNone},
    {"POST",   "/api/v1/tenant/domains/{domain}/verify",                 kTenantGlobalAdmin, Foreign::kNotFound},
    {"DELETE", "/api/v1/tenant/domains/{domain}",                        kTenantGlobalAdmin, Foreign::kNotFound},
    {"GET",    "/api/v1/tenant/users",                                   kTenantReaders,     Foreign::kOwnOnly},
    {"POST",   "/api/v1/tenant/users",                                   kAssigners,         Foreign::kNone},
    {"POST",   "/api/v1/tenant/users/import",                            kAssigners,         Foreign::kNone},
    {"GET",    "/api/v1/tenant/groups",                                  kTenantReaders,     Foreign::kOwnOnly},
    {"POST",   "/api/v1/tenant/groups",                                  kAssigners,         Foreign::kNone},
    {"GET",    "/api/v1/tenant/groups/{group_id}",                       kTenantReaders,     Foreign::kNotFound},
    {"DELETE", "/api/v1/tenant/groups/{group_id}",                       kAssigners,         Foreign::kNotFound},
    {"POST",   "/api/v1/tenant/groups/{group_id}/members",               kAssigners,         Foreign::kNotFound},
    {"DELETE", "/api/v1/tenant/groups/{group_id}/members/{upn}",         kAssigners,         Foreign::kNotFound},
    {"GET",    "/api/v1/tenant/licenses",                                kTenantReaders,     Foreign::kOwnOnly},
    {"GET",    "/api/v1/tenant/licenses/{service_id}/assignments",       kTenantReaders,     Foreign::kNotFound},
    {"POST",   "/api/v1/tenant/licenses/{service_id}/assignments",       kAssigners,         Foreign::kNotFound},
    {"DELETE", "/api/v1/tenant/licenses/{service_id}/assignments/{upn}", kAssigners,         Foreign::kNotFound},
    {"DELETE", "/api/v1/tenant/licenses/{service_id}/groups/{group_id}", kAssigners,         Foreign::kNotFound},
    {"GET",    "/api/v1/tenant/installations",                           kTenantReaders,     Foreign::kOwnOnly},
    {"POST",   "/api/v1/tenant/installations",                           kConsenters,        Foreign::kNone},
    {"POST",   "/api/v1/tenant/trials",                                  kConsenters,        Foreign::kNone},

    // Webhooks (issue 15): each account's global admin, for its own endpoints; the event types for anyone signed in.
    {"GET",   "/api/v1/webhooks",                                        kPublisherGlobalAdmin, Foreign::kOwnOnly},
    {"POST",  "/api/v1/webhooks",                                        kPublisherGlobalAdmin, Foreign::kNone},
    {"GET",   "/api/v1/webhooks/{webhook_id}",                           kPublisherGlobalAdmin, Foreign::kNotFound},
    {"PATCH", "/api/v1/webhooks/{webhook_id}",                           kPublisherGlobalAdmin, Foreign::kNotFound},
    {"DELETE", "/api/v1/webhooks/{webhook_id}",                           kPublisherGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/webhooks/{webhook_id}/rotate-secret",             kPublisherGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/webhooks/{webhook_id}/test",                      kPublisherGlobalAdmin, Foreign::kNotFound},
    {"GET",   "/api/v1/webhooks/{webhook_id}/deliveries",                kPublisherGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", kPublisherGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/webhooks/{webhook_id}/replay",                    kPublisherGlobalAdmin, Foreign::kNotFound},
    {"GET",   "/api/v1/tenant/webhooks",                                 kTenantGlobalAdmin, Foreign::kOwnOnly},
    {"POST",  "/api/v1/tenant/webhooks",                                 kTenantGlobalAdmin, Foreign::kNone},
    {"GET",   "/api/v1/tenant/webhooks/{webhook_id}",                    kTenantGlobalAdmin, Foreign::kNotFound},
    {"PATCH", "/api/v1/tenant/webhooks/{webhook_id}",                    kTenantGlobalAdmin, Foreign::kNotFound},
    {"DELETE", "/api/v1/tenant/webhooks/{webhook_id}",                    kTenantGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/tenant/webhooks/{webhook_id}/rotate-secret",      kTenantGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/tenant/webhooks/{webhook_id}/test",               kTenantGlobalAdmin, Foreign::kNotFound},
    {"GET",   "/api/v1/tenant/webhooks/{webhook_id}/deliveries",         kTenantGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/tenant/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", kTenantGlobalAdmin, Foreign::kNotFound},
    {"POST",  "/api/v1/tenant/webhooks/{webhook_id}/replay",             kTenantGlobalAdmin, Foreign::kNotFound},
    {"GET",    "/api/v1/event-types",                                    kSignedIn,          Foreign::kNone},
    // Usage and seat activity (issue 15): reports scoped to the caller's publisher or tenant; reclaim like assigning.
    {"GET",    "/api/v1/usage",                                          kLicensing,         Foreign::kOwnOnly},
    {"GET",    "/api/v1/usage.csv",                                      kLicensing,         Foreign::kOwnOnly},
    {"GET",    "/api/v1/tenant/usage",                                   kTenantReaders,     Foreign::kOwnOnly},
    {"GET",    "/api/v1/tenant/usage.csv",                               kTenantReaders,     Foreign::kOwnOnly},
    {"POST",   "/api/v1/tenant/licenses/{service_id}/reclaim",           kAssigners,         Foreign::kNotFound},
};
// clang-format on

std::string route_key(std::string_view method, std::string_view pattern) {
    return std::string(method) + " " + std::string(pattern);
}

// ---------------------------------------------------------------------------------------------------------------
// The worlds.

enum class Kind { kPublisher, kTenant };

HttpResponse set_up(HttpResponse r, long status, const std::string& what) {
    if (r.status != status) {
        throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " + std::to_string(r.status) +
                                 " " + r.body.substr(0, 500));
    }
    return r;
}

struct Names {
    std::string publisher;  // the publisher's ID
    std::string offer;      // its live, license-managed offer, with plans `basic` and `premium`
    std::string basic;
    std::string premium;
    std::string tenant;  // its customer tenant's name, and the tenant's verified domain
    std::string domain;
    std::string prefix;  // starts every other name the world makes, so that the two worlds' never collide
};

// Every object a world makes (World::make).
// clang-format off
constexpr std::string_view kObjects[] = {
    "offer_id", "plan_id", "product", "draft_offer", "fresh_offer", "lead", "reset_token",
    "deal_id", "service_id", "premium_license", "suspended_license", "termed_license", "open_deal", "invitation",
    "public_invitation",
    "seat_holder", "seat", "group_id", "spare_group", "group_member", "assigned_group", "installation",
    "domain", "pending_domain",
    "publisher_user", "publisher_user_victim", "publisher_key_victim",
    "tenant_user", "tenant_user_victim", "tenant_key_victim",
    "publisher_webhook", "tenant_webhook", "publisher_delivery_webhook", "tenant_delivery_webhook",
    "publisher_delivery", "tenant_delivery",
};
// clang-format on

// A publisher and its customer tenant, with the objects routes address, made on first use (get) through the API
// by the publisher's and the tenant's global admin (API keys), and made again after a call used one up (spend).
class World {
public:
    World(TestServer& server, Names names, int& serial)
        : server_(server),
          n_(std::move(names)),
          serial_(serial),
          publisher_(server.base()),
          tenant_(server.base()),
          anonymous_(server.base()) {
        auto& services = server_.app().services();
        server_.create_publisher(n_.publisher);
        auto publisher_key =
            service::create_api_key(services, service::system_principal(n_.publisher), {"global_admin", "set-up"});
        if (!publisher_key.ok()) throw std::runtime_error(publisher_key.status().message());
        publisher_.use_api_key(publisher_key->key);
        auto tenant = service::create_tenant(
            services, {n_.tenant, {n_.domain}, tenant_admin_email(), tenant_admin_password(), n_.tenant + " Admin"});
        if (!tenant.ok()) throw std::runtime_error(tenant.status().message());
        tenant_id_ = tenant->id;
        auto tenant_key =
            service::create_api_key(services, service::tenant_system_principal(tenant_id_), {"global_admin", "set-up"});
        if (!tenant_key.ok()) throw std::runtime_error(tenant_key.status().message());
        tenant_.use_api_key(tenant_key->key);
    }

    // Every object there is, so that each list has something of this world to leak.
    void populate() {
        for (const std::string_view object : kObjects) {
            get(std::string(object));
        }
    }

    const std::string& get(const std::string& object) {
        if (const auto it = made_.find(object); it != made_.end()) return it->second;
        std::string made = make(object);
        return made_[object] = std::move(made);
    }
    // A call used the object up: the next get() makes another.
    void spend(const std::string& object) { made_.erase(object); }

    // This world's publisher sells to `customer`'s tenant too: a consented deal for the premium plan, a seat that
    // only this publisher licenses, an install of its offer. The customer's other publisher must see none of it.
    void sell_to(World& customer) {
        const std::string premium = service_id(n_.premium);
        const std::string deal = make_deal(&customer, {n_.premium});
        set_up(publisher_.patch("/api/v1/deals/" + deal, {{"state", "in_progress"}}), 200, "shared deal in progress");
        const std::string token = invite(deal, customer.tenant_admin_email());
        set_up(customer.tenant().post("/api/v1/invitations/" + token + "/accept"), 200, "consent to the shared deal");
        set_up(publisher_.request("PUT", "/api/v1/deals/" + deal + "/licenses/" + n_.premium, R"({"quantity":10})"),
               200, "licenses of the shared deal");
        const std::string seat = customer.unique("shared-seat") + "@" + customer.n_.domain;
        set_up(customer.tenant().post("/api/v1/tenant/licenses/" + premium + "/assignments",
                                      {{"users", bj::array{bj::value(seat)}}}),
               200, "the shared customer's seat");
        const std::string installation =
            set_up(customer.tenant().post("/api/v1/tenant/installations",
                                          {{"offer", get("product")}, {"environment", "Production"}}),
                   201, "the shared customer's install")
                .str("id");
        shared_ = Shared{customer.tenant_id_, seat, premium, {deal, installation}};
    }

    // The runtime question about a seat of this world's publisher: of the customer it shares with the other world
    // when there is one, of its own tenant otherwise.
    [[nodiscard]] bj::object runtime_question() {
        if (shared_) {
            return {{"tenant", shared_->tenant_id}, {"user", shared_->seat}, {"service_id", shared_->service_id}};
        }
        return {{"tenant", tenant_id_}, {"user", get("seat_holder")}, {"service_id", get("service_id")}};
    }

    // What an account of the other world, of kind `viewer`, must never be answered: this world's IDs, names and
    // domain; but for a tenant that is this publisher's customer too, not the catalog it buys (publisher, offer,
    // plan), and for that tenant's other publisher, also what was sold to their shared customer. Lowercase.
    [[nodiscard]] std::set<std::string> markers(Kind viewer) const {
        std::set<std::string> out{n_.publisher, n_.domain.substr(0, n_.domain.find('.')), tenant_id_};
        for (const auto& [object, value] : made_) out.insert(value);
        if (shared_ && viewer == Kind::kTenant) {
            for (const auto& bought : {n_.publisher, n_.offer, n_.publisher + "." + n_.offer, n_.premium}) {
                out.erase(bought);
            }
        }
        if (shared_ && viewer == Kind::kPublisher) {
            out.insert(shared_->seat);
            out.insert(shared_->private_ids.begin(), shared_->private_ids.end());
        }
        std::set<std::string> lower;
        for (std::string m : out) {
            std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::tolower(c); });
            lower.insert(std::move(m));
        }
        return lower;
    }

    std::string unique(std::string_view what) { return n_.prefix + "-" + std::string(what) + "-" + next(); }
    std::string next() { return std::to_string(++serial_); }

    [[nodiscard]] const Names& names() const { return n_; }
    [[nodiscard]] const std::string& tenant_id() const { return tenant_id_; }
    [[nodiscard]] std::string publisher_admin_email() const { return "admin@" + n_.publisher + ".example"; }
    [[nodiscard]] std::string publisher_admin_password() const { return "password-" + n_.publisher + "-1"; }
    [[nodiscard]] std::string tenant_admin_email() const { return "admin@" + n_.domain; }
    [[nodiscard]] std::string tenant_admin_password() const { return "password-" + n_.prefix + "-tenant-1"; }
    [[nodiscard]] std::string service_id(const std::string& plan) const {
        return n_.publisher + "." + n_.offer + "." + plan;
    }
    Client& publisher() { return publisher_; }
    Client& tenant() { return tenant_; }

private:
    std::string make(const std::string& object) {
        const std::string& pub = n_.publisher;
        if (object == "offer_id") return make_live_offer();
        if (object == "plan_id") {
            get("offer_id");
            return n_.basic;
        }
        if (object == "product") return pub + "." + get("offer_id");
        if (object == "draft_offer") return make_offer(n_.offer + "-draft", true);
        if (object == "fresh_offer") return make_offer(unique("offer"), false);
        if (object == "deal_id") return make_consented_deal();
        if (object == "service_id") {
            get("deal_id");  // the tenant's licenses of basic
            return service_id(n_.basic);
        }
        if (object == "premium_license" || object == "suspended_license" || object == "termed_license") {
            // The deal's premium licenses, in force and not suspended (an earlier route may have left them so).
            const std::string license = "/api/v1/deals/" + get("deal_id") + "/licenses/" + n_.premium;
            const bj::value term = object == "termed_license"
                                       ? bj::value(bj::object{{"start_date", day(-1)}, {"end_date", day(30)}})
                                       : bj::value(nullptr);
            set_up(publisher_.request("PUT", license, bj::serialize(bj::object{{"quantity", 5}, {"term", term}})), 200,
                   "premium licenses");
            const auto reinstated = publisher_.post(license + "/reinstate");
            if (reinstated.status != 200 && reinstated.status != 409) set_up(reinstated, 200, "reinstate premium");
            if (object == "suspended_license") {
                set_up(publisher_.post(license + "/suspend", {{"reason", "unpaid"}}), 200, "suspend premium");
            }
            return n_.premium;
        }
        if (object == "open_deal") return make_deal();
        if (object == "invitation" || object == "public_invitation") return invite(make_deal(), tenant_admin_email());
        if (object == "seat_holder" || object == "seat") {
            std::string upn = unique("seat") + "@" + n_.domain;
            set_up(tenant_.post("/api/v1/tenant/licenses/" + get("service_id") + "/assignments",
                                {{"users", bj::array{bj::value(upn)}}}),
                   200, "assign " + upn);
            return upn;
        }
        if (object == "group_id" || object == "spare_group") {
            return set_up(tenant_.post(
                              "/api/v1/tenant/groups",
                              {{"name", unique("group")}, {"members", bj::array{unique("member") + "@" + n_.domain}}}),
                          201, "group")
                .str("id");
        }
        if (object == "group_member") {
            std::string upn = unique("member") + "@" + n_.domain;
            set_up(tenant_.post("/api/v1/tenant/groups/" + get("group_id") + "/members",
                                {{"members", bj::array{bj::value(upn)}}}),
                   200, "group member " + upn);
            return upn;
        }
        if (object == "assigned_group") {
            std::string id =
                set_up(tenant_.post("/api/v1/tenant/groups", {{"name", unique("group")}}), 201, "group").str("id");
            set_up(tenant_.post("/api/v1/tenant/licenses/" + get("service_id") + "/assignments",
                                {{"groups", bj::array{bj::value(id)}}}),
                   200, "assign group " + id);
            return id;
        }
        if (object == "domain") return n_.domain;  // verified when the tenant was made
        if (object == "pending_domain") {
            std::string domain = unique("pending") + "." + n_.domain;
            set_up(tenant_.post("/api/v1/tenant/domains", {{"domain", domain}}), 201, "domain " + domain);
            return domain;
        }
        if (object == "publisher_user" || object == "publisher_user_victim") {
            return make_user(publisher_, unique("user") + "@" + pub + ".example", "viewer");
        }
        if (object == "tenant_user" || object == "tenant_user_victim") {
            return make_user(tenant_, unique("user") + "@" + n_.domain, "user");
        }
        if (object == "publisher_key_victim" || object == "tenant_key_victim") {
            Client& admin = object == "tenant_key_victim" ? tenant_ : publisher_;
            const std::string role = object == "tenant_key_victim" ? "user" : "viewer";
            return set_up(admin.post("/api/v1/api-keys", {{"role", role}, {"name", unique("key")}}), 201, "API key")
                .str("id");
        }
        if (object == "lead") {
            return set_up(anonymous_.post("/api/v1/marketplace/offers/" + get("product") + "/leads",
                                          {{"name", "Lee Lead"}, {"email", unique("lead") + "@" + n_.domain}}),
                          201, "lead")
                .str("id");
        }
        if (object == "installation") {
            get("deal_id");  // the tenant needs licenses to install a license-managed offer
            return set_up(tenant_.post("/api/v1/tenant/installations",
                                       {{"offer", get("product")}, {"environment", "Production"}}),
                          201, "installation")
                .str("id");
        }
        if (object == "reset_token") return make_reset_token();
        if (object == "publisher_webhook" || object == "tenant_webhook" || object == "publisher_delivery_webhook" ||
            object == "tenant_delivery_webhook") {
            // Disabled at once: its deliveries are never attempted, so none is ever in flight when a route asks.
            // The endpoint of the deliveries is another than the one DELETE spends.
            const bool tenant = object.starts_with("tenant_");
            Client& admin = tenant ? tenant_ : publisher_;
            const std::string base = tenant ? "/api/v1/tenant/webhooks" : "/api/v1/webhooks";
            std::string id = set_up(admin.post(base, {{"url", "https://hooks.example.invalid/" + unique("hook")},
                                                      {"events", bj::array{bj::value("*")}}}),
                                    201, "webhook")
                                 .str("id");
            set_up(admin.patch(base + "/" + id, {{"enabled", false}}), 200, "disable webhook");
            return id;
        }
        if (object == "publisher_delivery" || object == "tenant_delivery") {
            const bool tenant = object == "tenant_delivery";
            Client& admin = tenant ? tenant_ : publisher_;
            const std::string base = tenant ? "/api/v1/tenant/webhooks/" : "/api/v1/webhooks/";
            return set_up(admin.post(base + get(tenant ? "tenant_delivery_webhook" : "publisher_delivery_webhook") +
                                     "/test"),
                          202, "test event")
                .str("id");
        }
        throw std::runtime_error("the matrix has no object '" + object + "'");
    }

    // A license-managed offer with plans basic and premium, reviewed and live.
    std::string make_live_offer() {
        const std::string& id = n_.offer;
        make_offer(id, false);
        set_up(publisher_.patch(
                   "/api/v1/offers/" + id,
                   {{"licensing", {{"license_management", true}}},
                    {"listing", {{"name", n_.publisher + " CRM"}, {"summary", "CRM"}, {"description", "All."}}}}),
               200, "listing of " + id);
        for (const std::string& plan : {n_.basic, n_.premium}) {
            set_up(publisher_.post("/api/v1/offers/" + id + "/plans",
                                   {{"id", plan}, {"name", "Plan " + plan}, {"description", "Everything."}}),
                   201, "plan " + plan);
        }
        set_up(publisher_.put_bytes("/api/v1/offers/" + id + "/package",
                                    good_package(n_.publisher, {service_id(n_.basic), service_id(n_.premium)})),
               200, "package of " + id);
        set_up(publisher_.post("/api/v1/offers/" + id + "/publish"), 202, "publish " + id);
        wait_for_offer_state(publisher_, id, "preview");
        set_up(publisher_.post("/api/v1/offers/" + id + "/go-live"), 202, "go live " + id);
        wait_for_offer_state(publisher_, id, "live");
        return id;
    }

    std::string make_offer(const std::string& id, bool with_plan) {
        set_up(publisher_.post("/api/v1/offers", {{"id", id}, {"alias", id}, {"type", kOfferType}}), 201,
               "offer " + id);
        if (with_plan) {
            set_up(publisher_.post("/api/v1/offers/" + id + "/plans", {{"id", n_.basic}, {"name", "Basic"}}), 201,
                   "plan of " + id);
        }
        return id;
    }

    // A deal with this world's tenant, or with `customer`'s for `plans`.
    std::string make_deal(const World* customer = nullptr, const std::vector<std::string>& plans = {}) {
        const World& c = customer != nullptr ? *customer : *this;
        bj::array plan_ids;
        for (const auto& plan : plans.empty() ? std::vector<std::string>{n_.basic, n_.premium} : plans) {
            plan_ids.emplace_back(plan);
        }
        return set_up(
                   publisher_.post(
                       "/api/v1/deals",
                       {{"customer",
                         {{"name", c.n_.tenant}, {"domain", c.n_.domain}, {"contact_email", c.tenant_admin_email()}}},
                        {"offer_id", get("offer_id")},
                        {"plan_ids", std::move(plan_ids)},
                        {"seats", 50},
                        {"value", 5000},
                        {"close_date", "2030-12-31"}}),
                   201, "deal")
            .str("id");
    }

    // The invitation's token, from its link.
    std::string invite(const std::string& deal_id, const std::string& email) {
        const std::string url =
            set_up(publisher_.post("/api/v1/deals/" + deal_id + "/invitations", {{"email", email}}), 201, "invitation")
                .str("invitation_url");
        return url.substr(url.rfind('/') + 1);
    }

    // In progress, consented to by the tenant, with 100 licenses of basic.
    std::string make_consented_deal() {
        std::string id = make_deal();
        set_up(publisher_.patch("/api/v1/deals/" + id, {{"state", "in_progress"}}), 200, "deal in progress");
        set_up(tenant_.post("/api/v1/invitations/" + invite(id, tenant_admin_email()) + "/accept"), 200, "consent");
        set_up(publisher_.request("PUT", "/api/v1/deals/" + id + "/licenses/" + n_.basic, R"({"quantity":100})"), 200,
               "basic licenses");
        return id;
    }

    static std::string make_user(Client& admin, const std::string& email, const std::string& role) {
        return set_up(admin.post("/api/v1/users", {{"email", email}, {"password", kPassword}, {"role", role}}), 201,
                      "user " + email)
            .str("id");
    }

    // A password reset link's token, for a user made for it, read from the mail outbox.
    std::string make_reset_token() {
        const std::string email = unique("reset") + "@" + n_.publisher + ".example";
        make_user(publisher_, email, "viewer");
        set_up(anonymous_.post("/api/v1/auth/password-reset", {{"email", email}}), 202, "password reset");
        const auto body = store::in_transaction(
            server_.app().services().store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::string> {
                const auto row = tx.query_one("SELECT body FROM mails WHERE to_address = ?", {email});
                return row ? row->text(0) : std::string();
            });
        std::smatch m;
        const std::string text = body.ok() ? *body : std::string();
        if (!std::regex_search(text, m, std::regex(R"(/password-reset/([A-Za-z0-9_.-]+))"))) {
            throw std::runtime_error("no password reset link mailed to " + email);
        }
        return m[1].str();
    }

    TestServer& server_;
    Names n_;
    int& serial_;
    Client publisher_;  // the publisher's global admin (an API key)
    Client tenant_;     // the tenant's global admin (an API key)
    Client anonymous_;
    std::string tenant_id_;
    std::map<std::string, std::string> made_;
    struct Shared {
        std::string tenant_id;                 // the customer's
        std::string seat;                      // its user who holds only this publisher's license
        std::string service_id;                // of that license
        std::vector<std::string> private_ids;  // the deal and the install: between the two of them
    };
    std::optional<Shared> shared_;
};

// ---------------------------------------------------------------------------------------------------------------
// How each route is called.

struct Call {
    std::string path;
    std::string body;
    std::string content_type;
};

using BodyOf = std::function<std::string(World&, Kind)>;
using QueryOf = std::function<std::string(World&)>;

struct Recipe {
    // Path parameter → the world's object that fills it; "{kind}" in a name stands for "publisher" or "tenant",
    // the caller's kind. A parameter not named here takes the object of its own name.
    std::map<std::string, std::string> objects = {};
    BodyOf body = {};
    QueryOf query = {};
    std::string content_type = "application/json";
    bool spends = false;        // a 2xx answer used the objects up: the world makes new ones
    bool ends_session = false;  // a signed-in caller is signed out by it and signs in again
};

BodyOf json_body(bj::object body) {
    return [body = std::move(body)](World&, Kind) { return bj::serialize(body); };
}

std::string url_encode(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += '%';
            out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
            out += kHex[static_cast<unsigned char>(c) & 0xF];
        }
    }
    return out;
}

std::string runtime_query(World& w) {
    const bj::object q = w.runtime_question();
    return "?tenant=" + url_encode(q.at("tenant").as_string()) + "&user=" + url_encode(q.at("user").as_string()) +
           "&service_id=" + url_encode(q.at("service_id").as_string());
}

// The requests the route table needs beyond its defaults (objects by parameter name, no body).
std::map<std::string, Recipe> recipes() {
    std::map<std::string, Recipe> r;
    // Public.
    r["POST /api/v1/marketplace/offers/{product}/leads"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"name", "Lee Lead"}, {"email", w.unique("lead") + "@example.com"}});
    };
    r["POST /api/v1/auth/login"].body = [](World& w, Kind) {
        return bj::serialize(
            bj::object{{"email", w.publisher_admin_email()}, {"password", w.publisher_admin_password()}});
    };
    r["POST /api/v1/auth/logout"].ends_session = true;
    r["POST /api/v1/auth/password-reset"].body = json_body({{"email", "nobody@example.com"}});
    r["POST /api/v1/auth/password-reset/{token}"] = {.objects = {{"token", "reset_token"}},
                                                     .body = json_body({{"new_password", kPassword}})};
    r["GET /api/v1/invitations/{token}"].objects = {{"token", "public_invitation"}};
    r["POST /api/v1/invitations/{token}/signup-code"].objects = {{"token", "public_invitation"}};
    // No code: refused before anything is made (field `code`).
    r["POST /api/v1/invitations/{token}/signup"] = {
        .objects = {{"token", "public_invitation"}},
        .body = json_body({{"tenant_name", "Newcomer"}, {"name", "New Admin"}, {"password", kPassword}})};

    // Accounts. A wrong current password: refused after the role check, and nothing changes.
    r["POST /api/v1/auth/password"].body =
        json_body({{"current_password", "not-the-password"}, {"new_password", "a-new-password-1"}});
    r["POST /api/v1/users"].body = [](World& w, Kind kind) {
        const bool tenant = kind == Kind::kTenant;
        return bj::serialize(bj::object{
            {"email", w.unique("user") + "@" + (tenant ? w.names().domain : w.names().publisher + ".example")},
            {"password", kPassword},
            {"role", tenant ? "user" : "viewer"}});
    };
    r["PATCH /api/v1/users/{user_id}"] = {.objects = {{"user_id", "{kind}_user"}},
                                          .body = json_body({{"name", "Renamed"}})};
    r["DELETE /api/v1/users/{user_id}"] = {.objects = {{"user_id", "{kind}_user_victim"}}, .spends = true};
    r["POST /api/v1/api-keys"].body = [](World& w, Kind kind) {
        return bj::serialize(
            bj::object{{"role", kind == Kind::kTenant ? "user" : "viewer"}, {"name", w.unique("key")}});
    };
    r["DELETE /api/v1/api-keys/{key_id}"] = {.objects = {{"key_id", "{kind}_key_victim"}}, .spends = true};

    // Webhooks: a publisher's routes address the publisher's endpoint, a tenant's the tenant's.
    for (const std::string kind : {"publisher", "tenant"}) {
        const std::string base = kind == "tenant" ? "/api/v1/tenant/webhooks" : "/api/v1/webhooks";
        const std::string webhook = kind + "_webhook";
        r["POST " + base].body = [](World& w, Kind) {
            return bj::serialize(bj::object{{"url", "https://hooks.example.invalid/" + w.unique("new")},
                                            {"events", bj::array{bj::value("seat.*")}}});
        };
        r["GET " + base + "/{webhook_id}"].objects = {{"webhook_id", webhook}};
        r["PATCH " + base + "/{webhook_id}"] = {.objects = {{"webhook_id", webhook}},
                                                .body = json_body({{"description", "Changed by the matrix"}})};
        r["DELETE " + base + "/{webhook_id}"] = {.objects = {{"webhook_id", webhook}}, .spends = true};
        r["POST " + base + "/{webhook_id}/rotate-secret"].objects = {{"webhook_id", webhook}};
        r["POST " + base + "/{webhook_id}/test"].objects = {{"webhook_id", webhook}};
        r["GET " + base + "/{webhook_id}/deliveries"].objects = {{"webhook_id", webhook}};
        r["POST " + base + "/{webhook_id}/deliveries/{delivery_id}/redeliver"].objects = {
            {"webhook_id", kind + "_delivery_webhook"}, {"delivery_id", kind + "_delivery"}};
        r["POST " + base + "/{webhook_id}/replay"] = {.objects = {{"webhook_id", webhook}},
                                                      .body = json_body({{"after", "0"}})};
    }

    // Offers: changes go to a draft offer; publishing takes a new one each time; the live offer can't go live again
    // (409), which is as far as a cheap request gets.
    r["POST /api/v1/offers"].body = [](World& w, Kind) {
        const std::string id = w.unique("offer");
        return bj::serialize(bj::object{{"id", id}, {"alias", id}, {"type", kOfferType}});
    };
    r["PATCH /api/v1/offers/{offer_id}"] = {.objects = {{"offer_id", "draft_offer"}},
                                            .body = json_body({{"listing", {{"summary", "Changed by the matrix"}}}})};
    r["PUT /api/v1/offers/{offer_id}/package"] = {
        .objects = {{"offer_id", "draft_offer"}},
        .body = [](World& w, Kind) { return good_package(w.names().publisher, {}); },
        .content_type = "application/zip"};
    r["POST /api/v1/offers/{offer_id}/publish"] = {.objects = {{"offer_id", "fresh_offer"}}, .spends = true};
    const BodyOf new_plan = [](World& w, Kind) {
        return bj::serialize(bj::object{{"id", w.unique("plan")}, {"name", "New plan"}});
    };
    r["POST /api/v1/offers/{offer_id}/plans"] = {.objects = {{"offer_id", "draft_offer"}}, .body = new_plan};
    r["PATCH /api/v1/offers/{offer_id}/plans/{plan_id}"] = {
        .objects = {{"offer_id", "draft_offer"}}, .body = json_body({{"description", "Changed by the matrix"}})};
    r["POST /api/v1/offers/{offer_id}/plans/{plan_id}/copy"] = {.objects = {{"offer_id", "draft_offer"}},
                                                                .body = new_plan};

    // Deals and licenses.
    r["POST /api/v1/deals"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{
            {"customer",
             {{"name", "Prospect"}, {"domain", "prospect.example"}, {"contact_email", "it@prospect.example"}}},
            {"offer_id", w.get("offer_id")},
            {"plan_ids", bj::array{bj::value(w.names().basic)}},
            {"seats", 10},
            {"value", 1000},
            {"close_date", "2030-12-31"}});
    };
    r["PATCH /api/v1/deals/{deal_id}"].body = json_body({{"seats", 60}});
    r["POST /api/v1/deals/{deal_id}/invitations"] = {
        .objects = {{"deal_id", "open_deal"}}, .body = [](World& w, Kind) {
            return bj::serialize(bj::object{{"email", w.tenant_admin_email()}});
        }};
    r["PUT /api/v1/deals/{deal_id}/licenses/{plan_id}"].body = json_body({{"quantity", 100}});
    r["DELETE /api/v1/deals/{deal_id}/licenses/{plan_id}"] = {.objects = {{"plan_id", "premium_license"}},
                                                              .spends = true};
    r["POST /api/v1/deals/{deal_id}/licenses/{plan_id}/suspend"] = {
        .objects = {{"plan_id", "premium_license"}}, .body = json_body({{"reason", "unpaid"}}), .spends = true};
    r["POST /api/v1/deals/{deal_id}/licenses/{plan_id}/reinstate"] = {.objects = {{"plan_id", "suspended_license"}},
                                                                      .spends = true};
    r["POST /api/v1/deals/{deal_id}/licenses/{plan_id}/renew"] = {
        .objects = {{"plan_id", "termed_license"}},
        .body =
            [](World&, Kind) {
                return bj::serialize(bj::object{{"end_date", day(400)}});
            },
        .spends = true};

    // The runtime: a seat of the world's publisher; the other world's is one of the customer both publishers share.
    r["GET /api/v1/check"].query = runtime_query;
    r["POST /api/v1/check"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"checks", bj::array{w.runtime_question()}}});
    };
    r["POST /api/v1/tokens"].body = [](World& w, Kind) { return bj::serialize(w.runtime_question()); };

    // Consent: each answer takes a new invitation.
    r["POST /api/v1/invitations/{token}/accept"] = {.objects = {{"token", "invitation"}}, .spends = true};
    r["POST /api/v1/invitations/{token}/decline"] = {.objects = {{"token", "invitation"}}, .spends = true};

    // Admin Center.
    r["POST /api/v1/tenant/domains"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"domain", w.unique("added") + "." + w.names().domain}});
    };
    r["DELETE /api/v1/tenant/domains/{domain}"] = {.objects = {{"domain", "pending_domain"}}, .spends = true};
    r["POST /api/v1/tenant/users"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"upn", w.unique("person") + "@" + w.names().domain}});
    };
    r["POST /api/v1/tenant/users/import"] = {.body =
                                                 [](World& w, Kind) {
                                                     return "upn,display_name\r\n" + w.unique("imported") + "@" +
                                                            w.names().domain + ",Im Ported\r\n";
                                                 },
                                             .content_type = "text/csv"};
    r["POST /api/v1/tenant/groups"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"name", w.unique("group")}});
    };
    r["DELETE /api/v1/tenant/groups/{group_id}"] = {.objects = {{"group_id", "spare_group"}}, .spends = true};
    r["POST /api/v1/tenant/groups/{group_id}/members"].body = [](World& w, Kind) {
        return bj::serialize(
            bj::object{{"members", bj::array{bj::value(w.unique("member") + "@" + w.names().domain)}}});
    };
    r["DELETE /api/v1/tenant/groups/{group_id}/members/{upn}"] = {.objects = {{"upn", "group_member"}}, .spends = true};
    r["POST /api/v1/tenant/licenses/{service_id}/assignments"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"users", bj::array{bj::value(w.unique("seat") + "@" + w.names().domain)}}});
    };
    r["DELETE /api/v1/tenant/licenses/{service_id}/assignments/{upn}"] = {.objects = {{"upn", "seat"}}, .spends = true};
    r["DELETE /api/v1/tenant/licenses/{service_id}/groups/{group_id}"] = {.objects = {{"group_id", "assigned_group"}},
                                                                          .spends = true};
    r["POST /api/v1/tenant/installations"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"offer", w.get("product")}, {"environment", w.unique("environment")}});
    };
    // The world's plans offer no trial: a role that passes gets 409 no_trial.
    r["POST /api/v1/tenant/trials"].body = [](World& w, Kind) {
        return bj::serialize(bj::object{{"offer", w.get("product")}, {"plan_id", "basic"}});
    };
    // A dry run: the seats the cells assign stay for the cells after.
    r["POST /api/v1/tenant/licenses/{service_id}/reclaim"].body = json_body({{"inactive_days", 30}, {"dry_run", true}});
    return r;
}

// Parameters that name no object of a world: the web UI's file and client-side path.
const std::map<std::string, std::string> kFixedParameters = {{"file", "matrix.js"}, {"path...", "overview"}};

// The object names a call of `recipe` uses, per path parameter of `pattern`.
std::map<std::string, std::string> objects_of(const Recipe& recipe, std::string_view pattern, Kind kind) {
    std::map<std::string, std::string> out;
    std::size_t open = pattern.find('{');
    while (open != std::string_view::npos) {
        const std::size_t close = pattern.find('}', open);
        const std::string param(pattern.substr(open + 1, close - open - 1));
        if (!kFixedParameters.contains(param)) {
            const auto it = recipe.objects.find(param);
            std::string object = it == recipe.objects.end() ? param : it->second;
            if (const auto at = object.find("{kind}"); at != std::string::npos) {
                object.replace(at, 6, kind == Kind::kTenant ? "tenant" : "publisher");
            }
            out[param] = object;
        }
        open = pattern.find('{', close);
    }
    return out;
}

Call make_call(const Recipe& recipe, std::string_view pattern, World& world, Kind kind, bool list) {
    const auto objects = objects_of(recipe, pattern, kind);
    Call call;
    std::size_t at = 0;
    while (at < pattern.size()) {
        const std::size_t open = pattern.find('{', at);
        if (open == std::string_view::npos) {
            call.path.append(pattern.substr(at));
            break;
        }
        const std::size_t close = pattern.find('}', open);
        call.path.append(pattern.substr(at, open - at));
        const std::string param(pattern.substr(open + 1, close - open - 1));
        const auto fixed = kFixedParameters.find(param);
        call.path += fixed != kFixedParameters.end() ? fixed->second : url_encode(world.get(objects.at(param)));
        at = close + 1;
    }
    if (recipe.query) {
        call.path += recipe.query(world);
    } else if (list) {
        call.path += "?limit=1000";  // the whole list, for the leak check
    }
    if (recipe.body) call.body = recipe.body(world, kind);
    call.content_type = recipe.content_type;
    return call;
}

// ---------------------------------------------------------------------------------------------------------------
// The principals and the judging of answers.

// How a principal proves who it is.
enum class Credential {
    kNone,           // anonymous
    kSession,        // a session cookie, and its CSRF token on writes
    kSessionNoCsrf,  // a live session cookie without the CSRF token, as a forged cross-site request sends it
    kEndedSession,   // the cookie of a session that was signed out
    kApiKey,
    kRevokedKey,
};

struct Principal {
    Role role;
    std::string_view role_name;
    bool tenant = false;
    Credential credential = Credential::kNone;
    std::string email;  // a session's, to sign in again after signing out
    std::unique_ptr<Client> client;

    [[nodiscard]] std::string label() const {
        if (role == Role::kAnonymous) return "anonymous";
        std::string how;
        switch (credential) {
            case Credential::kNone:
                break;
            case Credential::kSession:
                how = " (session)";
                break;
            case Credential::kSessionNoCsrf:
                how = " (session, no CSRF token)";
                break;
            case Credential::kEndedSession:
                how = " (signed-out session)";
                break;
            case Credential::kApiKey:
                how = " (API key)";
                break;
            case Credential::kRevokedKey:
                how = " (revoked API key)";
                break;
        }
        return std::string(tenant ? "tenant " : "publisher ") + std::string(role_name) + how;
    }
    [[nodiscard]] Kind kind() const { return tenant ? Kind::kTenant : Kind::kPublisher; }
    [[nodiscard]] bool live_session() const {
        return credential == Credential::kSession || credential == Credential::kSessionNoCsrf;
    }
    // A signed-out session or a revoked key is nobody.
    [[nodiscard]] bool nobody() const {
        return credential == Credential::kNone || credential == Credential::kEndedSession ||
               credential == Credential::kRevokedKey;
    }
};

// Whose object a cell names: the caller's own; the other world's; or, for users and API keys, the own world's
// account of the other kind (a publisher's admin naming its customer tenant's user, and the reverse).
enum class Side { kOwn, kForeign, kOtherKind };

enum class Outcome { kUnauthenticated, kForbidden, kNotFound, kAllowed, kOwnOnly, kUnknownService };

std::string to_string(Outcome o) {
    switch (o) {
        case Outcome::kUnauthenticated:
            return "401";
        case Outcome::kForbidden:
            return "403";
        case Outcome::kNotFound:
            return "404";
        case Outcome::kAllowed:
            return "allowed";
        case Outcome::kOwnOnly:
            return "allowed, naming nothing of the other side";
        case Outcome::kUnknownService:
            return "unknown_service_id";
    }
    return "?";
}

Outcome expected(const Entry& entry, const Principal& p, Side side) {
    const bool open = (entry.allowed & bit(Role::kAnonymous)) != 0;
    const bool write = entry.method != "GET";
    if (p.credential == Credential::kSessionNoCsrf && write && (!open || entry.guards_session)) {
        return Outcome::kForbidden;
    }
    const Role role = p.nobody() ? Role::kAnonymous : p.role;
    if ((entry.allowed & bit(role)) == 0) {
        return role == Role::kAnonymous ? Outcome::kUnauthenticated : Outcome::kForbidden;
    }
    if (entry.sessions_only && !p.live_session()) return Outcome::kForbidden;
    if (side == Side::kOwn) return Outcome::kAllowed;
    switch (entry.foreign) {
        case Foreign::kNotFound:
            return Outcome::kNotFound;
        case Foreign::kRefused:
            return Outcome::kForbidden;
        case Foreign::kUnknownService:
            return Outcome::kUnknownService;
        case Foreign::kOwnOnly:
            return Outcome::kOwnOnly;
        case Foreign::kNone:
            break;
    }
    return Outcome::kAllowed;
}

// Past authorization: neither refused nor "not found", no rate limit, no server error.
bool passed(long status) {
    return (status >= 200 && status < 400) || status == 400 || status == 409 || status == 413 || status == 415 ||
           status == 422;
}

bool matches(Outcome outcome, const HttpResponse& r) {
    switch (outcome) {
        case Outcome::kUnauthenticated:
            return r.status == 401;
        case Outcome::kForbidden:
            return r.status == 403;
        case Outcome::kNotFound:
            return r.status == 404;
        case Outcome::kAllowed:
        case Outcome::kOwnOnly:
            return passed(r.status);
        case Outcome::kUnknownService:
            return (r.status == 200 && r.body.find("\"unknown_service_id\"") != std::string::npos &&
                    r.body.find("\"licensed\"") == std::string::npos) ||
                   (r.status == 422 && r.str("field") == "service_id");
    }
    return false;
}

// The first marker of the other side the answer names, or "".
std::string leaked(const HttpResponse& r, const std::set<std::string>& markers) {
    std::string body = r.body;
    std::transform(body.begin(), body.end(), body.begin(), [](unsigned char c) { return std::tolower(c); });
    // A marker counts as a whole token only: "whd_5" is not named by "whd_595".
    const auto is_token = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
    for (const auto& m : markers) {
        if (m.empty()) continue;
        for (auto at = body.find(m); at != std::string::npos; at = body.find(m, at + 1)) {
            const bool starts = at == 0 || !is_token(body[at - 1]);
            const bool ends = at + m.size() == body.size() || !is_token(body[at + m.size()]);
            if (starts && ends) return m;
        }
    }
    return "";
}

// ---------------------------------------------------------------------------------------------------------------
// The test.

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

class AuthorizationMatrix : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const auto started = std::chrono::steady_clock::now();
        site_ = fs::temp_directory_path() / ("seatkeeper-matrix-web-" + crypto::random_token(8));
        write_file(site_ / "index.html", "<!doctype html><title>Seatkeeper</title>");
        write_file(site_ / "assets" / "matrix.js", "console.log('matrix');");
        server_ = std::make_unique<TestServer>([](app::Config& c) {
            c.api.web_dir = site_.string();
            c.api.requests_per_second = 0;  // the harness sets these off already; the matrix depends on it
            c.api.runtime_requests_per_second = 0;
            c.api.logins_per_minute = 0;
            c.api.public_writes_per_minute = 0;
            c.settings.signup_code_interval_ms = 0;  // every principal may ask for a sign-up code
        });
        // The foreign world first: in lists ordered oldest first, its rows come before the own world's.
        foreign_ = std::make_unique<World>(
            *server_, Names{"northwind", "nwcrm", "nwbasic", "nwpremium", "Tailspin", "tailspin.example", "nw"},
            serial_);
        own_ = std::make_unique<World>(
            *server_, Names{"contoso", "crm", "basic", "premium", "Fabrikam", "fabrikam.example", "co"}, serial_);
        foreign_->populate();
        own_->populate();
        foreign_->sell_to(*own_);
        add_principals();
        std::cout << "[ matrix   ] set-up took "
                  << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";
    }

    static void TearDownTestSuite() {
        principals_.clear();
        own_.reset();
        foreign_.reset();
        server_.reset();
        std::error_code ec;
        fs::remove_all(site_, ec);
    }

    // Anonymous; every publisher and tenant role of the own world signed in (but app) and as an API key; and the
    // credentials that must count for nothing: the global admins' sessions without the CSRF token, a signed-out
    // session, a revoked key.
    static void add_principals() {
        principals_.push_back(
            {Role::kAnonymous, "", false, Credential::kNone, "", std::make_unique<Client>(server_->base())});
        for (const RoleInfo& info : kRoles) {
            Client& admin = info.tenant ? own_->tenant() : own_->publisher();
            if (info.signs_in) {
                std::string email;
                if (info.name == "global_admin") {
                    email = info.tenant ? own_->tenant_admin_email() : own_->publisher_admin_email();
                } else {
                    email = std::string(info.name) + "@" +
                            (info.tenant ? own_->names().domain : own_->names().publisher + ".example");
                    set_up(admin.post("/api/v1/users",
                                      {{"email", email}, {"password", kPassword}, {"role", std::string(info.name)}}),
                           201, "user " + email);
                }
                add_session(info, email, Credential::kSession);
                if (info.name == "global_admin") add_session(info, email, Credential::kSessionNoCsrf);
            }
            add_key(info, Credential::kApiKey);
        }
        add_session(role_info(Role::kGlobalAdmin), own_->publisher_admin_email(), Credential::kSession);
        auto& ended = principals_.back();
        set_up(ended.client->post("/api/v1/auth/logout"), 204, "sign-out");
        ended.credential = Credential::kEndedSession;
        add_key(role_info(Role::kTenantGlobalAdmin), Credential::kRevokedKey);
    }

    static void add_session(const RoleInfo& info, const std::string& email, Credential credential) {
        Principal p{info.role, info.name, info.tenant, credential, email, nullptr};
        sign_in(p);
        principals_.push_back(std::move(p));
    }

    static void add_key(const RoleInfo& info, Credential credential) {
        Client& admin = info.tenant ? own_->tenant() : own_->publisher();
        const auto created =
            set_up(admin.post("/api/v1/api-keys", {{"role", std::string(info.name)}, {"name", "matrix"}}), 201,
                   "API key " + std::string(info.name));
        if (credential == Credential::kRevokedKey) {
            set_up(admin.del("/api/v1/api-keys/" + created.str("id")), 204, "revoke API key");
        }
        auto client = std::make_unique<Client>(server_->base());
        client->use_api_key(created.str("key"));
        principals_.push_back({info.role, info.name, info.tenant, credential, "", std::move(client)});
    }

    static void sign_in(Principal& p) {
        const bool global_admin = p.role == Role::kGlobalAdmin || p.role == Role::kTenantGlobalAdmin;
        std::string password = kPassword;
        if (global_admin) password = p.tenant ? own_->tenant_admin_password() : own_->publisher_admin_password();
        p.client = std::make_unique<Client>(server_->base());
        set_up(p.client->login(p.email, password), 200, "sign-in of " + p.email);
        if (p.credential == Credential::kSessionNoCsrf) p.client->drop_csrf();
    }

    static inline fs::path site_;
    static inline std::unique_ptr<TestServer> server_;
    static inline int serial_ = 0;
    static inline std::unique_ptr<World> own_;
    static inline std::unique_ptr<World> foreign_;
    static inline std::vector<Principal> principals_;
};

const Entry* find_entry(std::string_view method, std::string_view pattern) {
    for (const Entry& e : kMatrix) {
        if (e.method == method && e.pattern == pattern) return &e;
    }
    return nullptr;
}

// The table against the router alone, without the worlds (quick to run after adding a route).
TEST(AuthorizationMatrixTable, ListsEveryRouteOfTheRouterAndNoOther) {
    TestServer server;
    std::set<std::string> listed;
    for (const Entry& e : kMatrix) {
        EXPECT_TRUE(listed.insert(route_key(e.method, e.pattern)).second)
            << route_key(e.method, e.pattern) << " is listed twice";
    }
    std::set<std::string> routes;
    for (const auto& route : server.app().api().router().routes()) {
        const std::string key = route_key(route.method, route.pattern);
        routes.insert(key);
        EXPECT_TRUE(listed.contains(key)) << "the route " << key << " has no entry in the authorization matrix";
    }
    for (const auto& key : listed) {
        EXPECT_TRUE(routes.contains(key)) << "the matrix lists " << key << ", which is no route";
    }
    for (const auto& [key, recipe] : recipes()) {
        EXPECT_TRUE(routes.contains(key)) << "a recipe for " << key << ", which is no route";
    }
}

TEST_F(AuthorizationMatrix, EveryRouteAnswersEveryPrincipalAsItsEntrySays) {
    const auto started = std::chrono::steady_clock::now();
    const auto how = recipes();
    const Recipe plain;
    const std::set<std::string> markers_for_publishers = foreign_->markers(Kind::kPublisher);
    const std::set<std::string> markers_for_tenants = foreign_->markers(Kind::kTenant);
    const bool verbose = std::getenv("SEATKEEPER_MATRIX_VERBOSE") != nullptr;  // every cell, for reading
    static constexpr const char* kSideNames[] = {"", " on the other world's object", " on an object of the other kind"};
    std::size_t routes = 0;
    std::map<std::string, std::size_t> cells;  // by expected outcome
    std::map<std::string, std::set<long>> allowed_statuses;

    for (const auto& route : server_->app().api().router().routes()) {
        const Entry* entry = find_entry(route.method, route.pattern);
        if (entry == nullptr) {
            ADD_FAILURE() << "the route " << route_key(route.method, route.pattern)
                          << " has no entry in the authorization matrix (kMatrix)";
            continue;
        }
        ++routes;
        const std::string key = route_key(route.method, route.pattern);
        const auto found = how.find(key);
        const Recipe& recipe = found == how.end() ? plain : found->second;
        const bool is_public = entry->allowed == kEveryone;
        const bool list = entry->foreign == Foreign::kOwnOnly;

        const bool names_accounts = std::any_of(recipe.objects.begin(), recipe.objects.end(), [](const auto& o) {
            return o.second.find("{kind}") != std::string::npos;
        });
        for (Principal& p : principals_) {
            for (const Side side : {Side::kOwn, Side::kForeign, Side::kOtherKind}) {
                if (side != Side::kOwn && (entry->foreign == Foreign::kNone || entry->foreign == Foreign::kOwnOnly)) {
                    continue;
                }
                if (side == Side::kOtherKind && !names_accounts) continue;
                World& world = side == Side::kForeign ? *foreign_ : *own_;
                Kind objects = p.kind();
                if (side == Side::kOtherKind) objects = objects == Kind::kTenant ? Kind::kPublisher : Kind::kTenant;
                const Outcome want = expected(*entry, p, side);
                const Call call = make_call(recipe, route.pattern, world, objects, list);
                std::map<std::string, std::string> headers;
                if (!call.body.empty()) headers["Content-Type"] = call.content_type;
                const HttpResponse r = p.client->request(route.method, call.path, call.body, headers);
                ++cells[to_string(want)];
                const std::string where = key + " as " + p.label() + kSideNames[static_cast<int>(side)] + " (" +
                                          route.method + " " + call.path + ")";
                if (verbose) std::cout << "[ matrix   ] " << where << ": " << r.status << "\n";
                EXPECT_TRUE(matches(want, r)) << where << ": expected " << to_string(want) << ", got " << r.status
                                              << " " << r.body.substr(0, 400);
                if (want == Outcome::kAllowed) allowed_statuses[key].insert(r.status);
                // What an account is answered about its own objects names nothing of the other world; for a list
                // that is its foreign cell.
                if (side == Side::kOwn && !is_public && passed(r.status)) {
                    const std::string marker = leaked(r, p.tenant ? markers_for_tenants : markers_for_publishers);
                    EXPECT_EQ(marker, "")
                        << where << " names '" << marker << "' of the other side: " << r.body.substr(0, 400);
                    if (list) ++cells[to_string(Outcome::kOwnOnly)];
                }
                if (recipe.spends && r.status >= 200 && r.status < 300) {
                    for (const auto& [param, object] : objects_of(recipe, route.pattern, objects)) {
                        if (recipe.objects.contains(param)) world.spend(object);
                    }
                }
                if (recipe.ends_session && p.live_session() && r.status >= 200 && r.status < 300) sign_in(p);
            }
        }
    }

    std::size_t total = 0;
    for (const auto& [outcome, n] : cells) total += n;
    std::cout << "[ matrix   ] " << routes << " routes × " << principals_.size() << " principals: " << total
              << " cells in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
              << " s\n";
    for (const auto& [outcome, n] : cells) std::cout << "[ matrix   ]   " << outcome << ": " << n << "\n";
    for (const auto& [key, statuses] : allowed_statuses) {
        if (std::all_of(statuses.begin(), statuses.end(), [](long s) { return s >= 200 && s < 300; })) continue;
        std::cout << "[ matrix   ]   allowed, answered";
        for (const long s : statuses) std::cout << " " << s;
        std::cout << ": " << key << "\n";
    }
}

}  // namespace
}  // namespace seatkeeper::testing
