// The deals repository: the deals publishers register (`deals`), the consent invitations sent for them
// (`invitations`), the sign-up codes that prove an invited mailbox (`signup_codes`) and the relationships a
// consent creates between a publisher and a tenant (`relationships`). See data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/customer.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

struct DealCustomer {
    std::string name;
    std::string domain;
    std::string contact_email;
};

struct DealRow {
    std::string id;
    std::string publisher_id;
    std::string offer_id;
    DealCustomer customer;
    std::vector<std::string> plan_ids;
    std::int64_t seats = 0;
    std::int64_t value_cents = 0;
    std::string currency;
    std::string close_date;
    domain::DealState state = domain::DealState::kSubmitted;
    std::optional<std::string> tenant_id;
    Millis created_at = 0;
    Millis updated_at = 0;
    // "registered" by the publisher, or "trial": opened by a tenant admin starting a plan's free trial (issue 14).
    std::string source = "registered";
};

// An invitation with what it asks for: its deal's publisher, offer and customer.
struct InvitationRow {
    std::string id;
    std::string state;  // as stored: pending, accepted or declined (expiry is the caller's to judge)
    std::string email;
    Millis expires_at = 0;
    std::string publisher_id;
    std::string publisher_name;
    std::string offer_id;
    std::string offer_listing;  // the offer's listing JSON
    std::string customer_name;
    std::optional<std::string> tenant_id;  // who answered
    std::vector<std::string> plan_ids;     // the deal's
};

struct NewInvitation {
    std::string id;
    std::string token_hash;
    std::string publisher_id;
    std::string deal_id;
    std::string email;
    Millis expires_at = 0;
    std::string created_by;
    Millis created_at = 0;
};

struct SignupCodeRow {
    std::string code_hash;
    std::int64_t attempts = 0;
    Millis created_at = 0;
    Millis expires_at = 0;
};

// A tenant that consented to a publisher, and since when.
struct RelationshipRow {
    std::string tenant_id;
    Millis created_at = 0;
};

namespace deals {

std::optional<DealRow> find(store::Transaction& tx, const std::string& publisher_id, const std::string& deal_id);
// The publisher's deals in `state` ("" for all), newest first.
std::vector<DealRow> list(store::Transaction& tx, const std::string& publisher_id, const std::string& state);
void insert(store::Transaction& tx, const DealRow& deal, const std::string& created_by);
// Writes what a deal's update may change: state, plans, counts, currency, close date, contact and tenant.
void update(store::Transaction& tx, const DealRow& deal);
void set_tenant(store::Transaction& tx, const std::string& deal_id, const std::string& tenant_id, Millis now);

// The plans of an offer, by ID: their names. Reads the offers aggregate's `plans` (a twin may live in its
// repository).
std::map<std::string, std::string> plan_names(store::Transaction& tx, const std::string& publisher_id,
                                              const std::string& offer_id);
std::optional<std::string> plan_name(store::Transaction& tx, const std::string& publisher_id,
                                     const std::string& offer_id, const std::string& plan_id);

// The invitation whose token hashes to `token_hash`.
std::optional<InvitationRow> find_invitation(store::Transaction& tx, const std::string& token_hash);
void insert_invitation(store::Transaction& tx, const NewInvitation& invitation);
std::optional<std::string> deal_of_invitation(store::Transaction& tx, const std::string& invitation_id);
// Answers a pending invitation (one already answered stays as it is).
void set_invitation_accepted(store::Transaction& tx, const std::string& invitation_id, Millis answered_at,
                             const std::string& answered_by, const std::string& tenant_id);
void set_invitation_declined(store::Transaction& tx, const std::string& invitation_id, Millis answered_at,
                             const std::string& answered_by, const std::string& tenant_id);
// Whether the deal has an invitation still pending and not expired at `now`.
bool has_pending_invitation(store::Transaction& tx, const std::string& deal_id, Millis now);

std::optional<SignupCodeRow> find_signup_code(store::Transaction& tx, const std::string& invitation_id);
void insert_signup_code(store::Transaction& tx, const std::string& invitation_id, const std::string& code_hash,
                        Millis created_at, Millis expires_at);
void count_signup_code_try(store::Transaction& tx, const std::string& invitation_id);
void delete_signup_code(store::Transaction& tx, const std::string& invitation_id);
// Deletes the invitation's code when it is `code_hash`, was tried fewer than `max_attempts` times and has not
// expired at `now`, in one statement (two sign-ups with one code: one consumes it). Whether it did.
bool consume_signup_code(store::Transaction& tx, const std::string& invitation_id, const std::string& code_hash,
                         std::int64_t max_attempts, Millis now);

bool relationship_exists(store::Transaction& tx, const std::string& publisher_id, const std::string& tenant_id);
void insert_relationship(store::Transaction& tx, const std::string& publisher_id, const std::string& tenant_id,
                         const std::string& accepted_by, Millis created_at);
// The tenants that consented to the publisher, in the order they did.
std::vector<RelationshipRow> relationships_of(store::Transaction& tx, const std::string& publisher_id);

// Whether the tenant owns the domain. Reads the tenants aggregate's `tenant_domains` (a twin may live in its
// repository).
bool tenant_has_domain(store::Transaction& tx, const std::string& tenant_id, const std::string& domain);

}  // namespace deals
}  // namespace seatkeeper::data
