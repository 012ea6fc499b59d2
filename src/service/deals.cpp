#include "service/deals.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "data/deals.hpp"
#include "data/licenses.hpp"
#include "data/marketplace.hpp"
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
    const auto plans = data::deals::plan_names(tx, publisher_id, offer_id);
    for (std::size_t i = 0; i < plan_ids.size(); ++i) {
        const std::string field = "plan_ids[" + std::to_string(i) + "]";
        if (std::find(plan_ids.begin(), plan_ids.begin() + static_cast<std::ptrdiff_t>(i), plan_ids[i]) !=
            plan_ids.begin() + static_cast<std::ptrdiff_t>(i)) {
            return Status::Invalid(field, "duplicate", "plan '" + plan_ids[i] + "' is named twice");
        }
        if (!plans.contains(plan_ids[i])) {
            return Status::Invalid(field, "unknown_plan", "offer '" + offer_id + "' has no plan '" + plan_ids[i] + "'");
        }
    }
    return Status::Ok();
}

std::string invitation_state(const data::InvitationRow& r) {
    if (r.state == "pending" && r.expires_at < now_millis()) return "expired";
    return r.state;
}

domain::InvitationAnswerSnapshot answer_snapshot(const InvitationView& v) {
    return {v.id, v.state, v.email, v.publisher_id, v.offer_id};
}

// Reads the invitation a token names, with what it asks for. nullopt for a forged or unknown token.
std::optional<InvitationView> load_invitation(store::Transaction& tx, const std::string& token) {
    if (token.size() < 20 || token.size() > 200) return std::nullopt;
    // Found by the token's hash: only whoever holds the 256-bit token can produce it, so an equality lookup
    // gives a timing attacker nothing to work with.
    const auto r = data::deals::find_invitation(tx, crypto::hash_secret(token));
    if (!r) return std::nullopt;
    InvitationView v;
    v.id = r->id;
    v.state = invitation_state(*r);
    v.email = r->email;
    v.expires_at = r->expires_at;
    v.publisher_id = r->publisher_id;
    v.publisher_name = r->publisher_name;
    v.offer_id = r->offer_id;
    v.offer_name = data::offers::parse_listing(r->offer_listing).name;
    if (v.offer_name.empty()) v.offer_name = v.offer_id;
    v.customer_name = r->customer_name;
    v.tenant_id = r->tenant_id;
    const auto names = data::deals::plan_names(tx, v.publisher_id, v.offer_id);
    for (const auto& id : r->plan_ids) {
        const auto name = names.find(id);
        v.plans.emplace_back(id, name != names.end() ? name->second : id);
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
    if (!data::deals::tenant_has_domain(tx, principal.tenant_id, domain)) {
        return Status::Forbidden("This invitation was sent to an address at " + domain +
                                 ", which is not a domain of your tenant; sign in to that organisation's tenant");
    }
    return Status::Ok();
}

}  // namespace

domain::DealSnapshot deal_snapshot(const data::DealRow& d) {
    return {.id = d.id,
            .offer_id = d.offer_id,
            .customer = {d.customer.name, d.customer.domain, d.customer.contact_email},
            .plan_ids = d.plan_ids,
            .seats = d.seats,
            .value_cents = d.value_cents,
            .currency = d.currency,
            .close_date = d.close_date,
            .state = d.state,
            .tenant_id = d.tenant_id,
            .source = d.source};
}

boost::json::object deal_json(const data::DealRow& d) { return deal_snapshot(d).to_json(); }

Result<data::DealRow> register_deal(Services& services, const Principal& principal, const NewDeal& input) {
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
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<data::DealRow> {
            const auto offer = data::offers::find_offer(tx, principal.publisher_id, input.offer_id);
            if (!offer)
                return Status::Invalid("offer_id", "unknown_offer", "you have no offer '" + input.offer_id + "'");
            if (!offer->offer.licensing.license_management) {
                return Status::Invalid("offer_id", "license_management_off",
                                       "offer '" + input.offer_id +
                                           "' doesn't use app license management, so it has no licenses to register");
            }
            SK_RETURN_IF_ERROR(check_plans(tx, principal.publisher_id, input.offer_id, input.plan_ids));
            const Millis now = now_millis();
            data::DealRow d{"deal_" + crypto::random_token(9),
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
            data::deals::insert(tx, d, principal.actor);
            append_event(
                tx, principal.actor, principal.publisher_id,
                make_event<EventType::kDealRegistered>(domain::deal_subject(d.id), std::nullopt, deal_snapshot(d)));
            return d;
        });
}

Result<std::vector<data::DealRow>> list_deals(Services& services, const Principal& principal,
                                              std::optional<domain::DealState> state) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    const std::string state_text = state ? std::string(domain::to_string(*state)) : "";
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<data::DealRow>> {
                                     return data::deals::list(tx, principal.publisher_id, state_text);
                                 });
}

Result<data::DealRow> get_deal(Services& services, const Principal& principal, const std::string& deal_id) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<data::DealRow> {
                                     auto d = data::deals::find(tx, principal.publisher_id, deal_id);
                                     if (!d) return Status::NotFound("deal '" + deal_id + "' does not exist");
                                     return std::move(*d);
                                 });
}

Result<data::DealRow> update_deal(Services& services, const Principal& principal, const std::string& deal_id,
                                  const DealPatch& patch) {
    SK_RETURN_IF_ERROR(require_licensing(principal));
    SK_RETURN_IF_ERROR(validate_counts(patch.seats, patch.value_cents));
    if (patch.currency) SK_RETURN_IF_ERROR(validate_currency(*patch.currency));
    if (patch.close_date) SK_RETURN_IF_ERROR(domain::validate_date("close_date", *patch.close_date));
    if (patch.contact_email) SK_RETURN_IF_ERROR(domain::validate_email("customer.contact_email", *patch.contact_email));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<data::DealRow> {
            const auto before = data::deals::find(tx, principal.publisher_id, deal_id);
            if (!before) return Status::NotFound("deal '" + deal_id + "' does not exist");
            data::DealRow d = *before;
            const bool final_state = before->state == domain::DealState::kWon ||
                                     before->state == domain::DealState::kLost ||
                                     before->state == domain::DealState::kWithdrawn;
            if (patch.state && *patch.state != d.state) {
                SK_RETURN_IF_ERROR(domain::check_deal_transition(d.state, *patch.state));
                d.state = *patch.state;
                const bool closing = d.state == domain::DealState::kLost || d.state == domain::DealState::kWithdrawn;
                if (closing && data::licenses::deal_has_active(tx, deal_id)) {
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
                if (!data::deals::relationship_exists(tx, principal.publisher_id, *patch.tenant_id)) {
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
            data::deals::update(tx, d);
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
            const auto deal = data::deals::find(tx, principal.publisher_id, deal_id);
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
            data::deals::insert_invitation(tx, {link.id, crypto::hash_secret(token), principal.publisher_id, deal_id,
                                                address, link.expires_at, principal.actor, now});
            const auto publisher = data::marketplace::publisher_name(tx, principal.publisher_id);
            const auto offer = data::offers::find_offer(tx, principal.publisher_id, deal->offer_id);
            const std::string publisher_name = publisher.value_or(principal.publisher_id);
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
            const std::string deal_id = *data::deals::deal_of_invitation(tx, v.id);
            const auto deal = data::deals::find(tx, v.publisher_id, deal_id);
            if (deal->state == domain::DealState::kLost || deal->state == domain::DealState::kWithdrawn) {
                return Status::Conflict("deal_closed", "The publisher closed this deal (" +
                                                           std::string(domain::to_string(deal->state)) +
                                                           "); there is nothing to consent to any more");
            }
            if (deal->tenant_id && *deal->tenant_id != principal.tenant_id) {
                return Status::Conflict("customer_set", "This deal already belongs to another customer tenant");
            }
            data::deals::set_invitation_accepted(tx, v.id, now, principal.actor, principal.tenant_id);
            if (!data::deals::relationship_exists(tx, v.publisher_id, principal.tenant_id)) {
                data::deals::insert_relationship(tx, v.publisher_id, principal.tenant_id, principal.actor, now);
                append_event(
                    tx, principal.actor, v.publisher_id,
                    make_event<EventType::kRelationshipCreated>(
                        domain::relationship_subject(principal.tenant_id), std::nullopt,
                        domain::RelationshipSnapshot{v.publisher_id, principal.tenant_id}, principal.tenant_id));
            }
            data::deals::set_tenant(tx, deal_id, principal.tenant_id, now);
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
            data::deals::set_invitation_declined(tx, v.id, now_millis(), principal.actor, principal.tenant_id);
            const auto deal_id = data::deals::deal_of_invitation(tx, v.id);
            v.state = "declined";
            v.tenant_id = principal.tenant_id;
            append_event(
                tx, principal.actor, v.publisher_id,
                make_event<EventType::kInvitationDeclined>(domain::invitation_subject(*deal_id, v.id), std::nullopt,
                                                           answer_snapshot(v), principal.tenant_id));
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
    const auto row = data::deals::find_signup_code(tx, v.id);
    if (!row) {
        return Status::Invalid("code", "code_required",
                               "ask for a sign-up code first: it is mailed to " + v.email + " (signup-code)");
    }
    if (row->attempts >= kSignupCodeTries || row->expires_at < now_millis()) {
        return Status::Invalid("code", "code_expired",
                               "this sign-up code has expired or was entered wrongly too often; ask for a new one");
    }
    if (!crypto::constant_time_equal(row->code_hash, signup_code_hash(v.id, code))) {
        data::deals::count_signup_code_try(tx, v.id);
        const std::int64_t left = kSignupCodeTries - row->attempts - 1;
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
        const auto last = data::deals::find_signup_code(tx, v.id);
        if (last && last->created_at > now - services.settings().signup_code_interval_ms) {
            return Status::RateLimited("a sign-up code was mailed to " + v.email +
                                       " less than a minute ago; wait for it, or try again in a minute");
        }
        data::deals::delete_signup_code(tx, v.id);
        data::deals::insert_signup_code(tx, v.id, signup_code_hash(v.id, code), now, now + kSignupCodeTtl);
        OutgoingMail mail{v.email, "Your sign-up code for " + v.publisher_name + "'s invitation",
                          "Hello,\n\nSomeone is creating your organisation's Seatkeeper account from the invitation " +
                              v.publisher_name + " sent to " + v.email + ".\n\nThe code to enter there is:\n\n    " +
                              code + "\n\nIt works once and for 15 minutes. If it was not you, ignore this mail: " +
                              "without the code no account is created.\n",
                          v.publisher_id, std::nullopt};
        mail.secret_body = true;
        SK_RETURN_IF_ERROR(enqueue_mail(tx, mail).status());
        const auto deal_id = data::deals::deal_of_invitation(tx, v.id);
        append_event(
            tx, "public", v.publisher_id,
            make_event<EventType::kInvitationSignupCodeSent>(domain::invitation_subject(*deal_id, v.id), std::nullopt,
                                                             domain::SignupCodeSnapshot{v.id, v.email}));
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
            if (!data::deals::consume_signup_code(tx, v.id, signup_code_hash(v.id, input.code), kSignupCodeTries,
                                                  now_millis())) {
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
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<CustomerRecord>> {
                                     std::vector<CustomerRecord> out;
                                     for (const auto& r : data::deals::relationships_of(tx, principal.publisher_id)) {
                                         if (auto t = load_tenant(tx, r.tenant_id))
                                             out.push_back({std::move(*t), r.created_at});
                                     }
                                     return out;
                                 });
}

}  // namespace seatkeeper::service
