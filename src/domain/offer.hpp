// An offer's rules: its lifecycle, which changes each state allows, the licensing options and their
// one-time lock, the call to action, and the marketplace actions that follow (PRODUCT.md steps 2–8).
//
// Lifecycle:  draft ─publish→ in_review ─clean→ preview ─go-live→ publishing ─delay→ live
//                               └─problems→ needs_attention ─publish→ in_review
// While `in_review` or `publishing` the offer is frozen (409). Changing an offer in `preview` sends it back
// to `draft`: the preview no longer shows what was reviewed. A `live` offer keeps its listing editable; its
// licensing, technical configuration and plans are fixed once live.
//
// Pure functions over plain values; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "domain/package.hpp"

namespace seatkeeper::domain {

inline constexpr std::string_view kOfferTypeDynamics = "dynamics-365-ce-powerapps";

enum class OfferState { kDraft, kInReview, kNeedsAttention, kPreview, kPublishing, kLive };
std::string_view to_string(OfferState state);
std::optional<OfferState> parse_offer_state(std::string_view text);

enum class CallToAction { kGetItNow, kFreeTrial, kContactMe };
std::string_view to_string(CallToAction cta);
std::optional<CallToAction> parse_call_to_action(std::string_view text);

enum class PlanState { kDraft, kSubmitted, kPublished };
std::string_view to_string(PlanState state);
std::optional<PlanState> parse_plan_state(std::string_view text);

struct Licensing {
    bool license_management = false;
    bool allow_install_without_license = false;
};

struct Listing {
    std::string name;
    std::string summary;
    std::string description;
    std::string privacy_policy_url;
    std::string support_url;
};

struct Plan {
    std::string id;
    std::string name;
    std::string description;
    std::string more_info_url;
    PlanState state = PlanState::kDraft;
    // A free trial (issue 14): a tenant admin may start a pool of `trial_seats` for `trial_days` once; both 0
    // when the plan offers none.
    std::int32_t trial_days = 0;
    std::int32_t trial_seats = 0;
    [[nodiscard]] bool offers_trial() const { return trial_days > 0 && trial_seats > 0; }
};

inline constexpr std::int32_t kMaxTrialDays = 365;
inline constexpr std::int32_t kMaxTrialSeats = 10'000;
// Ok, or Invalid naming the field: each within 0 to its maximum (rule "range"), and one above 0 only with the
// other (rule "required": a trial needs both a length and seats).
Status validate_trial(std::int32_t trial_days, std::int32_t trial_seats);

struct Offer {
    std::string publisher_id;
    std::string id;
    std::string alias;
    OfferState state = OfferState::kDraft;
    Licensing licensing;
    bool licensing_locked = false;
    std::optional<CallToAction> call_to_action;
    Listing listing;
    std::string package_url;
    bool has_uploaded_package = false;
    bool trial_offered = false;  // a plan of it offers a free trial (Plan::offers_trial)
};

// What a change touches; the state decides which are allowed.
enum class OfferChange { kListing, kLicensing, kCallToAction, kTechnicalConfiguration, kPlans };

// Ok, or Conflict naming why the offer can't change now.
Status check_change_allowed(OfferState state, OfferChange change);
// The state after an allowed change (preview → draft; otherwise unchanged).
OfferState state_after_change(OfferState state);

// The one-time licensing setting: refused once locked; install-without-license needs license management.
Status check_licensing(const Offer& offer, const Licensing& wanted);
// A call to action only applies to offers without license management.
Status check_call_to_action(const Licensing& licensing, const std::optional<CallToAction>& cta);

// Review and publish: allowed from draft and needs_attention (and from preview, to re-review).
Status check_publish(OfferState state);
Status check_go_live(OfferState state);

// The marketplace's buttons for a live offer (PRODUCT.md step 8): license-enabled → contact_me (plus
// get_it_now with install-without-license); otherwise the chosen call to action.
std::vector<CallToAction> marketplace_actions(const Offer& offer);

// The listing and plan checks of review (what must be filled in before an offer can be published).
std::vector<Notification> review_listing(const Offer& offer, const std::vector<Plan>& plans);
// The package checks of review: every plan's Service ID present, none unknown, each mapped to an app module.
std::vector<Notification> review_package_against_plans(const Offer& offer, const std::vector<Plan>& plans,
                                                       const PackageManifest& manifest);

}  // namespace seatkeeper::domain
