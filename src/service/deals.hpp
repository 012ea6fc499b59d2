// Deals and consent (PRODUCT.md steps 9–10, API.md "Partner Center"): a publisher registers the sale as a
// deal, invites the customer's admin to consent, and the relationship between publisher and tenant exists
// only once a billing or global admin of the tenant accepts.
//
// Only global and account admins of the publisher manage deals (403 otherwise). Invitation links carry a
// 256-bit random token that is stored only as a hash; each is single-use and expires
// (settings.invitation_ttl_ms, 14 days by default).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "data/deals.hpp"
#include "domain/customer.hpp"
#include "domain/events.hpp"
#include "service/context.hpp"
#include "service/tenants.hpp"

namespace seatkeeper::service {

struct NewDeal {
    data::DealCustomer customer;
    std::string offer_id;
    std::vector<std::string> plan_ids;
    std::int64_t seats = 0;
    std::int64_t value_cents = 0;
    std::string currency = "USD";
    std::string close_date;
};

struct DealPatch {
    std::optional<domain::DealState> state;
    std::optional<std::int64_t> seats;
    std::optional<std::int64_t> value_cents;
    std::optional<std::string> currency;
    std::optional<std::string> close_date;
    std::optional<std::vector<std::string>> plan_ids;
    std::optional<std::string> contact_email;
    // Customer details: a tenant that already consented to this publisher (through another deal).
    std::optional<std::string> tenant_id;
};

Result<data::DealRow> register_deal(Services& services, const Principal& principal, const NewDeal& input);
Result<std::vector<data::DealRow>> list_deals(Services& services, const Principal& principal,
                                              std::optional<domain::DealState> state);
Result<data::DealRow> get_deal(Services& services, const Principal& principal, const std::string& deal_id);
Result<data::DealRow> update_deal(Services& services, const Principal& principal, const std::string& deal_id,
                                  const DealPatch& patch);
// The deal as its events carry it; the API's view adds created_at and updated_at (http/routes_deals.cpp).
domain::DealSnapshot deal_snapshot(const data::DealRow& deal);
boost::json::object deal_json(const data::DealRow& deal);

struct InvitationLink {
    std::string id;
    std::string url;  // <public_url>/admin/invitations/<token>: shown once, also mailed
    std::string email;
    Millis expires_at = 0;
};
Result<InvitationLink> invite_customer(Services& services, const Principal& principal, const std::string& deal_id,
                                       const std::string& email);

struct InvitationView {
    std::string id;
    std::string state;  // pending, accepted, declined, expired
    std::string email;
    Millis expires_at = 0;
    std::string publisher_id;
    std::string publisher_name;
    std::string offer_id;
    std::string offer_name;
    std::vector<std::pair<std::string, std::string>> plans;  // id, name
    std::string customer_name;
    std::optional<std::string> tenant_id;  // who answered
};
// What an invitation asks for, to anyone holding the link. NotFound for a forged or unknown token.
Result<InvitationView> view_invitation(Services& services, const std::string& token);
// A billing or global admin of a tenant that owns the invited address's domain accepts: the relationship is
// created (once per publisher and tenant) and the deal gets its customer tenant.
Result<InvitationView> accept_invitation(Services& services, const Principal& principal, const std::string& token);
Result<InvitationView> decline_invitation(Services& services, const Principal& principal, const std::string& token);

// The one-time code that proves the invited mailbox before a sign-up (API.md "Consent sign-up proves the
// mailbox"): 8 digits, mailed to the invited address, valid 15 minutes and for 5 tries; a new one at most once
// a minute per invitation (settings.signup_code_interval_ms).
inline constexpr std::size_t kSignupCodeDigits = 8;
inline constexpr Millis kSignupCodeTtl = 15LL * 60 * 1000;
inline constexpr std::int64_t kSignupCodeTries = 5;

// Mails a new sign-up code to the invited address (replacing an earlier one). The link must be answerable.
Status send_signup_code(Services& services, const std::string& token);

struct InvitationSignup {
    std::string tenant_name;
    std::string name;
    std::string password;
    std::string code;  // the code mailed by send_signup_code
};
// An invited admin without an account creates the tenant and their global-admin account (with the invited
// e-mail address) from the link and the code mailed to that address; they accept or decline next. The tenant
// gets the invited address's domain only. Invalid naming `code` when the code is missing, wrong (a try used
// up) or expired; nothing is created then. Returns the new tenant.
Result<TenantRecord> signup_from_invitation(Services& services, const std::string& token,
                                            const InvitationSignup& input);

struct CustomerRecord {
    TenantRecord tenant;
    Millis since = 0;
};
// The tenants that consented to the caller's publisher: the "Customer details" dropdown.
Result<std::vector<CustomerRecord>> list_customers(Services& services, const Principal& principal);

}  // namespace seatkeeper::service
