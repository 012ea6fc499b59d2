#include "http/inputs/deal_inputs.hpp"

#include "common/json.hpp"
#include "domain/customer.hpp"
#include "domain/limits.hpp"

namespace seatkeeper::http::inputs {

using domain::kMaxEmailLength;

namespace {

constexpr std::size_t kMaxStateLength = 32;
constexpr std::size_t kTenantIdLength = 36;  // a GUID in text form
constexpr std::size_t kMaxDateText = 32;     // YYYY-MM-DD is 10; longer text is refused as not a date

// A date field as YYYY-MM-DD, required.
Result<domain::Day> required_day(const json::Fields& f, std::string_view key) {
    SK_ASSIGN_OR_RETURN(const std::string text, f.required_string(key, kMaxDateText));
    const auto day = domain::parse_day(text);
    if (!day) {
        return Status::Invalid(f.path_of(key), "date",
                               f.path_of(key) + " must be a date as YYYY-MM-DD (UTC), not '" + text + "'");
    }
    return *day;
}

}  // namespace

Result<service::NewDeal> parse_new_deal(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"customer", "offer_id", "plan_ids", "seats", "value", "currency", "close_date"}));
    service::NewDeal deal;
    SK_ASSIGN_OR_RETURN(auto customer, f.optional_object("customer"));
    if (!customer)
        return Status::Invalid("customer", "required", "customer is required: {name, domain, contact_email}");
    SK_RETURN_IF_ERROR(customer->only({"name", "domain", "contact_email"}));
    SK_ASSIGN_OR_RETURN(deal.customer.name, customer->required_string("name", domain::kMaxCustomerNameLength));
    SK_ASSIGN_OR_RETURN(deal.customer.domain, customer->required_string("domain", domain::kMaxDomainLength));
    SK_ASSIGN_OR_RETURN(deal.customer.contact_email, customer->required_string("contact_email", kMaxEmailLength));
    SK_ASSIGN_OR_RETURN(deal.offer_id, f.required_string("offer_id", domain::kMaxIdLength));
    SK_ASSIGN_OR_RETURN(auto plans, f.optional_string_list("plan_ids", domain::kMaxDealPlans, domain::kMaxIdLength));
    if (!plans) return Status::Invalid("plan_ids", "required", "plan_ids is required");
    deal.plan_ids = std::move(*plans);
    SK_ASSIGN_OR_RETURN(auto seats, f.optional_integer("seats", 1, domain::kMaxDealSeats));
    if (!seats) return Status::Invalid("seats", "required", "seats is required");
    deal.seats = *seats;
    SK_ASSIGN_OR_RETURN(auto value, f.optional_cents("value", domain::kMaxDealValueCents));
    if (!value) return Status::Invalid("value", "required", "value is required");
    deal.value_cents = *value;
    SK_ASSIGN_OR_RETURN(auto currency, f.optional_string("currency", domain::kCurrencyCodeLength));
    deal.currency = currency.value_or("USD");
    SK_ASSIGN_OR_RETURN(deal.close_date, f.required_string("close_date", domain::kDateLength));
    return deal;
}

Result<service::DealPatch> parse_deal_patch(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(
        f.only({"state", "seats", "value", "currency", "close_date", "plan_ids", "customer", "tenant_id"}));
    service::DealPatch patch;
    SK_ASSIGN_OR_RETURN(auto state, f.optional_string("state", kMaxStateLength));
    if (state) {
        patch.state = domain::parse_deal_state(*state);
        if (!patch.state) {
            return Status::Invalid("state", "enum", "state must be submitted, in_progress, won, lost or withdrawn");
        }
    }
    SK_ASSIGN_OR_RETURN(patch.seats, f.optional_integer("seats", 1, domain::kMaxDealSeats));
    SK_ASSIGN_OR_RETURN(patch.value_cents, f.optional_cents("value", domain::kMaxDealValueCents));
    SK_ASSIGN_OR_RETURN(patch.currency, f.optional_string("currency", domain::kCurrencyCodeLength));
    SK_ASSIGN_OR_RETURN(patch.close_date, f.optional_string("close_date", domain::kDateLength));
    SK_ASSIGN_OR_RETURN(patch.plan_ids,
                        f.optional_string_list("plan_ids", domain::kMaxDealPlans, domain::kMaxIdLength));
    SK_ASSIGN_OR_RETURN(auto customer, f.optional_object("customer"));
    if (customer) {
        SK_RETURN_IF_ERROR(customer->only({"contact_email"}));
        SK_ASSIGN_OR_RETURN(patch.contact_email, customer->optional_string("contact_email", kMaxEmailLength));
    }
    SK_ASSIGN_OR_RETURN(auto tenant, f.optional_string("tenant_id", kTenantIdLength));
    if (tenant) {
        patch.tenant_id = domain::normalize_tenant_id(*tenant);
        if (!patch.tenant_id) return Status::Invalid("tenant_id", "guid", "tenant_id must be a tenant ID (a GUID)");
    }
    return patch;
}

Result<std::string> parse_invitation(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"email"}));
    return f.required_string("email", kMaxEmailLength);
}

Result<service::LicenseSet> parse_deal_license_set(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"quantity", "force", "term", "site"}));
    // Whether a quantity is needed depends on `site` and, when that is absent, on the license as it is: the
    // service decides (service::set_deal_license).
    SK_ASSIGN_OR_RETURN(auto quantity, f.optional_integer("quantity", 0, domain::kMaxLicenseQuantity));
    SK_ASSIGN_OR_RETURN(auto force, f.optional_bool("force"));
    SK_ASSIGN_OR_RETURN(auto site, f.optional_bool("site"));
    service::LicenseSet out{quantity, force.value_or(false), std::nullopt, site};
    SK_ASSIGN_OR_RETURN(auto term, f.optional_object("term"));
    if (term) {
        SK_RETURN_IF_ERROR(term->only({"start_date", "end_date", "grace_days"}));
        SK_ASSIGN_OR_RETURN(const domain::Day start, required_day(*term, "start_date"));
        SK_ASSIGN_OR_RETURN(const domain::Day end, required_day(*term, "end_date"));
        SK_ASSIGN_OR_RETURN(auto grace, term->optional_integer("grace_days", 0, domain::kMaxGraceDays));
        out.term = domain::LicenseTerm{start, end, static_cast<std::int32_t>(grace.value_or(0))};
    } else if (f.has("term")) {
        out.term = std::optional<domain::LicenseTerm>{};  // null: no end
    }
    return out;
}

Result<std::string> parse_license_suspension(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"reason"}));
    return f.required_string("reason", domain::kMaxSuspensionReasonLength);
}

Result<domain::Day> parse_license_renewal(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"end_date"}));
    return required_day(f, "end_date");
}

}  // namespace seatkeeper::http::inputs
