#include "service/deals.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"
#include "service/accounts.hpp"
#include "service/events.hpp"
#include "service/mail.hpp"
#include "service/offers.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

constexpr std::int64_t kMaxSeats = domain::kMaxDealSeats;
constexpr std::int64_t kMaxValueCents = domain::kMaxDealValueCents;

constexpr std::string_view kDealColumns =
    "id, publisher_id, offer_id, customer_name, customer_domain, contact_email, plan_ids, seats, value_cents, "
    "currency, close_date, state, tenant_id, created_at, updated_at";

DealRecord deal_from_row(const store::Row& r) {
    DealRecord d;
    d.id = r.text(0);
    d.publisher_id = r.text(1);
    d.offer_id = r.text(2);
    d.customer = {r.text(3), r.text(4), r.text(5)};
    boost::system::error_code ec;
    const auto plans = boost::json::parse(r.text(6), ec);
    if (!ec && plans.is_array()) {
        for (const auto& p : plans.as_array()) {
            if (p.is_string()) d.plan_ids.emplace_back(p.as_string());
        }
    }
    d.seats = r.integer(7);
    d.value_cents = r.integer(8);
    d.currency = r.text(9);
    d.close_date = r.text(10);
    d.state = domain::parse_deal_state(r.text(11)).value_or(domain::DealState::kSubmitted);
    d.tenant_id = r.optional_text(12);
    d.created_at = r.integer(13);
    d.updated_at = r.integer(14);
    return d;
}

std::string plan_ids_text(const std::vector<std::string>& plan_ids) {
    boost::json::array a;
    for (const auto& p : plan_ids) a.emplace_back(p);
    return json::to_string(a);
}

Status require_licensing(const Principal& principal) {
    return require(principal, domain::Permission::kManageLicensing);
}

Status validate_currency(const std::string& currency) {
    const bool ok = currency.size() == 3 &&
                    std::all_of(currency.begin(), currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!ok)
        return Status::Invalid("currency", "currency", "currency must be a three-letter ISO 4217 code such as USD");
    return Status::Ok();
}

Status validate_counts(std::optional<std::int64_t> seats, std::optional<std::int64_t> value_cents) {
    if (seats && (*seats < 1 || *seats > kMaxSeats)) {
        return Status::Invalid("seats", "range", "seats must be between 1 and " + std::to_string(kMaxSeats));
    }
    if (value_cents && (*value_cents < 0 || *value_cents > kMaxValueCents)) {
        return Status::Invalid("value", "range", "value must be between 0 and 1000000000000");
    }
    return Status::Ok();
}

// The plans must be plans of the deal's offer, at least one, no repeats.
Status check_plans(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                   const std::vector<std::string>& plan_ids) {
    if (plan_ids.empty()) return Status::Invalid("plan_ids", "required", "a deal names at least one plan of the offer");
    for (std::size_t i = 0; i < plan_ids.size(); ++i) {
        const std::string field = "plan_ids[" + std::to_string(i) + "]";
        if (std::find(plan_ids.begin(), plan_ids.begin() + static_cast<std::ptrdiff_t>(i), plan_ids[i]) !=
            plan_ids.begin() + static_cast<std::ptrdiff_t>(i)) {
            return Status::Invalid(field, "duplicate", "plan '" + plan_ids[i] + "' is named twice");
        }
        if (!tx.query_one("SELECT 1 FROM plans WHERE publisher_id = ? AND offer_id = ? AND id = ?",
                          {publisher_id, offer_id, plan_ids[i]})) {
            return Status::Invalid(field, "unknown_plan", "offer '" + offer_id + "' has no plan '" + plan_ids[i] + "'");
        }
    }
    return Status::Ok();
}

std::string invitation_state(const store::Row& r, std::size_t state_column, std::size_t expires_column) {
    std::string state = r.text(state_column);
    if (state == "pending" && r.integer(expires_column) < now_millis()) return "expired";
    return state;
}

domain::InvitationAnswerSnapshot answer_snapshot(const InvitationView& v) {
    return {v.id, v.state, v.email, v.publisher_id, v.offer_id};
}

// Reads the invitation a token names, with what it asks for. nullopt for a forged or unknown token.
std::optional<InvitationView> load_invitation(store::Transaction& tx, const std::string& token) {
    if (token.size() < 20 || token.size() > 200) return std::nullopt;
    // Found by the token's hash: only whoever holds the 256-bit token can produce it, so an equality lookup
    // gives a timing attacker nothing to work with.
    const auto r = tx.query_one(
        "SELECT i.id, i.state, i.email, i.expires_at, i.publisher_id, p.name, d.offer_id, o.listing, "
        "d.customer_name, i.tenant_id, d.plan_ids FROM invitations i "
        "JOIN publishers p ON p.id = i.publisher_id JOIN deals d ON d.id = i.deal_id "
        "JOIN offers o ON o.publisher_id = d.publisher_id AND o.id = d.offer_id WHERE i.token_hash = ?",
        {crypto::hash_secret(token)});
    if (!r) return std::nullopt;
    InvitationView v;
    v.id = r->text(0);
    v.state = invitation_state(*r, 1, 3);
    v.email = r->text(2);
    v.expires_at = r->integer(3);
    v.publisher_id = r->text(4);
    v.publisher_name = r->text(5);
    v.offer_id = r->text(6);
    v.offer_name = parse_listing(r->text(7)).name;
    if (v.offer_name.empty()) v.offer_name = v.offer_id;
    boost::system::error_code ec;
    v.customer_name = r->text(8);
    v.tenant_id = r->optional_text(9);
    const auto plan_ids = boost::json::parse(r->text(10), ec);
    if (!ec && plan_ids.is_array()) {
        for (const auto& p : plan_ids.as_array()) {
            if (!p.is_string()) continue;
            const std::string id(p.as_string());
            const auto plan = tx.query_one("SELECT name FROM plans WHERE publisher_id = ? AND offer_id = ? AND id = ?",
                                           {v.publisher_id, v.offer_id, id});
            v.plans.emplace_back(id, plan ? plan->text(0) : id);
        }
    }
    return v;
}

// The checks every answer to an invitation shares: it exists, is still pending, has not expired.
Result<InvitationView> answerable(store::Transaction& tx, const std::string& token) {
    auto v = load_invitation(tx, token);
    if (!v) return Status::NotFound("This invitation link is not valid. Ask the publisher for a new one.");
    if (v->state == "expired") {
        return Status::Conflict("invitation_expired", "This invitation expired on " + format_rfc3339(v->expires_at) +
                                                          ". Ask the publisher to send a new one.");
    }
    if (v->state != "pending") {
        return Status::Conflict("invitation_used",
                                "This invitation was already " + v->state + "; a link can be used only once.");
    }
    return std::move(*v);
}

// The answering admin's tenant must own the invited address's domain: a forwarded link can't bind another
// company's tenant.
Status check_answerer(store::Transaction& tx, const Principal& principal, const InvitationView& v) {
    SK_RETURN_IF_ERROR(require_tenant(principal, domain::TenantPermission::kConsent));
    const std::string domain(domain::domain_of(v.email));
    if (!tx.query_one("SELECT 1 FROM tenant_domains WHERE tenant_id = ? AND domain = ?",
                      {principal.tenant_id, domain})) {
        return Status::Forbidden("This invitation was sent to an address at " + domain +
                                 ", which is not a domain of your tenant; sign in to that organisation's tenant");
    }
    return Status::Ok();
}

}  // namespace

domain::DealSnapshot deal_snapshot(const DealRecord& d) {
    return {.id = d.id,
            .offer_id = d.offer_id,
            .customer = {d.customer.name, d.customer.domain, d.customer.contact_email},
            .plan_ids = d.plan_ids,
            .seats = d.seats,
            .value_cents = d.value_cents,
            .currency = d.currency,
            .close_date = d.close_date,
            .state = d.state,
            .tenant_id = d.tenant_id};
}

boost::json::object deal_json(const DealRecord& d) { return deal_snapshot(d).to_json(); }

std::optional<DealRecord> load_deal(store::Transaction& tx, const std::string& publisher_id,
                                    const std::string& deal_id) {
    const auto row = tx.query_one(
        std::string("SELECT ") + std::string(kDealColumns) + " FROM deals WHERE publisher_id = ? AND id = ?",
        {publisher_id, deal_id});
    if (!row) return std::nullopt;
    return deal_from_row(*row);
}

Result<DealRecord> register_deal(Services& services, const Principal& principal, const NewDeal& input) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    SK_RETURN_IF_ERROR(json::require_text("customer.name", input.customer.name));
    if (text::utf8_length(input.customer.name) > domain::kMaxCustomerNameLength) {
        return Status::Invalid(
            "customer.name", "max_length",
            "customer.name must be at most " + std::to_string(domain::kMaxCustomerNameLength) + " characters");
    }
    SK_ASSIGN_OR_RETURN(const std::string domain, domain::normalize_domain("customer.domain", input.customer.domain));
    SK_RETURN_IF_ERROR(domain::validate_email("customer.contact_email", input.customer.contact_email));
    SK_RETURN_IF_ERROR(validate_counts(input.seats, input.value_cents));
    SK_RETURN_IF_ERROR(validate_currency(input.currency));
    SK_RETURN_IF_ERROR(domain::validate_date("close_date", input.close_date));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<DealRecord> {
            const auto offer = load_offer(tx, principal.publisher_id, input.offer_id);
            if (!offer)
                return Status::Invalid("offer_id", "unknown_offer", "you have no offer '" + input.offer_id + "'");
            if (!offer->offer.licensing.license_management) {
                return Status::Invalid("offer_id", "license_management_off",
                                       "offer '" + input.offer_id +
                                           "' doesn't use app license management, so it has no licenses to register");
            }
            SK_RETURN_IF_ERROR(check_plans(tx, principal.publisher_id, input.offer_id, input.plan_ids));
            const Millis now = now_millis();
            DealRecord d{"deal_" + crypto::random_token(9),
                         principal.publisher_id,
                         input.offer_id,
                         {input.customer.name, domain, std::string(input.customer.contact_email)},
                         input.plan_ids,
                         input.seats,
                         input.value_cents,
                         input.currency,
                         input.close_date,
                         domain::DealState::kSubmitted,
                         std::nullopt,
                         now,
                         now};
            tx.execute(
                "INSERT INTO deals (id, publisher_id, offer_id, customer_name, customer_domain, contact_email, "
                "plan_ids, "
                "seats, value_cents, currency, close_date, state, tenant_id, created_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                {d.id, d.publisher_id, d.offer_id, d.customer.name, d.customer.domain, d.customer.contact_email,
                 plan_ids_text(d.plan_ids), d.seats, d.value_cents, d.currency, d.close_date,
                 std::string(domain::to_string(d.state)), principal.actor, now, now});
            append_event(
                tx, principal.actor, principal.publisher_id,
                make_event<EventType::kDealRegistered>(domain::deal_subject(d.id), std::nullopt, deal_snapshot(d)));
            return d;
        });
}

Result<std::vector<DealRecord>> list_deals(Services& services, const Principal& principal,
                                           std::optional<domain::DealState> state) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    const std::string state_text = state ? std::string(domain::to_string(*state)) : "";
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<DealRecord>> {
            std::vector<DealRecord> out;
            for (const auto& r : tx.query(std::string("SELECT ") + std::string(kDealColumns) +
                                              " FROM deals WHERE publisher_id = ? AND (? = '' OR state = ?) "
                                              "ORDER BY created_at DESC, id",
                                          {principal.publisher_id, state_text, state_text})) {
                out.push_back(deal_from_row(r));
            }
            return out;
        });
}

Result<DealRecord> get_deal(Services& services, const Principal& principal, const std::string& deal_id) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<DealRecord> {
                                     auto d = load_deal(tx, principal.publisher_id, deal_id);
                                     if (!d) return Status::NotFound("deal '" + deal_id + "' does not exist");
                                     return std::move(*d);
                                 });
}

Result<DealRecord> update_deal(Services& services, const Principal& principal, const std::string& deal_id,
                               const DealPatch& patch) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    SK_RETURN_IF_ERROR(validate_counts(patch.seats, patch.value_cents));
    if (patch.currency) SK_RETURN_IF_ERROR(validate_currency(*patch.currency));
    if (patch.close_date) SK_RETURN_IF_ERROR(domain::validate_date("close_date", *patch.close_date));
    if (patch.contact_email) SK_RETURN_IF_ERROR(domain::validate_email("customer.contact_email", *patch.contact_email));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<DealRecord> {
            const auto before = load_deal(tx, principal.publisher_id, deal_id);
            if (!before) return Status::NotFound("deal '" + deal_id + "' does not exist");
            DealRecord d = *before;
            const bool final_state = before->state == domain::DealState::kWon ||
                                     before->state == domain::DealState::kLost ||
                                     before->state == domain::DealState::kWithdrawn;
            if (patch.state && *patch.state != d.state) {
                SK_RETURN_IF_ERROR(domain::check_deal_transition(d.state, *patch.state));
                d.state = *patch.state;
                const bool closing = d.state == domain::DealState::kLost || d.state == domain::DealState::kWithdrawn;
                if (closing && tx.query_one("SELECT 1 FROM licenses WHERE deal_id = ? AND active = 1", {deal_id})) {
                    return Status::Conflict("licenses_active",
                                            "This deal still grants licenses; remove them (the trash icon) before "
                                            "marking it " +
                                                std::string(domain::to_string(d.state)),
                                            "state");
                }
            } else if (final_state && (patch.seats || patch.value_cents || patch.currency || patch.close_date ||
                                       patch.plan_ids || patch.contact_email || patch.tenant_id)) {
                return Status::Conflict("deal_closed",
                                        "This deal is " + std::string(domain::to_string(d.state)) +
                                            "; a closed deal's details can't change",
                                        "state");
            }
            if (patch.plan_ids) {
                SK_RETURN_IF_ERROR(check_plans(tx, principal.publisher_id, d.offer_id, *patch.plan_ids));
                d.plan_ids = *patch.plan_ids;
            }
            if (patch.tenant_id && (!d.tenant_id || *d.tenant_id != *patch.tenant_id)) {
                if (d.tenant_id) {
                    return Status::Conflict("customer_set", "This deal's customer is already tenant " + *d.tenant_id,
                                            "tenant_id");
                }
                if (!tx.query_one("SELECT 1 FROM relationships WHERE publisher_id = ? AND tenant_id = ?",
                                  {principal.publisher_id, *patch.tenant_id})) {
                    return Status::Conflict(
                        "no_relationship",
                        "tenant " + *patch.tenant_id + " hasn't consented to you yet; invite the customer to consent",
                        "tenant_id");
                }
                d.tenant_id = patch.tenant_id;
            }
            if (patch.seats) d.seats = *patch.seats;
            if (patch.value_cents) d.value_cents = *patch.value_cents;
            if (patch.currency) d.currency = *patch.currency;
            if (patch.close_date) d.close_date = *patch.close_date;
            if (patch.contact_email) d.customer.contact_email = *patch.contact_email;
            if (deal_json(d) == deal_json(*before)) return d;  // nothing changed: no write, no event
            d.updated_at = now_millis();
            tx.execute(
                "UPDATE deals SET state = ?, plan_ids = ?, seats = ?, value_cents = ?, currency = ?, close_date = ?, "
                "contact_email = ?, tenant_id = ?, updated_at = ? WHERE publisher_id = ? AND id = ?",
                {std::string(domain::to_string(d.state)), plan_ids_text(d.plan_ids), d.seats, d.value_cents, d.currency,
                 d.close_date, d.customer.contact_email, store::optional_text(d.tenant_id), d.updated_at,
                 principal.publisher_id, deal_id});
            const auto make = d.state != before->state ? make_event<EventType::kDealStateChanged>
                                                       : make_event<EventType::kDealUpdated>;
            append_event(tx, principal.actor, principal.publisher_id,
                         make(domain::deal_subject(deal_id), deal_snapshot(*before), deal_snapshot(d), ""));
            return d;
        });
}

Result<InvitationLink> invite_customer(Services& services, const Principal& principal, const std::string& deal_id,
                                       const std::string& email) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    SK_RETURN_IF_ERROR(domain::validate_email("email", email));
    const std::string address = text::ascii_lower(email);
    const std::string token = crypto::random_token(32);
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<InvitationLink> {
            const auto deal = load_deal(tx, principal.publisher_id, deal_id);
            if (!deal) return Status::NotFound("deal '" + deal_id + "' does not exist");
            if (deal->state != domain::DealState::kSubmitted && !domain::deal_allows_licenses(deal->state)) {
                return Status::Conflict("deal_closed",
                                        "This deal is " + std::string(domain::to_string(deal->state)) +
                                            "; customers are invited only for open or won deals",
                                        "state");
            }
            if (deal->tenant_id) {
                return Status::Conflict("customer_set", "This deal's customer (tenant " + *deal->tenant_id +
                                                            ") has already consented; manage its licenses");
            }
            const Millis now = now_millis();
            InvitationLink link{"inv_" + crypto::random_token(9),
                                services.settings().public_url + "/admin/invitations/" + token, address,
                                now + services.settings().invitation_ttl_ms};
            tx.execute(
                "INSERT INTO invitations (id, token_hash, publisher_id, deal_id, email, state, expires_at, created_by, "
                "created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
                {link.id, crypto::hash_secret(token), principal.publisher_id, deal_id, address, link.expires_at,
                 principal.actor, now});
            const auto publisher = tx.query_one("SELECT name FROM publishers WHERE id = ?", {principal.publisher_id});
            const auto offer = load_offer(tx, principal.publisher_id, deal->offer_id);
            const std::string publisher_name = publisher ? publisher->text(0) : principal.publisher_id;
            const std::string offer_name =
                offer && !offer->offer.listing.name.empty() ? offer->offer.listing.name : deal->offer_id;
            SK_RETURN_IF_ERROR(
                enqueue_mail(
                    tx, {address,
                         publisher_name + " invites " + deal->customer.name + " to manage " + offer_name + " licenses",
                         "Hello,\n\n" + publisher_name + " asks a billing admin or global admin of " +
                             deal->customer.name + " to consent to a licensing relationship, so that " +
                             publisher_name + " can provide licenses of " + offer_name + " to your organisation.\n\n" +
                             "Review the request and accept or decline it here:\n\n  " + link.url + "\n\n" +
                             "The link works once and expires on " + format_rfc3339(link.expires_at) +
                             ". If you have no Seatkeeper account yet, you can create your organisation's account from "
                             "the link.\n\nIf you did not expect this message, you can ignore it.\n",
                         principal.publisher_id, std::nullopt, /*secret_body=*/true})
                    .status());
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kInvitationCreated>(
                             domain::invitation_subject(deal_id, link.id), std::nullopt,
                             domain::InvitationSnapshot{link.id, address, link.expires_at}));
            return link;
        });
}

Result<InvitationView> view_invitation(Services& services, const std::string& token) {
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<InvitationView> {
            auto v = load_invitation(tx, token);
            if (!v) {
                return Status::NotFound("This invitation link is not valid. Ask the publisher for a new one.");
            }
            return std::move(*v);
        });
}

Result<InvitationView> accept_invitation(Services& services, const Principal& principal, const std::string& token) {
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<InvitationView> {
            SK_ASSIGN_OR_RETURN(InvitationView v, answerable(tx, token));
            SK_RETURN_IF_ERROR(check_answerer(tx, principal, v));
            const Millis now = now_millis();
            const auto deal_row = tx.query_one("SELECT deal_id FROM invitations WHERE id = ?", {v.id});
            const std::string deal_id = deal_row->text(0);
            const auto deal = load_deal(tx, v.publisher_id, deal_id);
            if (deal->state == domain::DealState::kLost || deal->state == domain::DealState::kWithdrawn) {
                return Status::Conflict("deal_closed", "The publisher closed this deal (" +
                                                           std::string(domain::to_string(deal->state)) +
                                                           "); there is nothing to consent to any more");
            }
            if (deal->tenant_id && *deal->tenant_id != principal.tenant_id) {
                return Status::Conflict("customer_set", "This deal already belongs to another customer tenant");
            }
            tx.execute(
                "UPDATE invitations SET state = 'accepted', answered_at = ?, answered_by = ?, tenant_id = ? "
                "WHERE id = ? AND state = 'pending'",
                {now, principal.actor, principal.tenant_id, v.id});
            if (!tx.query_one("SELECT 1 FROM relationships WHERE publisher_id = ? AND tenant_id = ?",
                              {v.publisher_id, principal.tenant_id})) {
                tx.execute(
                    "INSERT INTO relationships (publisher_id, tenant_id, accepted_by, created_at) VALUES (?, ?, ?, ?)",
                    {v.publisher_id, principal.tenant_id, principal.actor, now});
                append_event(
                    tx, principal.actor, v.publisher_id,
                    make_event<EventType::kRelationshipCreated>(
                        domain::relationship_subject(principal.tenant_id), std::nullopt,
                        domain::RelationshipSnapshot{v.publisher_id, principal.tenant_id}, principal.tenant_id));
            }
            tx.execute("UPDATE deals SET tenant_id = ?, updated_at = ? WHERE id = ?",
                       {principal.tenant_id, now, deal_id});
            v.state = "accepted";
            v.tenant_id = principal.tenant_id;
            append_event(
                tx, principal.actor, v.publisher_id,
                make_event<EventType::kInvitationAccepted>(domain::invitation_subject(deal_id, v.id), std::nullopt,
                                                           answer_snapshot(v), principal.tenant_id));
            return v;
        });
}

Result<InvitationView> decline_invitation(Services& services, const Principal& principal, const std::string& token) {
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<InvitationView> {
            SK_ASSIGN_OR_RETURN(InvitationView v, answerable(tx, token));
            SK_RETURN_IF_ERROR(check_answerer(tx, principal, v));
            tx.execute(
                "UPDATE invitations SET state = 'declined', answered_at = ?, answered_by = ?, tenant_id = ? "
                "WHERE id = ? AND state = 'pending'",
                {now_millis(), principal.actor, principal.tenant_id, v.id});
            const auto deal_row = tx.query_one("SELECT deal_id FROM invitations WHERE id = ?", {v.id});
            v.state = "declined";
            v.tenant_id = principal.tenant_id;
            append_event(
                tx, principal.actor, v.publisher_id,
                make_event<EventType::kInvitationDeclined>(domain::invitation_subject(deal_row->text(0), v.id),
                                                           std::nullopt, answer_snapshot(v), principal.tenant_id));
            return v;
        });
}

namespace {

std::string signup_code_hash(const std::string& invitation_id, const std::string& code) {
    // As typed: "1234 5678" and "1234-5678" are the code too.
    std::string digits;
    for (const char c : code) {
        if (c != ' ' && c != '-') digits += c;
    }
    // Salted with the invitation, so that one table of the 10^8 codes' hashes fits no two rows.
    return crypto::hash_secret(invitation_id + ":" + digits);
}

// Whether `code` is the invitation's live sign-up code. A wrong code counts against the code's tries, and the
// count is kept even though the sign-up then fails: the caller commits this transaction either way (the
// outcome is what this returns, while the transaction's own result is Ok). A right code is left in place for the
// sign-up to consume.
Status check_signup_code(store::Transaction& tx, const InvitationView& v, const std::string& code) {
    if (text::trim(code).empty()) {
        return Status::Invalid("code", "required", "code is required: the sign-up code mailed to " + v.email);
    }
    const auto row =
        tx.query_one("SELECT code_hash, attempts, expires_at FROM signup_codes WHERE invitation_id = ?", {v.id});
    if (!row) {
        return Status::Invalid("code", "code_required",
                               "ask for a sign-up code first: it is mailed to " + v.email + " (signup-code)");
    }
    if (row->integer(1) >= kSignupCodeTries || row->integer(2) < now_millis()) {
        return Status::Invalid("code", "code_expired",
                               "this sign-up code has expired or was entered wrongly too often; ask for a new one");
    }
    if (!crypto::constant_time_equal(row->text(0), signup_code_hash(v.id, code))) {
        tx.execute("UPDATE signup_codes SET attempts = attempts + 1 WHERE invitation_id = ?", {v.id});
        const std::int64_t left = kSignupCodeTries - row->integer(1) - 1;
        return Status::Invalid("code", "code_mismatch",
                               left > 0 ? "this is not the code mailed to " + v.email + "; " + std::to_string(left) +
                                              (left == 1 ? " try" : " tries") + " left"
                                        : "this is not the code mailed to " + v.email + "; ask for a new one");
    }
    return Status::Ok();
}

}  // namespace

Status send_signup_code(Services& services, const std::string& token) {
    const std::string code = crypto::random_digits(kSignupCodeDigits);
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        SK_ASSIGN_OR_RETURN(InvitationView v, answerable(tx, token));
        const Millis now = now_millis();
        const auto last = tx.query_one("SELECT created_at FROM signup_codes WHERE invitation_id = ?", {v.id});
        if (last && last->integer(0) > now - services.settings().signup_code_interval_ms) {
            return Status::RateLimited("a sign-up code was mailed to " + v.email +
                                       " less than a minute ago; wait for it, or try again in a minute");
        }
        tx.execute("DELETE FROM signup_codes WHERE invitation_id = ?", {v.id});
        tx.execute(
            "INSERT INTO signup_codes (invitation_id, code_hash, attempts, created_at, expires_at) "
            "VALUES (?, ?, 0, ?, ?)",
            {v.id, signup_code_hash(v.id, code), now, now + kSignupCodeTtl});
        OutgoingMail mail{v.email, "Your sign-up code for " + v.publisher_name + "'s invitation",
                          "Hello,\n\nSomeone is creating your organisation's Seatkeeper account from the invitation " +
                              v.publisher_name + " sent to " + v.email + ".\n\nThe code to enter there is:\n\n    " +
                              code + "\n\nIt works once and for 15 minutes. If it was not you, ignore this mail: " +
                              "without the code no account is created.\n",
                          v.publisher_id, std::nullopt};
        mail.secret_body = true;
        SK_RETURN_IF_ERROR(enqueue_mail(tx, mail).status());
        const auto deal = tx.query_one("SELECT deal_id FROM invitations WHERE id = ?", {v.id});
        append_event(
            tx, "public", v.publisher_id,
            make_event<EventType::kInvitationSignupCodeSent>(domain::invitation_subject(deal->text(0), v.id),
                                                             std::nullopt, domain::SignupCodeSnapshot{v.id, v.email}));
        return Status::Ok();
    });
}

Result<TenantRecord> signup_from_invitation(Services& services, const std::string& token,
                                            const InvitationSignup& input) {
    // First the code, in a transaction of its own that commits a wrong try; then the sign-up, which consumes it.
    Status code_check;
    const Status checked =
        store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
            SK_ASSIGN_OR_RETURN(InvitationView v, answerable(tx, token));
            const NewUser admin{v.email, input.name, input.password, "global_admin"};
            SK_RETURN_IF_ERROR(validate_tenant_name("tenant_name", input.tenant_name));
            SK_RETURN_IF_ERROR(validate_new_user(admin, true));
            code_check = check_signup_code(tx, v, input.code);
            return Status::Ok();
        });
    if (!checked.ok()) return checked;
    if (!code_check.ok()) return code_check;
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<TenantRecord> {
            SK_ASSIGN_OR_RETURN(InvitationView v, answerable(tx, token));
            const NewUser admin{v.email, input.name, input.password, "global_admin"};
            // Consumed here, with the sign-up: two requests with the same code create one tenant.
            if (tx.execute("DELETE FROM signup_codes WHERE invitation_id = ? AND code_hash = ? AND attempts < ? AND "
                           "expires_at >= ?",
                           {v.id, signup_code_hash(v.id, input.code), kSignupCodeTries, now_millis()}) != 1) {
                return Status::Invalid("code", "code_expired",
                                       "this sign-up code is no longer valid; ask for a new one");
            }
            // Only the invited address's domain: the code proved its mailbox. Others are added and proven by DNS
            // afterwards (tenant domains).
            SK_ASSIGN_OR_RETURN(auto tenant, insert_tenant(tx, "invitation:" + v.id, input.tenant_name,
                                                           {std::string(domain::domain_of(v.email))}, "tenant_name"));
            std::string user_id;
            SK_RETURN_IF_ERROR(insert_tenant_admin(tx, "invitation:" + v.id, tenant.id, admin, user_id));
            return tenant;
        });
}

Result<std::vector<CustomerRecord>> list_customers(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<CustomerRecord>> {
            std::vector<CustomerRecord> out;
            for (const auto& r : tx.query("SELECT tenant_id, created_at FROM relationships WHERE publisher_id = ? "
                                          "ORDER BY created_at, tenant_id",
                                          {principal.publisher_id})) {
                if (auto t = load_tenant(tx, r.text(0))) out.push_back({std::move(*t), r.integer(1)});
            }
            return out;
        });
}

}  // namespace seatkeeper::service
