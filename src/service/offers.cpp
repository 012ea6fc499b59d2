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

using domain::OfferChange;
using domain::OfferState;

constexpr std::size_t kMaxNameLength = domain::kMaxOfferNameLength;
constexpr std::size_t kMaxSummaryLength = domain::kMaxOfferSummaryLength;
constexpr std::size_t kMaxDescriptionLength = domain::kMaxOfferDescriptionLength;
constexpr std::size_t kMaxPlanNameLength = domain::kMaxPlanNameLength;
constexpr std::size_t kMaxPlanDescriptionLength = domain::kMaxPlanDescriptionLength;

constexpr std::string_view kOfferColumns =
    "o.publisher_id, o.id, o.alias, o.type, o.state, o.license_management, o.allow_install_without_license, "
    "o.licensing_locked, o.call_to_action, o.listing, o.package_url, o.preview_token, o.notifications, "
    "o.review_attempt, o.created_at, o.updated_at, o.reviewed_at, o.live_at, p.size, p.sha256, p.uploaded_at";

std::string text_field(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

domain::Listing parse_listing(std::string_view listing_json) {
    boost::system::error_code ec;
    const boost::json::value listing = boost::json::parse(listing_json, ec);
    if (ec || !listing.is_object()) return {};
    const auto& l = listing.as_object();
    return {text_field(l, "name"), text_field(l, "summary"), text_field(l, "description"),
            text_field(l, "privacy_policy_url"), text_field(l, "support_url")};
}

namespace {

OfferRecord offer_from_row(const store::Row& r) {
    OfferRecord rec;
    domain::Offer& o = rec.offer;
    o.publisher_id = r.text(0);
    o.id = r.text(1);
    o.alias = r.text(2);
    rec.type = r.text(3);
    o.state = domain::parse_offer_state(r.text(4)).value_or(OfferState::kDraft);
    o.licensing = {r.boolean(5), r.boolean(6)};
    o.licensing_locked = r.boolean(7);
    if (const auto cta = r.optional_text(8)) o.call_to_action = domain::parse_call_to_action(*cta);
    o.listing = parse_listing(r.text(9));
    boost::system::error_code ec;
    o.package_url = r.text(10);
    rec.preview_token = r.text(11);
    const boost::json::value notes = boost::json::parse(r.text(12), ec);
    if (!ec && notes.is_array()) {
        for (const auto& n : notes.as_array()) {
            if (!n.is_object()) continue;
            const auto& no = n.as_object();
            rec.notifications.push_back({text_field(no, "code"), text_field(no, "message"), text_field(no, "location"),
                                         text_field(no, "fix"), text_field(no, "field")});
        }
    }
    rec.review_attempt = r.integer(13);
    rec.created_at = r.integer(14);
    rec.updated_at = r.integer(15);
    rec.reviewed_at = r.optional_integer(16);
    rec.live_at = r.optional_integer(17);
    if (!r.is_null(18)) rec.package_upload = PackageUpload{r.integer(18), r.text(19), r.integer(20)};
    o.has_uploaded_package = rec.package_upload.has_value();
    return rec;
}

PlanRecord plan_from_row(const store::Row& r, const std::string& publisher_id, const std::string& offer_id) {
    PlanRecord rec;
    rec.plan = {r.text(0), r.text(1), r.text(2), r.text(3),
                domain::parse_plan_state(r.text(4)).value_or(domain::PlanState::kDraft)};
    rec.service_id = domain::service_id(publisher_id, offer_id, rec.plan.id);
    rec.created_at = r.integer(5);
    rec.updated_at = r.integer(6);
    return rec;
}

std::string listing_text(const domain::Listing& l) {
    return json::to_string(boost::json::object{{"name", l.name},
                                               {"summary", l.summary},
                                               {"description", l.description},
                                               {"privacy_policy_url", l.privacy_policy_url},
                                               {"support_url", l.support_url}});
}

Status not_found(const std::string& offer_id) { return Status::NotFound("offer '" + offer_id + "' does not exist"); }

// Loads the offer for a change of kind `change`: checks the role, existence and the state rule.
Result<OfferRecord> offer_for_change(store::Transaction& tx, const Principal& principal, const std::string& offer_id,
                                     OfferChange change) {
    auto rec = load_offer(tx, principal.publisher_id, offer_id);
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
    save_offer(tx, after);
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
    SK_RETURN_IF_ERROR(validate_plan_fields({input.name, input.description, input.more_info_url}));
    SK_RETURN_IF_ERROR(json::require_text("name", input.name, "Plan name"));
    if (tx.query_one("SELECT 1 FROM plans WHERE publisher_id = ? AND offer_id = ? AND id = ?",
                     {principal.publisher_id, offer.offer.id, input.id})) {
        return Status::Conflict("duplicate", "a plan with ID '" + input.id + "' already exists in this offer", "id");
    }
    const Millis now = now_millis();
    PlanRecord rec{{input.id, input.name, input.description, input.more_info_url, domain::PlanState::kDraft},
                   domain::service_id(principal.publisher_id, offer.offer.id, input.id),
                   now,
                   now};
    tx.execute(
        "INSERT INTO plans (publisher_id, offer_id, id, name, description, more_info_url, state, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {principal.publisher_id, offer.offer.id, input.id, input.name, input.description,
         input.more_info_url.empty() ? store::null_value() : store::Value{input.more_info_url},
         std::string(domain::to_string(rec.plan.state)), now, now});
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

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::optional<OfferRecord> load_offer(store::Transaction& tx, const std::string& publisher_id,
                                      const std::string& offer_id) {
    const auto row = tx.query_one(std::string("SELECT ") + std::string(kOfferColumns) +
                                      " FROM offers o LEFT JOIN packages p ON p.publisher_id = o.publisher_id AND "
                                      "p.offer_id = o.id WHERE o.publisher_id = ? AND o.id = ?",
                                  {publisher_id, offer_id});
    if (!row) return std::nullopt;
    return offer_from_row(*row);
}

std::vector<PlanRecord> load_plans(store::Transaction& tx, const std::string& publisher_id,
                                   const std::string& offer_id) {
    std::vector<PlanRecord> out;
    for (const auto& r : tx.query("SELECT id, name, description, more_info_url, state, created_at, updated_at "
                                  "FROM plans WHERE publisher_id = ? AND offer_id = ? ORDER BY created_at, id",
                                  {publisher_id, offer_id})) {
        out.push_back(plan_from_row(r, publisher_id, offer_id));
    }
    return out;
}

void save_offer(store::Transaction& tx, const OfferRecord& rec) {
    const domain::Offer& o = rec.offer;
    tx.execute(
        "UPDATE offers SET state = ?, license_management = ?, allow_install_without_license = ?, "
        "licensing_locked = ?, call_to_action = ?, listing = ?, package_url = ?, preview_token = ?, "
        "notifications = ?, review_attempt = ?, updated_at = ?, reviewed_at = ?, live_at = ? "
        "WHERE publisher_id = ? AND id = ?",
        {std::string(domain::to_string(o.state)), std::int64_t{o.licensing.license_management},
         std::int64_t{o.licensing.allow_install_without_license}, std::int64_t{o.licensing_locked},
         o.call_to_action ? store::Value{std::string(domain::to_string(*o.call_to_action))} : store::null_value(),
         listing_text(o.listing), o.package_url.empty() ? store::null_value() : store::Value{o.package_url},
         rec.preview_token.empty() ? store::null_value() : store::Value{rec.preview_token},
         json::to_string(notifications_json(rec.notifications)), rec.review_attempt, rec.updated_at,
         rec.reviewed_at ? store::Value{*rec.reviewed_at} : store::null_value(),
         rec.live_at ? store::Value{*rec.live_at} : store::null_value(), o.publisher_id, o.id});
}

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
            if (tx.query_one("SELECT 1 FROM offers WHERE publisher_id = ? AND id = ?",
                             {principal.publisher_id, input.id})) {
                return Status::Conflict("duplicate", "an offer with Offer ID '" + input.id + "' already exists", "id");
            }
            if (tx.query_one("SELECT 1 FROM offers WHERE publisher_id = ? AND alias = ?",
                             {principal.publisher_id, input.alias})) {
                return Status::Conflict("duplicate", "an offer with the alias '" + input.alias + "' already exists",
                                        "alias");
            }
            const Millis now = now_millis();
            tx.execute(
                "INSERT INTO offers (publisher_id, id, alias, type, state, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'draft', ?, ?)",
                {principal.publisher_id, input.id, input.alias, input.type, now, now});
            auto rec = load_offer(tx, principal.publisher_id, input.id);
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kOfferCreated>(domain::offer_subject(input.id), std::nullopt,
                                                              offer_view(*rec, services.settings())));
            return std::move(*rec);
        });
}

Result<std::vector<OfferRecord>> list_offers(Services& services, const Principal& principal) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<std::vector<OfferRecord>> {
            std::vector<OfferRecord> out;
            for (const auto& r :
                 tx.query(std::string("SELECT ") + std::string(kOfferColumns) +
                              " FROM offers o LEFT JOIN packages p ON p.publisher_id = o.publisher_id "
                              "AND p.offer_id = o.id WHERE o.publisher_id = ? ORDER BY o.created_at, o.id",
                          {principal.publisher_id})) {
                out.push_back(offer_from_row(r));
            }
            return out;
        });
}

Result<OfferRecord> get_offer(Services& services, const Principal& principal, const std::string& offer_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadOffers));
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<OfferRecord> {
                                     auto rec = load_offer(tx, principal.publisher_id, offer_id);
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
                    tx.execute("DELETE FROM packages WHERE publisher_id = ? AND offer_id = ?",
                               {principal.publisher_id, offer_id});
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
            tx.execute("DELETE FROM packages WHERE publisher_id = ? AND offer_id = ?",
                       {principal.publisher_id, offer_id});
            tx.execute(
                "INSERT INTO packages (publisher_id, offer_id, content, size, sha256, uploaded_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                {principal.publisher_id, offer_id, store::Blob{zip_bytes}, static_cast<std::int64_t>(zip_bytes.size()),
                 sha, now});
            OfferRecord after = before;
            after.offer.package_url.clear();
            after.package_upload = PackageUpload{static_cast<std::int64_t>(zip_bytes.size()), sha, now};
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
                                     if (!tx.query_one("SELECT 1 FROM offers WHERE publisher_id = ? AND id = ?",
                                                       {principal.publisher_id, offer_id})) {
                                         return not_found(offer_id);
                                     }
                                     return load_plans(tx, principal.publisher_id, offer_id);
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
            SK_ASSIGN_OR_RETURN(OfferRecord offer, offer_for_change(tx, principal, offer_id, OfferChange::kPlans));
            const auto row = tx.query_one(
                "SELECT id, name, description, more_info_url, state, created_at, updated_at FROM plans "
                "WHERE publisher_id = ? AND offer_id = ? AND id = ?",
                {principal.publisher_id, offer_id, plan_id});
            if (!row) return Status::NotFound("plan '" + plan_id + "' does not exist in offer '" + offer_id + "'");
            const PlanRecord before = plan_from_row(*row, principal.publisher_id, offer_id);
            PlanRecord after = before;
            if (patch.name) after.plan.name = *patch.name;
            if (patch.description) after.plan.description = *patch.description;
            if (patch.more_info_url) after.plan.more_info_url = *patch.more_info_url;
            after.updated_at = now_millis();
            tx.execute(
                "UPDATE plans SET name = ?, description = ?, more_info_url = ?, updated_at = ? "
                "WHERE publisher_id = ? AND offer_id = ? AND id = ?",
                {after.plan.name, after.plan.description,
                 after.plan.more_info_url.empty() ? store::null_value() : store::Value{after.plan.more_info_url},
                 after.updated_at, principal.publisher_id, offer_id, plan_id});
            append_event(tx, principal.actor, principal.publisher_id,
                         make_event<EventType::kPlanUpdated>(domain::plan_subject(offer_id, plan_id), plan_view(before),
                                                             plan_view(after)));
            if (offer.offer.state == OfferState::kPreview) {
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
            const auto source = tx.query_one(
                "SELECT description, more_info_url FROM plans WHERE publisher_id = ? AND offer_id = ? AND id = ?",
                {principal.publisher_id, offer_id, plan_id});
            if (!source) return Status::NotFound("plan '" + plan_id + "' does not exist in offer '" + offer_id + "'");
            NewPlan copy = input;
            if (copy.description.empty()) copy.description = source->text(0);
            if (copy.more_info_url.empty()) copy.more_info_url = source->text(1);
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
        csv += csv_cell(p.service_id) + "," + csv_cell(p.plan.name) + "," + csv_cell(more_info) + "\r\n";
    }
    return csv;
}

Result<OfferRecord> publish_offer(Services& services, const Principal& principal, const std::string& offer_id) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kWriteOffers));
    return store::in_transaction(
        services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Result<OfferRecord> {
            auto before = load_offer(tx, principal.publisher_id, offer_id);
            if (!before) return not_found(offer_id);
            SK_RETURN_IF_ERROR(domain::check_publish(before->offer.state));
            OfferRecord after = *before;
            after.offer.state = OfferState::kInReview;
            after.review_attempt += 1;
            after.notifications.clear();
            after.updated_at = now_millis();
            save_offer(tx, after);
            tx.execute(
                "UPDATE plans SET state = 'submitted', updated_at = ? "
                "WHERE publisher_id = ? AND offer_id = ? AND state = 'draft'",
                {after.updated_at, principal.publisher_id, offer_id});
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
            auto before = load_offer(tx, principal.publisher_id, offer_id);
            if (!before) return not_found(offer_id);
            SK_RETURN_IF_ERROR(domain::check_go_live(before->offer.state));
            OfferRecord after = *before;
            after.offer.state = OfferState::kPublishing;
            after.updated_at = now_millis();
            save_offer(tx, after);
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
