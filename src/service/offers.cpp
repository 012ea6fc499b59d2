#include "service/offers.hpp"

#include "common/crypto.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "domain/ids.hpp"
#include "domain/limits.hpp"
#include "service/events.hpp"
#include "service/job_queue.hpp"
#include "service/views.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

using data::OfferRecord;
using data::PlanRecord;
using domain::OfferChange;
using domain::OfferState;

constexpr std::size_t kMaxNameLength = domain::kMaxOfferNameLength;
constexpr std::size_t kMaxSummaryLength = domain::kMaxOfferSummaryLength;
constexpr std::size_t kMaxDescriptionLength = domain::kMaxOfferDescriptionLength;
constexpr std::size_t kMaxPlanNameLength = domain::kMaxPlanNameLength;
constexpr std::size_t kMaxPlanDescriptionLength = domain::kMaxPlanDescriptionLength;

Status not_found(const std::string& offer_id) { return Status::NotFound("offer '" + offer_id + "' does not exist"); }

// Loads the offer for a change of kind `change`: checks the role, existence and the state rule.
Result<OfferRecord> offer_for_change(store::Transaction& tx, const Principal& principal, const std::string& offer_id,
                                     OfferChange change) {
    auto rec = data::offers::find_offer(tx, principal.publisher_id, offer_id);
    if (!rec) return not_found(offer_id);
    SK_RETURN_IF_ERROR(domain::check_change_allowed(rec->offer.state, change));
    return std::move(*rec);
}

// Records a change: new state after a change, updated_at, the offer's event (of type T) with before and after.
template <EventType T>
void commit_offer_change(store::Transaction& tx, const Services& services, const Principal& principal,
                         const OfferRecord& before, OfferRecord& after) {
    after.offer.state = domain::state_after_change(before.offer.state);
    after.updated_at = now_millis();
    data::offers::save_offer(tx, after);
    append_event(tx, principal.actor, principal.publisher_id,
                 make_event<T>(domain::offer_subject(after.offer.id), offer_view(before, services.settings()),
                               offer_view(after, services.settings())));
}

Status validate_plan_fields(const PlanPatch& p) {
    if (p.name) SK_RETURN_IF_ERROR(json::require_text("name", *p.name, "Plan name"));
    if (p.name && text::utf8_length(*p.name) > kMaxPlanNameLength) {
        return Status::Invalid("name", "max_length", "Plan name must be at most 200 characters");
    }
    if (p.description && text::utf8_length(*p.description) > kMaxPlanDescriptionLength) {
        return Status::Invalid("description", "max_length", "Plan description must be at most 3000 characters");
    }
    if (p.more_info_url && !p.more_info_url->empty()) {
        SK_RETURN_IF_ERROR(domain::validate_url("more_info_url", *p.more_info_url));
    }
    return Status::Ok();
}

Result<PlanRecord> insert_plan(store::Transaction& tx, const Services& services, const Principal& principal,
                               const OfferRecord& offer, const NewPlan& input) {
    SK_RETURN_IF_ERROR(domain::validate_plan_id(input.id));
    SK_RETURN_IF_ERROR(
        validate_plan_fields({input.name, input.description, input.more_info_url, std::nullopt, std::nullopt}));
    SK_RETURN_IF_ERROR(json::require_text("name", input.name, "Plan name"));
    if (data::offers::plan_exists(tx, principal.publisher_id, offer.offer.id, input.id)) {
        return Status::Conflict("duplicate", "a plan with ID '" + input.id + "' already exists in this offer", "id");
    }
    const Millis now = now_millis();
    PlanRecord rec{{input.id, input.name, input.description, input.more_info_url, domain::PlanState::kDraft},
                   domain::service_id(principal.publisher_id, offer.offer.id, input.id),
                   now,
                   now};
    data::offers::insert_plan(tx, principal.publisher_id, offer.offer.id, rec);
    append_event(tx, principal.actor, principal.publisher_id,
                 make_event<EventType::kPlanCreated>(domain::plan_subject(offer.offer.id, input.id), std::nullopt,
                                                     plan_view(rec)));
    // A new plan changes what the preview shows.
    if (offer.offer.state == OfferState::kPreview) {
        OfferRecord after = offer;
        commit_offer_change<EventType::kOfferUpdated>(tx, services, principal, offer, after);
    }
    return rec;
}

}  // namespace

Result<OfferRecord> create_offer(Services& services, const Principal& principal, const NewOffer& input) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    if (input.type != domain::kOfferTypeDynamics) {
        return Status::Invalid("type", "enum",
                               "type must be '" + std::string(domain::kOfferTypeDynamics) +
                                   "' (Dynamics 365 for Customer Engagement & PowerApps)");
    }
    SK_RETURN_IF_ERROR(domain::validate_offer_id(principal.publisher_id, input.id));
    SK_RETURN_IF_ERROR(domain::validate_offer_alias(input.alias));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<OfferRecord> {
            if (data::offers::offer_exists(tx, principal.publisher_id, input.id)) {
                return Status::Conflict("duplicate", "an offer with Offer ID '" + input.id + "' already exists", "id");
            }
            if (data::offers::alias_taken(tx, principal.publisher_id, input.alias)) {
                return Status::Conflict("duplicate", "an offer with the alias '" + input.alias + "' already exists",
                                        "alias");
            }
            const Millis now = now_millis();
            data::offers::insert_offer(tx, principal.publisher_id, input.id, input.alias, input.type, now);
            auto rec = data::offers::find_offer(tx, principal.publisher_id, input.id);
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kOfferCreated>(domain::offer_subject(input.id), std::nullopt,
                                                              offer_view(*rec, services.settings())));
            return std::move(*rec);
        });
}

Result<std::vector<OfferRecord>> list_offers(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<OfferRecord>> {
                                     return data::offers::list_offers(tx, principal.publisher_id);
                                 });
}

Result<OfferRecord> get_offer(Services& services, const Principal& principal, const std::string& offer_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<OfferRecord> {
                                     auto rec = data::offers::find_offer(tx, principal.publisher_id, offer_id);
                                     if (!rec) return not_found(offer_id);
                                     return std::move(*rec);
                                 });
}

Result<OfferRecord> update_offer(Services& services, const Principal& principal, const std::string& offer_id,
                                 const OfferPatch& patch) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    if (patch.name && text::utf8_length(*patch.name) > kMaxNameLength) {
        return Status::Invalid("listing.name", "max_length", "the offer name must be at most 200 characters");
    }
    if (patch.summary && text::utf8_length(*patch.summary) > kMaxSummaryLength) {
        return Status::Invalid("listing.summary", "max_length", "the summary must be at most 200 characters");
    }
    if (patch.description && text::utf8_length(*patch.description) > kMaxDescriptionLength) {
        return Status::Invalid("listing.description", "max_length", "the description must be at most 5000 characters");
    }
    for (const auto& [field, value] : {std::pair{"listing.privacy_policy_url", &patch.privacy_policy_url},
                                       std::pair{"listing.support_url", &patch.support_url},
                                       std::pair{"technical_configuration.package_url", &patch.package_url}}) {
        if (*value && !(*value)->empty()) SK_RETURN_IF_ERROR(domain::validate_url(field, **value));
    }
    if (patch.base_license_model && *patch.base_license_model != "user") {
        return Status::Invalid("technical_configuration.base_license_model", "enum",
                               "Base License Model must be 'user' (the only model offered)");
    }
    const bool touches_licensing = patch.license_management || patch.allow_install_without_license;
    const bool touches_technical = patch.package_url.has_value() || patch.base_license_model.has_value();
    const bool touches_listing =
        patch.name || patch.summary || patch.description || patch.privacy_policy_url || patch.support_url;
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<OfferRecord> {
            SK_ASSIGN_OR_RETURN(OfferRecord before, offer_for_change(tx, principal, offer_id, OfferChange::kListing));
            if (touches_licensing) {
                SK_RETURN_IF_ERROR(domain::check_change_allowed(before.offer.state, OfferChange::kLicensing));
            }
            if (touches_technical) {
                SK_RETURN_IF_ERROR(
                    domain::check_change_allowed(before.offer.state, OfferChange::kTechnicalConfiguration));
            }
            if (patch.id && *patch.id != before.offer.id) {
                return Status::Invalid("id", "immutable", "Offer ID can't be changed after the offer is created");
            }
            if (patch.alias && *patch.alias != before.offer.alias) {
                return Status::Invalid("alias", "immutable", "Offer alias can't be changed after the offer is created");
            }
            if (patch.type && *patch.type != before.type) {
                return Status::Invalid("type", "immutable", "Offer type can't be changed after the offer is created");
            }
            OfferRecord after = before;
            domain::Offer& o = after.offer;
            domain::Licensing wanted = o.licensing;
            if (patch.license_management) wanted.license_management = *patch.license_management;
            if (patch.allow_install_without_license) {
                wanted.allow_install_without_license = *patch.allow_install_without_license;
            } else if (!wanted.license_management) {
                wanted.allow_install_without_license = false;  // the option lives only with license management
            }
            SK_RETURN_IF_ERROR(domain::check_licensing(o, wanted));
            o.licensing = wanted;
            if (patch.call_to_action_given) o.call_to_action = patch.call_to_action;
            // Turning license management on clears a call to action chosen before; the marketplace then
            // derives the buttons from the licensing options.
            if (o.licensing.license_management && !patch.call_to_action_given) o.call_to_action.reset();
            SK_RETURN_IF_ERROR(domain::check_call_to_action(o.licensing, o.call_to_action));
            if (patch.name) o.listing.name = *patch.name;
            if (patch.summary) o.listing.summary = *patch.summary;
            if (patch.description) o.listing.description = *patch.description;
            if (patch.privacy_policy_url) o.listing.privacy_policy_url = *patch.privacy_policy_url;
            if (patch.support_url) o.listing.support_url = *patch.support_url;
            if (patch.package_url) {
                o.package_url = *patch.package_url;
                // One package source at a time: a URL replaces an earlier upload.
                if (!o.package_url.empty() && after.package_upload) {
                    data::offers::delete_package(tx, principal.publisher_id, offer_id);
                    after.package_upload.reset();
                    o.has_uploaded_package = false;
                }
            }
            if (!touches_listing && !touches_licensing && !touches_technical && !patch.call_to_action_given) {
                return before;
            }
            commit_offer_change<EventType::kOfferUpdated>(tx, services, principal, before, after);
            return after;
        });
}

Result<OfferRecord> upload_package(Services& services, const Principal& principal, const std::string& offer_id,
                                   const std::string& zip_bytes) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    if (zip_bytes.empty()) return Status::Invalid("package", "required", "the request body must be the package zip");
    if (zip_bytes.size() > services.settings().max_package_bytes) {
        return Status::TooLarge(
            "the package is larger than " + text::bytes_in_words(services.settings().max_package_bytes), "package");
    }
    const std::string sha = crypto::sha256_hex(zip_bytes);
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<OfferRecord> {
            SK_ASSIGN_OR_RETURN(OfferRecord before,
                                offer_for_change(tx, principal, offer_id, OfferChange::kTechnicalConfiguration));
            const Millis now = now_millis();
            const data::PackageUpload upload{static_cast<std::int64_t>(zip_bytes.size()), sha, now};
            data::offers::replace_package(tx, principal.publisher_id, offer_id, zip_bytes, upload);
            OfferRecord after = before;
            after.offer.package_url.clear();
            after.package_upload = upload;
            after.offer.has_uploaded_package = true;
            commit_offer_change<EventType::kOfferPackageUploaded>(tx, services, principal, before, after);
            return after;
        });
}

Result<PlanRecord> create_plan(Services& services, const Principal& principal, const std::string& offer_id,
                               const NewPlan& input) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<PlanRecord> {
            SK_ASSIGN_OR_RETURN(OfferRecord offer, offer_for_change(tx, principal, offer_id, OfferChange::kPlans));
            return insert_plan(tx, services, principal, offer, input);
        });
}

Result<std::vector<PlanRecord>> list_plans(Services& services, const Principal& principal,
                                           const std::string& offer_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::vector<PlanRecord>> {
                                     if (!data::offers::offer_exists(tx, principal.publisher_id, offer_id)) {
                                         return not_found(offer_id);
                                     }
                                     return data::offers::list_plans(tx, principal.publisher_id, offer_id);
                                 });
}

Result<PlanRecord> get_plan(Services& services, const Principal& principal, const std::string& offer_id,
                            const std::string& plan_id) {
    SK_ASSIGN_OR_RETURN(auto plans, list_plans(services, principal, offer_id));
    for (auto& p : plans) {
        if (p.plan.id == plan_id) return std::move(p);
    }
    return Status::NotFound("plan '" + plan_id + "' does not exist in offer '" + offer_id + "'");
}

Result<PlanRecord> update_plan(Services& services, const Principal& principal, const std::string& offer_id,
                               const std::string& plan_id, const PlanPatch& patch) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    SK_RETURN_IF_ERROR(validate_plan_fields(patch));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<PlanRecord> {
            const bool trial_only = patch.trial_only();
            SK_ASSIGN_OR_RETURN(OfferRecord offer,
                                offer_for_change(tx, principal, offer_id,
                                                 trial_only ? OfferChange::kCallToAction : OfferChange::kPlans));
            const auto found = data::offers::find_plan(tx, principal.publisher_id, offer_id, plan_id);
            if (!found) return Status::NotFound("plan '" + plan_id + "' does not exist in offer '" + offer_id + "'");
            const PlanRecord& before = *found;
            PlanRecord after = before;
            if (patch.name) after.plan.name = *patch.name;
            if (patch.description) after.plan.description = *patch.description;
            if (patch.more_info_url) after.plan.more_info_url = *patch.more_info_url;
            if (patch.trial_days) after.plan.trial_days = *patch.trial_days;
            if (patch.trial_seats) after.plan.trial_seats = *patch.trial_seats;
            if (patch.trial_days || patch.trial_seats) {
                SK_RETURN_IF_ERROR(domain::validate_trial(after.plan.trial_days, after.plan.trial_seats));
                if (after.plan.offers_trial() && !offer.offer.licensing.license_management) {
                    return Status::Conflict("license_management_off",
                                            "A free trial is a pool of licenses: offer '" + offer_id +
                                                "' doesn't use app license management",
                                            "trial_days");
                }
            }
            after.updated_at = now_millis();
            data::offers::update_plan(tx, principal.publisher_id, offer_id, after);
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kPlanUpdated>(domain::plan_subject(offer_id, plan_id), plan_view(before),
                                                             plan_view(after)));
            if (offer.offer.state == OfferState::kPreview && !trial_only) {
                OfferRecord changed = offer;
                commit_offer_change<EventType::kOfferUpdated>(tx, services, principal, offer, changed);
            }
            return after;
        });
}

Result<PlanRecord> copy_plan(Services& services, const Principal& principal, const std::string& offer_id,
                             const std::string& plan_id, const NewPlan& input) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<PlanRecord> {
            SK_ASSIGN_OR_RETURN(OfferRecord offer, offer_for_change(tx, principal, offer_id, OfferChange::kPlans));
            const auto source = data::offers::find_plan(tx, principal.publisher_id, offer_id, plan_id);
            if (!source) return Status::NotFound("plan '" + plan_id + "' does not exist in offer '" + offer_id + "'");
            NewPlan copy = input;
            if (copy.description.empty()) copy.description = source->plan.description;
            if (copy.more_info_url.empty()) copy.more_info_url = source->plan.more_info_url;
            return insert_plan(tx, services, principal, offer, copy);
        });
}

Result<std::string> export_plans_csv(Services& services, const Principal& principal, const std::string& offer_id) {
    SK_ASSIGN_OR_RETURN(auto offer, get_offer(services, principal, offer_id));
    SK_ASSIGN_OR_RETURN(auto plans, list_plans(services, principal, offer_id));
    std::string csv = "Service ID,Display name,More info URL\r\n";
    for (const auto& p : plans) {
        const std::string more_info =
            p.plan.more_info_url.empty() ? marketplace_url(services.settings(), offer.offer) : p.plan.more_info_url;
        csv +=
            text::csv_cell(p.service_id) + "," + text::csv_cell(p.plan.name) + "," + text::csv_cell(more_info) + "\r\n";
    }
    return csv;
}

Result<OfferRecord> publish_offer(Services& services, const Principal& principal, const std::string& offer_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<OfferRecord> {
            auto before = data::offers::find_offer(tx, principal.publisher_id, offer_id);
            if (!before) return not_found(offer_id);
            SK_RETURN_IF_ERROR(domain::check_publish(before->offer.state));
            OfferRecord after = *before;
            after.offer.state = OfferState::kInReview;
            after.review_attempt += 1;
            after.notifications.clear();
            after.updated_at = now_millis();
            data::offers::save_offer(tx, after);
            data::offers::set_plans_state(tx, principal.publisher_id, offer_id, domain::PlanState::kDraft,
                                          domain::PlanState::kSubmitted, after.updated_at);
            enqueue_job(tx, kJobReview, principal.publisher_id, domain::offer_subject(offer_id),
                        {{"offer_id", offer_id}, {"attempt", after.review_attempt}}, now_millis());
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kOfferStateChanged>(domain::offer_subject(offer_id),
                                                                   offer_view(*before, services.settings()),
                                                                   offer_view(after, services.settings())));
            return after;
        });
}

Result<OfferRecord> go_live(Services& services, const Principal& principal, const std::string& offer_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<OfferRecord> {
            auto before = data::offers::find_offer(tx, principal.publisher_id, offer_id);
            if (!before) return not_found(offer_id);
            SK_RETURN_IF_ERROR(domain::check_go_live(before->offer.state));
            OfferRecord after = *before;
            after.offer.state = OfferState::kPublishing;
            after.updated_at = now_millis();
            data::offers::save_offer(tx, after);
            enqueue_job(tx, kJobGoLive, principal.publisher_id, domain::offer_subject(offer_id),
                        {{"offer_id", offer_id}, {"attempt", after.review_attempt}},
                        now_millis() + services.settings().go_live_delay_ms);
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kOfferStateChanged>(domain::offer_subject(offer_id),
                                                                   offer_view(*before, services.settings()),
                                                                   offer_view(after, services.settings())));
            return after;
        });
}

}  // namespace seatkeeper::service
