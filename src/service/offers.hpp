// The publisher's offers and plans (PRODUCT.md steps 2–8): create, change, package, review and publish, go live.
//
// Every use case is scoped to the caller's publisher: another publisher's offer is simply not found (404).
// Reviews and go-live timers are durable jobs enqueued in the same transaction as the state change, so a
// restart loses neither; service/review.cpp holds what those jobs do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/offers.hpp"
#include "domain/offer.hpp"
#include "service/context.hpp"

namespace seatkeeper::service {

struct NewOffer {
    std::string id;
    std::string alias;
    std::string type;
};

// Each member left empty stays as it is; `call_to_action` distinguishes "not given" from "cleared" (null).
struct OfferPatch {
    // Immutable after create: given, they must equal the offer's (a client may send back what it read).
    std::optional<std::string> id;
    std::optional<std::string> alias;
    std::optional<std::string> type;
    std::optional<bool> license_management;
    std::optional<bool> allow_install_without_license;
    bool call_to_action_given = false;
    std::optional<domain::CallToAction> call_to_action;
    std::optional<std::string> name;
    std::optional<std::string> summary;
    std::optional<std::string> description;
    std::optional<std::string> privacy_policy_url;
    std::optional<std::string> support_url;
    std::optional<std::string> base_license_model;
    std::optional<std::string> package_url;  // "" removes it
};

struct NewPlan {
    std::string id;
    std::string name;
    std::string description;
    std::string more_info_url;
};

struct PlanPatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> more_info_url;
    // The free trial (issue 14): commercial terms rather than the plan's content, so they may change while the
    // offer is live (like its call to action), and only for offers with app license management.
    std::optional<std::int32_t> trial_days;
    std::optional<std::int32_t> trial_seats;
    [[nodiscard]] bool trial_only() const {
        return (trial_days || trial_seats) && !name && !description && !more_info_url;
    }
};

Result<data::OfferRecord> create_offer(Services& services, const Principal& principal, const NewOffer& input);
Result<std::vector<data::OfferRecord>> list_offers(Services& services, const Principal& principal);
Result<data::OfferRecord> get_offer(Services& services, const Principal& principal, const std::string& offer_id);
Result<data::OfferRecord> update_offer(Services& services, const Principal& principal, const std::string& offer_id,
                                       const OfferPatch& patch);
Result<data::OfferRecord> upload_package(Services& services, const Principal& principal, const std::string& offer_id,
                                         const std::string& zip_bytes);

Result<data::PlanRecord> create_plan(Services& services, const Principal& principal, const std::string& offer_id,
                                     const NewPlan& input);
Result<std::vector<data::PlanRecord>> list_plans(Services& services, const Principal& principal,
                                                 const std::string& offer_id);
Result<data::PlanRecord> get_plan(Services& services, const Principal& principal, const std::string& offer_id,
                                  const std::string& plan_id);
Result<data::PlanRecord> update_plan(Services& services, const Principal& principal, const std::string& offer_id,
                                     const std::string& plan_id, const PlanPatch& patch);
// A new plan with the source plan's description and more-info URL, under a new ID and name.
Result<data::PlanRecord> copy_plan(Services& services, const Principal& principal, const std::string& offer_id,
                                   const std::string& plan_id, const NewPlan& input);
// The plan-definition CSV: "Service ID,Display name,More info URL", one row per plan (RFC 4180 quoting).
Result<std::string> export_plans_csv(Services& services, const Principal& principal, const std::string& offer_id);

// Review and publish → in_review, with a durable review job (202).
Result<data::OfferRecord> publish_offer(Services& services, const Principal& principal, const std::string& offer_id);
// Go live → publishing, with a durable timer that makes the offer live after settings.go_live_delay_ms (202).
Result<data::OfferRecord> go_live(Services& services, const Principal& principal, const std::string& offer_id);

}  // namespace seatkeeper::service
