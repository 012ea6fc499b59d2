#include "http/inputs/offer_inputs.hpp"

#include "common/json.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"

namespace seatkeeper::http::inputs {

namespace {

// An immutable field sent back as it was read is only compared, so its bound is generous: "changed" is the
// answer a client needs, not "too long".
constexpr std::size_t kMaxEchoedLength = 1000;
constexpr std::size_t kMaxEnumLength = 32;

}  // namespace

Result<service::NewOffer> parse_new_offer(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"id", "alias", "type"}));
    service::NewOffer input;
    SK_ASSIGN_OR_RETURN(input.id, f.required_string("id", domain::kMaxIdLength));
    SK_ASSIGN_OR_RETURN(input.alias, f.required_string("alias", domain::kMaxAliasLength));
    SK_ASSIGN_OR_RETURN(input.type, f.required_string("type", domain::kMaxOfferTypeLength));
    return input;
}

Result<service::OfferPatch> parse_offer_patch(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"licensing", "call_to_action", "listing", "technical_configuration", "id", "alias",
                               "type", "publisher_id", "state", "notifications", "marketplace_url", "preview_url",
                               "marketplace_actions", "created_at", "updated_at", "reviewed_at", "live_at"}));
    service::OfferPatch patch;
    // Offer ID, alias and type are immutable: sent back unchanged they are fine, changed they are refused.
    SK_ASSIGN_OR_RETURN(patch.id, f.optional_string("id", kMaxEchoedLength));
    SK_ASSIGN_OR_RETURN(patch.alias, f.optional_string("alias", kMaxEchoedLength));
    SK_ASSIGN_OR_RETURN(patch.type, f.optional_string("type", kMaxEchoedLength));
    SK_ASSIGN_OR_RETURN(auto licensing, f.optional_object("licensing"));
    if (licensing) {
        SK_RETURN_IF_ERROR(licensing->only({"license_management", "allow_install_without_license", "locked"}));
        SK_ASSIGN_OR_RETURN(patch.license_management, licensing->optional_bool("license_management"));
        SK_ASSIGN_OR_RETURN(patch.allow_install_without_license,
                            licensing->optional_bool("allow_install_without_license"));
    }
    if (f.has("call_to_action")) {
        patch.call_to_action_given = true;
        SK_ASSIGN_OR_RETURN(auto cta, f.optional_string("call_to_action", kMaxEnumLength));
        if (cta) {
            patch.call_to_action = domain::parse_call_to_action(*cta);
            if (!patch.call_to_action) {
                return Status::Invalid("call_to_action", "enum",
                                       "call_to_action must be get_it_now, free_trial, contact_me or null");
            }
        }
    }
    SK_ASSIGN_OR_RETURN(auto listing, f.optional_object("listing"));
    if (listing) {
        SK_RETURN_IF_ERROR(listing->only({"name", "summary", "description", "privacy_policy_url", "support_url"}));
        SK_ASSIGN_OR_RETURN(patch.name, listing->optional_string("name", domain::kMaxOfferNameLength));
        SK_ASSIGN_OR_RETURN(
            patch.summary, listing->optional_string("summary", domain::kMaxOfferSummaryLength, json::Text::kMultiline));
        SK_ASSIGN_OR_RETURN(
            patch.description,
            listing->optional_string("description", domain::kMaxOfferDescriptionLength, json::Text::kMultiline));
        SK_ASSIGN_OR_RETURN(patch.privacy_policy_url,
                            listing->optional_string("privacy_policy_url", domain::kMaxUrlLength));
        SK_ASSIGN_OR_RETURN(patch.support_url, listing->optional_string("support_url", domain::kMaxUrlLength));
    }
    SK_ASSIGN_OR_RETURN(auto technical, f.optional_object("technical_configuration"));
    if (technical) {
        SK_RETURN_IF_ERROR(technical->only({"base_license_model", "package_url", "package_upload"}));
        SK_ASSIGN_OR_RETURN(patch.base_license_model, technical->optional_string("base_license_model", kMaxEnumLength));
        SK_ASSIGN_OR_RETURN(patch.package_url, technical->optional_string("package_url", domain::kMaxUrlLength));
        // An explicit null removes the URL, like "".
        const auto& raw = body.at("technical_configuration").as_object();
        if (const auto* v = raw.if_contains("package_url"); v != nullptr && v->is_null()) {
            patch.package_url = std::string();
        }
    }
    return patch;
}

Result<service::NewPlan> parse_new_plan(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"id", "name", "description", "more_info_url"}));
    service::NewPlan plan;
    SK_ASSIGN_OR_RETURN(plan.id, f.required_string("id", domain::kMaxIdLength));
    SK_ASSIGN_OR_RETURN(plan.name, f.required_string("name", domain::kMaxPlanNameLength));
    SK_ASSIGN_OR_RETURN(auto description,
                        f.optional_string("description", domain::kMaxPlanDescriptionLength, json::Text::kMultiline));
    SK_ASSIGN_OR_RETURN(auto more_info, f.optional_string("more_info_url", domain::kMaxUrlLength));
    plan.description = description.value_or("");
    plan.more_info_url = more_info.value_or("");
    return plan;
}

Result<service::PlanPatch> parse_plan_patch(const boost::json::object& body, std::string_view plan_id) {
    const json::Fields f(body);
    // Read-only fields of a plan are accepted and ignored, as for offers.
    SK_RETURN_IF_ERROR(f.only({"id", "name", "description", "more_info_url", "state", "service_id", "created_at",
                               "updated_at", "trial_days", "trial_seats"}));
    if (const auto* id = body.if_contains("id"); id != nullptr && !(id->is_string() && id->as_string() == plan_id)) {
        return Status::Invalid("id", "immutable", "Plan ID can't be changed after the plan is created");
    }
    service::PlanPatch patch;
    SK_ASSIGN_OR_RETURN(patch.name, f.optional_string("name", domain::kMaxPlanNameLength));
    SK_ASSIGN_OR_RETURN(patch.description,
                        f.optional_string("description", domain::kMaxPlanDescriptionLength, json::Text::kMultiline));
    SK_ASSIGN_OR_RETURN(patch.more_info_url, f.optional_string("more_info_url", domain::kMaxUrlLength));
    SK_ASSIGN_OR_RETURN(const auto trial_days, f.optional_integer("trial_days", 0, domain::kMaxTrialDays));
    SK_ASSIGN_OR_RETURN(const auto trial_seats, f.optional_integer("trial_seats", 0, domain::kMaxTrialSeats));
    if (trial_days) patch.trial_days = static_cast<std::int32_t>(*trial_days);
    if (trial_seats) patch.trial_seats = static_cast<std::int32_t>(*trial_seats);
    return patch;
}

Result<service::NewLead> parse_new_lead(const boost::json::object& body) {
    const json::Fields f(body);
    SK_RETURN_IF_ERROR(f.only({"name", "email", "company", "message"}));
    service::NewLead lead;
    SK_ASSIGN_OR_RETURN(lead.name, f.required_string("name", domain::kMaxLeadNameLength));
    SK_ASSIGN_OR_RETURN(lead.email, f.required_string("email", domain::kMaxEmailLength));
    SK_ASSIGN_OR_RETURN(auto company, f.optional_string("company", domain::kMaxLeadCompanyLength));
    SK_ASSIGN_OR_RETURN(auto message,
                        f.optional_string("message", domain::kMaxLeadMessageLength, json::Text::kMultiline));
    lead.company = company.value_or("");
    lead.message = message.value_or("");
    return lead;
}

}  // namespace seatkeeper::http::inputs
