#include "data/deals.hpp"

#include <boost/json.hpp>

#include "common/json.hpp"
#include "data/rows.hpp"

namespace seatkeeper::data::deals {

namespace {

using store::Query;

// Plans are kept as a JSON array of IDs.
std::vector<std::string> plan_ids_from_text(const std::string& text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const auto plans = boost::json::parse(text, ec);
    if (!ec && plans.is_array()) {
        for (const auto& p : plans.as_array()) {
            if (p.is_string()) out.emplace_back(p.as_string());
        }
    }
    return out;
}

std::string plan_ids_text(const std::vector<std::string>& plan_ids) {
    boost::json::array a;
    for (const auto& p : plan_ids) a.emplace_back(p);
    return json::to_string(a);
}

// Both read a whole deal, in deal_from_row's column order.
constexpr Query kFind{
    "deal.find",
    "SELECT id, publisher_id, offer_id, customer_name, customer_domain, contact_email, plan_ids, seats, value_cents, "
    "currency, close_date, state, tenant_id, created_at, updated_at, source FROM deals WHERE publisher_id = ? AND id = "
    "?"};
constexpr Query kList{
    "deal.list",
    "SELECT id, publisher_id, offer_id, customer_name, customer_domain, contact_email, plan_ids, seats, value_cents, "
    "currency, close_date, state, tenant_id, created_at, updated_at, source FROM deals "
    "WHERE publisher_id = ? AND (? = '' OR state = ?) ORDER BY created_at DESC, id"};

DealRow deal_from_row(const store::Row& r) {
    DealRow d;
    d.id = r.text(0);
    d.publisher_id = r.text(1);
    d.offer_id = r.text(2);
    d.customer = {r.text(3), r.text(4), r.text(5)};
    d.plan_ids = plan_ids_from_text(r.text(6));
    d.seats = r.integer(7);
    d.value_cents = r.integer(8);
    d.currency = r.text(9);
    d.close_date = r.text(10);
    d.state = domain::parse_deal_state(r.text(11)).value_or(domain::DealState::kSubmitted);
    d.tenant_id = r.optional_text(12);
    d.created_at = r.integer(13);
    d.updated_at = r.integer(14);
    d.source = r.text(15);
    return d;
}

constexpr Query kInsert{
    "deal.insert",
    "INSERT INTO deals (id, publisher_id, offer_id, customer_name, customer_domain, contact_email, plan_ids, seats, "
    "value_cents, currency, close_date, state, tenant_id, created_by, created_at, updated_at, source) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kUpdate{
    "deal.update",
    "UPDATE deals SET state = ?, plan_ids = ?, seats = ?, value_cents = ?, currency = ?, close_date = ?, "
    "contact_email = ?, tenant_id = ?, updated_at = ? WHERE publisher_id = ? AND id = ?"};
constexpr Query kSetTenant{"deal.set_tenant", "UPDATE deals SET tenant_id = ?, updated_at = ? WHERE id = ?"};

constexpr Query kPlanNames{"deal.plan_names", "SELECT id, name FROM plans WHERE publisher_id = ? AND offer_id = ?"};
constexpr Query kPlanName{"deal.plan_name",
                          "SELECT name FROM plans WHERE publisher_id = ? AND offer_id = ? AND id = ?"};

constexpr Query kFindInvitation{
    "invitation.find_by_token",
    "SELECT i.id, i.state, i.email, i.expires_at, i.publisher_id, p.name, d.offer_id, o.listing, d.customer_name, "
    "i.tenant_id, d.plan_ids FROM invitations i JOIN publishers p ON p.id = i.publisher_id "
    "JOIN deals d ON d.id = i.deal_id JOIN offers o ON o.publisher_id = d.publisher_id AND o.id = d.offer_id "
    "WHERE i.token_hash = ?"};
constexpr Query kInsertInvitation{
    "invitation.insert",
    "INSERT INTO invitations (id, token_hash, publisher_id, deal_id, email, state, expires_at, created_by, "
    "created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)"};
constexpr Query kDealOfInvitation{"invitation.deal", "SELECT deal_id FROM invitations WHERE id = ?"};
constexpr Query kSetInvitationAccepted{
    "invitation.set_accepted",
    "UPDATE invitations SET state = 'accepted', answered_at = ?, answered_by = ?, tenant_id = ? "
    "WHERE id = ? AND state = 'pending'"};
constexpr Query kSetInvitationDeclined{
    "invitation.set_declined",
    "UPDATE invitations SET state = 'declined', answered_at = ?, answered_by = ?, tenant_id = ? "
    "WHERE id = ? AND state = 'pending'"};
constexpr Query kHasPendingInvitation{
    "invitation.pending_of_deal",
    "SELECT 1 FROM invitations WHERE deal_id = ? AND state = 'pending' AND expires_at >= ?"};

constexpr Query kFindSignupCode{
    "signup_code.find", "SELECT code_hash, attempts, created_at, expires_at FROM signup_codes WHERE invitation_id = ?"};
constexpr Query kInsertSignupCode{"signup_code.insert",
                                  "INSERT INTO signup_codes (invitation_id, code_hash, attempts, created_at, "
                                  "expires_at) VALUES (?, ?, 0, ?, ?)"};
constexpr Query kCountSignupCodeTry{"signup_code.count_try",
                                    "UPDATE signup_codes SET attempts = attempts + 1 WHERE invitation_id = ?"};
constexpr Query kDeleteSignupCode{"signup_code.delete", "DELETE FROM signup_codes WHERE invitation_id = ?"};
constexpr Query kConsumeSignupCode{"signup_code.consume",
                                   "DELETE FROM signup_codes WHERE invitation_id = ? AND code_hash = ? AND "
                                   "attempts < ? AND expires_at >= ?"};

constexpr Query kRelationshipExists{"relationship.exists",
                                    "SELECT 1 FROM relationships WHERE publisher_id = ? AND tenant_id = ?"};
constexpr Query kInsertRelationship{
    "relationship.insert",
    "INSERT INTO relationships (publisher_id, tenant_id, accepted_by, created_at) VALUES (?, ?, ?, ?)"};
constexpr Query kRelationshipsOf{
    "relationship.of_publisher",
    "SELECT tenant_id, created_at FROM relationships WHERE publisher_id = ? ORDER BY created_at, tenant_id"};

constexpr Query kTenantHasDomain{"deal.tenant_has_domain",
                                 "SELECT 1 FROM tenant_domains WHERE tenant_id = ? AND domain = ?"};

}  // namespace

std::optional<DealRow> find(store::Transaction& tx, const std::string& publisher_id, const std::string& deal_id) {
    const auto r = tx.query_one(kFind, {publisher_id, deal_id});
    if (!r) return std::nullopt;
    return deal_from_row(*r);
}

std::vector<DealRow> list(store::Transaction& tx, const std::string& publisher_id, const std::string& state) {
    return map_rows(tx.query(kList, {publisher_id, state, state}), deal_from_row);
}

void insert(store::Transaction& tx, const DealRow& deal, const std::string& created_by) {
    tx.execute(kInsert,
               {deal.id, deal.publisher_id, deal.offer_id, deal.customer.name, deal.customer.domain,
                deal.customer.contact_email, plan_ids_text(deal.plan_ids), deal.seats, deal.value_cents, deal.currency,
                deal.close_date, std::string(domain::to_string(deal.state)), store::optional_text(deal.tenant_id),
                created_by, deal.created_at, deal.updated_at, deal.source});
}

void update(store::Transaction& tx, const DealRow& deal) {
    tx.execute(kUpdate, {std::string(domain::to_string(deal.state)), plan_ids_text(deal.plan_ids), deal.seats,
                         deal.value_cents, deal.currency, deal.close_date, deal.customer.contact_email,
                         store::optional_text(deal.tenant_id), deal.updated_at, deal.publisher_id, deal.id});
}

void set_tenant(store::Transaction& tx, const std::string& deal_id, const std::string& tenant_id, Millis now) {
    tx.execute(kSetTenant, {tenant_id, now, deal_id});
}

std::map<std::string, std::string> plan_names(store::Transaction& tx, const std::string& publisher_id,
                                              const std::string& offer_id) {
    std::map<std::string, std::string> out;
    for (const auto& r : tx.query(kPlanNames, {publisher_id, offer_id})) out.emplace(r.text(0), r.text(1));
    return out;
}

std::optional<std::string> plan_name(store::Transaction& tx, const std::string& publisher_id,
                                     const std::string& offer_id, const std::string& plan_id) {
    const auto r = tx.query_one(kPlanName, {publisher_id, offer_id, plan_id});
    if (!r) return std::nullopt;
    return r->text(0);
}

std::optional<InvitationRow> find_invitation(store::Transaction& tx, const std::string& token_hash) {
    const auto r = tx.query_one(kFindInvitation, {token_hash});
    if (!r) return std::nullopt;
    return InvitationRow{r->text(0),
                         r->text(1),
                         r->text(2),
                         r->integer(3),
                         r->text(4),
                         r->text(5),
                         r->text(6),
                         r->text(7),
                         r->text(8),
                         r->optional_text(9),
                         plan_ids_from_text(r->text(10))};
}

void insert_invitation(store::Transaction& tx, const NewInvitation& i) {
    tx.execute(kInsertInvitation,
               {i.id, i.token_hash, i.publisher_id, i.deal_id, i.email, i.expires_at, i.created_by, i.created_at});
}

std::optional<std::string> deal_of_invitation(store::Transaction& tx, const std::string& invitation_id) {
    const auto r = tx.query_one(kDealOfInvitation, {invitation_id});
    if (!r) return std::nullopt;
    return r->text(0);
}

void set_invitation_accepted(store::Transaction& tx, const std::string& invitation_id, Millis answered_at,
                             const std::string& answered_by, const std::string& tenant_id) {
    tx.execute(kSetInvitationAccepted, {answered_at, answered_by, tenant_id, invitation_id});
}

void set_invitation_declined(store::Transaction& tx, const std::string& invitation_id, Millis answered_at,
                             const std::string& answered_by, const std::string& tenant_id) {
    tx.execute(kSetInvitationDeclined, {answered_at, answered_by, tenant_id, invitation_id});
}

bool has_pending_invitation(store::Transaction& tx, const std::string& deal_id, Millis now) {
    return tx.query_one(kHasPendingInvitation, {deal_id, now}).has_value();
}

std::optional<SignupCodeRow> find_signup_code(store::Transaction& tx, const std::string& invitation_id) {
    const auto r = tx.query_one(kFindSignupCode, {invitation_id});
    if (!r) return std::nullopt;
    return SignupCodeRow{r->text(0), r->integer(1), r->integer(2), r->integer(3)};
}

void insert_signup_code(store::Transaction& tx, const std::string& invitation_id, const std::string& code_hash,
                        Millis created_at, Millis expires_at) {
    tx.execute(kInsertSignupCode, {invitation_id, code_hash, created_at, expires_at});
}

void count_signup_code_try(store::Transaction& tx, const std::string& invitation_id) {
    tx.execute(kCountSignupCodeTry, {invitation_id});
}

void delete_signup_code(store::Transaction& tx, const std::string& invitation_id) {
    tx.execute(kDeleteSignupCode, {invitation_id});
}

bool consume_signup_code(store::Transaction& tx, const std::string& invitation_id, const std::string& code_hash,
                         std::int64_t max_attempts, Millis now) {
    return tx.execute(kConsumeSignupCode, {invitation_id, code_hash, max_attempts, now}) == 1;
}

bool relationship_exists(store::Transaction& tx, const std::string& publisher_id, const std::string& tenant_id) {
    return tx.query_one(kRelationshipExists, {publisher_id, tenant_id}).has_value();
}

void insert_relationship(store::Transaction& tx, const std::string& publisher_id, const std::string& tenant_id,
                         const std::string& accepted_by, Millis created_at) {
    tx.execute(kInsertRelationship, {publisher_id, tenant_id, accepted_by, created_at});
}

std::vector<RelationshipRow> relationships_of(store::Transaction& tx, const std::string& publisher_id) {
    std::vector<RelationshipRow> out;
    for (const auto& r : tx.query(kRelationshipsOf, {publisher_id})) out.push_back({r.text(0), r.integer(1)});
    return out;
}

bool tenant_has_domain(store::Transaction& tx, const std::string& tenant_id, const std::string& domain) {
    return tx.query_one(kTenantHasDomain, {tenant_id, domain}).has_value();
}

}  // namespace seatkeeper::data::deals
