#include "domain/offer.hpp"

#include <algorithm>
#include <set>

#include "domain/ids.hpp"

namespace seatkeeper::domain {

std::string_view to_string(OfferState state) {
    switch (state) {
        case OfferState::kDraft:
            return "draft";
        case OfferState::kInReview:
            return "in_review";
        case OfferState::kNeedsAttention:
            return "needs_attention";
        case OfferState::kPreview:
            return "preview";
        case OfferState::kPublishing:
            return "publishing";
        case OfferState::kLive:
            return "live";
    }
    return "draft";
}

std::optional<OfferState> parse_offer_state(std::string_view text) {
    for (const auto s : {OfferState::kDraft, OfferState::kInReview, OfferState::kNeedsAttention, OfferState::kPreview,
                         OfferState::kPublishing, OfferState::kLive}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

std::string_view to_string(CallToAction cta) {
    switch (cta) {
        case CallToAction::kGetItNow:
            return "get_it_now";
        case CallToAction::kFreeTrial:
            return "free_trial";
        case CallToAction::kContactMe:
            return "contact_me";
    }
    return "contact_me";
}

std::optional<CallToAction> parse_call_to_action(std::string_view text) {
    for (const auto c : {CallToAction::kGetItNow, CallToAction::kFreeTrial, CallToAction::kContactMe}) {
        if (to_string(c) == text) return c;
    }
    return std::nullopt;
}

std::string_view to_string(PlanState state) {
    switch (state) {
        case PlanState::kDraft:
            return "draft";
        case PlanState::kSubmitted:
            return "submitted";
        case PlanState::kPublished:
            return "published";
    }
    return "draft";
}

std::optional<PlanState> parse_plan_state(std::string_view text) {
    for (const auto s : {PlanState::kDraft, PlanState::kSubmitted, PlanState::kPublished}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

Status check_change_allowed(OfferState state, OfferChange change) {
    switch (state) {
        case OfferState::kInReview:
            return Status::Conflict("offer_in_review",
                                    "The offer is being reviewed; wait for the review to finish before changing it");
        case OfferState::kPublishing:
            return Status::Conflict("offer_publishing",
                                    "The offer is going live; wait until it is live before changing it");
        case OfferState::kLive:
            if (change == OfferChange::kListing || change == OfferChange::kCallToAction) return Status::Ok();
            return Status::Conflict("offer_live",
                                    "The offer is live: its licensing, technical configuration and plans are fixed; "
                                    "only its listing and call to action can change");
        case OfferState::kDraft:
        case OfferState::kNeedsAttention:
        case OfferState::kPreview:
            return Status::Ok();
    }
    return Status::Ok();
}

OfferState state_after_change(OfferState state) { return state == OfferState::kPreview ? OfferState::kDraft : state; }

Status check_licensing(const Offer& offer, const Licensing& wanted) {
    const bool changed = wanted.license_management != offer.licensing.license_management ||
                         wanted.allow_install_without_license != offer.licensing.allow_install_without_license;
    if (changed && offer.licensing_locked) {
        return Status::Conflict("licensing_locked",
                                "Licensing options are a one-time setting and can't change once the offer is "
                                "published",
                                "licensing");
    }
    if (wanted.allow_install_without_license && !wanted.license_management) {
        return Status::Invalid("licensing.allow_install_without_license", "requires_license_management",
                               "Allow customers to install my app even if licenses are not assigned requires app "
                               "license management to be enabled");
    }
    return Status::Ok();
}

Status check_call_to_action(const Licensing& licensing, const std::optional<CallToAction>& cta) {
    if (cta && licensing.license_management) {
        return Status::Invalid("call_to_action", "license_managed",
                               "A license-managed offer has no call to action of its own: the marketplace shows "
                               "Contact me (and Get it now when install without licenses is allowed)");
    }
    return Status::Ok();
}

Status check_publish(OfferState state) {
    switch (state) {
        case OfferState::kDraft:
        case OfferState::kNeedsAttention:
        case OfferState::kPreview:
            return Status::Ok();
        case OfferState::kInReview:
            return Status::Conflict("offer_in_review", "The offer is already being reviewed");
        case OfferState::kPublishing:
            return Status::Conflict("offer_publishing", "The offer is going live already");
        case OfferState::kLive:
            return Status::Conflict("offer_live", "The offer is already live");
    }
    return Status::Ok();
}

Status check_go_live(OfferState state) {
    if (state == OfferState::kPreview) return Status::Ok();
    if (state == OfferState::kPublishing)
        return Status::Conflict("offer_publishing", "The offer is going live already");
    if (state == OfferState::kLive) return Status::Conflict("offer_live", "The offer is already live");
    return Status::Conflict("offer_not_in_preview",
                            "Only an offer in Preview can go live; this one is " + std::string(to_string(state)));
}

Status validate_trial(std::int32_t trial_days, std::int32_t trial_seats) {
    if (trial_days < 0 || trial_days > kMaxTrialDays) {
        return Status::Invalid("trial_days", "range",
                               "Trial length must be between 0 and " + std::to_string(kMaxTrialDays) + " days");
    }
    if (trial_seats < 0 || trial_seats > kMaxTrialSeats) {
        return Status::Invalid("trial_seats", "range",
                               "Trial users must be between 0 and " + std::to_string(kMaxTrialSeats));
    }
    if (trial_days > 0 && trial_seats == 0) {
        return Status::Invalid("trial_seats", "required", "A trial needs at least one user (trial_seats)");
    }
    if (trial_seats > 0 && trial_days == 0) {
        return Status::Invalid("trial_days", "required", "A trial needs a length in days (trial_days)");
    }
    return Status::Ok();
}

std::vector<CallToAction> marketplace_actions(const Offer& offer) {
    if (offer.licensing.license_management) {
        std::vector<CallToAction> actions{CallToAction::kContactMe};
        if (offer.licensing.allow_install_without_license) actions.push_back(CallToAction::kGetItNow);
        if (offer.trial_offered) actions.push_back(CallToAction::kFreeTrial);
        return actions;
    }
    if (offer.call_to_action) return {*offer.call_to_action};
    return {};
}

std::vector<Notification> review_listing(const Offer& offer, const std::vector<Plan>& plans) {
    std::vector<Notification> out;
    const auto missing = [&out](std::string field, const std::string& label, std::string where) {
        out.push_back({"listing_incomplete", label + " is missing", std::move(where),
                       "Fill in " + label + " and select Review and publish again", std::move(field)});
    };
    if (offer.listing.name.empty()) missing("listing.name", "the offer name", "Offer listing");
    if (offer.listing.summary.empty()) missing("listing.summary", "the summary", "Offer listing");
    if (offer.listing.description.empty()) missing("listing.description", "the description", "Offer listing");
    if (!offer.licensing.license_management && !offer.call_to_action) {
        out.push_back({"call_to_action_missing", "The offer has no call to action", "Offer setup",
                       "Choose Get it now (Free), Free trial or Contact me, or enable app license management",
                       "call_to_action"});
    }
    if (offer.package_url.empty() && !offer.has_uploaded_package) {
        out.push_back({"package_missing", "No CRM package is given", "Technical configuration",
                       "Enter the CRM Package URL or upload the package zip", "technical_configuration.package_url"});
    }
    if (plans.empty()) {
        out.push_back({"plans_missing", "The offer has no plans", "Plan overview",
                       "Select Create new plan and add at least one plan", "plans"});
    }
    for (const Plan& plan : plans) {
        if (plan.description.empty()) {
            out.push_back({"plan_incomplete", "Plan '" + plan.id + "' has no description", "Plan listing: " + plan.id,
                           "Enter the Plan description and select Save draft", "plans." + plan.id + ".description"});
        }
    }
    return out;
}

std::vector<Notification> review_package_against_plans(const Offer& offer, const std::vector<Plan>& plans,
                                                       const PackageManifest& manifest) {
    std::vector<Notification> out;
    if (!offer.licensing.license_management) return out;
    constexpr std::string_view kPlansFile = "ServicePlans/ServicePlans.xml";
    constexpr std::string_view kModulesFile = "ServicePlans/ServicePlansAppModules.xml";
    std::set<std::string> expected;
    for (const Plan& plan : plans) expected.insert(service_id(offer.publisher_id, offer.id, plan.id));
    std::set<std::string> in_package;
    for (const auto& entry : manifest.service_plans) in_package.insert(entry.service_id);
    std::set<std::string> mapped;
    for (const auto& m : manifest.app_modules) {
        if (!m.app_module.empty()) mapped.insert(m.service_id);
    }
    for (const Plan& plan : plans) {
        const std::string sid = service_id(offer.publisher_id, offer.id, plan.id);
        if (!in_package.contains(sid)) {
            out.push_back({"service_id_missing",
                           "Service ID " + sid + " of plan '" + plan.id + "' is not in the package",
                           std::string(kPlansFile),
                           "Add a ServicePlan with ServiceId " + sid + " to " + std::string(kPlansFile) +
                               ", rebuild the package and select Review and publish again",
                           "technical_configuration.package_url"});
        } else if (!mapped.contains(sid)) {
            out.push_back({"service_id_unmapped", "Service ID " + sid + " is mapped to no app module",
                           std::string(kModulesFile),
                           "Add a ServicePlanAppModule mapping " + sid + " to the app module it licenses in " +
                               std::string(kModulesFile),
                           "technical_configuration.package_url"});
        }
    }
    for (const std::string& sid : in_package) {
        if (!expected.contains(sid)) {
            out.push_back({"service_id_unknown",
                           "Service ID " + sid + " in the package belongs to no plan of this offer",
                           std::string(kPlansFile),
                           "Remove " + sid +
                               " from the package, or create the plan it stands for (Service IDs are "
                               "<publisher ID>.<offer ID>.<plan ID>)",
                           "technical_configuration.package_url"});
        }
    }
    return out;
}

}  // namespace seatkeeper::domain
