#include "data/offers.hpp"

#include <boost/json.hpp>

#include "common/json.hpp"
#include "data/rows.hpp"
#include "domain/ids.hpp"

namespace seatkeeper::data::offers {

namespace {

using store::Query;

// An offer's columns with its uploaded package's and whether a plan of it offers a free trial, in the order
// offer_from_row reads them; kFindOffer and kListOffers add their WHERE.
#define SK_SELECT_OFFERS                                                                                         \
    "SELECT o.publisher_id, o.id, o.alias, o.type, o.state, o.license_management, "                              \
    "o.allow_install_without_license, o.licensing_locked, o.call_to_action, o.listing, o.package_url, "          \
    "o.preview_token, o.notifications, o.review_attempt, o.created_at, o.updated_at, o.reviewed_at, o.live_at, " \
    "p.size, p.sha256, p.uploaded_at, EXISTS (SELECT 1 FROM plans t WHERE t.publisher_id = o.publisher_id AND "  \
    "t.offer_id = o.id AND t.trial_days > 0 AND t.trial_seats > 0) "                                             \
    "FROM offers o LEFT JOIN packages p ON p.publisher_id = o.publisher_id AND p.offer_id = o.id "
constexpr Query kFindOffer{"offer.find", SK_SELECT_OFFERS "WHERE o.publisher_id = ? AND o.id = ?"};
constexpr Query kListOffers{"offer.list", SK_SELECT_OFFERS "WHERE o.publisher_id = ? ORDER BY o.created_at, o.id"};
#undef SK_SELECT_OFFERS
constexpr Query kOfferExists{"offer.exists", "SELECT 1 FROM offers WHERE publisher_id = ? AND id = ?"};
constexpr Query kAliasTaken{"offer.alias_taken", "SELECT 1 FROM offers WHERE publisher_id = ? AND alias = ?"};
constexpr Query kInsertOffer{"offer.insert",
                             "INSERT INTO offers (publisher_id, id, alias, type, state, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, 'draft', ?, ?)"};
constexpr Query kSaveOffer{"offer.save",
                           "UPDATE offers SET state = ?, license_management = ?, allow_install_without_license = ?, "
                           "licensing_locked = ?, call_to_action = ?, listing = ?, package_url = ?, preview_token = ?, "
                           "notifications = ?, review_attempt = ?, updated_at = ?, reviewed_at = ?, live_at = ? "
                           "WHERE publisher_id = ? AND id = ?"};

constexpr Query kPackageContent{"package.content",
                                "SELECT content FROM packages WHERE publisher_id = ? AND offer_id = ?"};
constexpr Query kDeletePackage{"package.delete", "DELETE FROM packages WHERE publisher_id = ? AND offer_id = ?"};
constexpr Query kInsertPackage{"package.insert",
                               "INSERT INTO packages (publisher_id, offer_id, content, size, sha256, uploaded_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)"};

// Both read a plan's columns in the order plan_from_row reads them.
constexpr Query kFindPlan{
    "plan.find",
    "SELECT id, name, description, more_info_url, state, created_at, updated_at, trial_days, trial_seats "
    "FROM plans "
    "WHERE publisher_id = ? AND offer_id = ? AND id = ?"};
constexpr Query kListPlans{
    "plan.list",
    "SELECT id, name, description, more_info_url, state, created_at, updated_at, trial_days, trial_seats "
    "FROM plans "
    "WHERE publisher_id = ? AND offer_id = ? ORDER BY created_at, id"};
constexpr Query kPlanExists{"plan.exists", "SELECT 1 FROM plans WHERE publisher_id = ? AND offer_id = ? AND id = ?"};
constexpr Query kInsertPlan{
    "plan.insert",
    "INSERT INTO plans (publisher_id, offer_id, id, name, description, more_info_url, state, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kUpdatePlan{
    "plan.update",
    "UPDATE plans SET name = ?, description = ?, more_info_url = ?, updated_at = ?, trial_days = ?, "
    "trial_seats = ? "
    "WHERE publisher_id = ? AND offer_id = ? AND id = ?"};
constexpr Query kSetPlansState{"plan.set_state",
                               "UPDATE plans SET state = ?, updated_at = ? "
                               "WHERE publisher_id = ? AND offer_id = ? AND (? = '' OR state = ?)"};

std::string text_field(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string listing_text(const domain::Listing& l) {
    return json::to_string(boost::json::object{{"name", l.name},
                                               {"summary", l.summary},
                                               {"description", l.description},
                                               {"privacy_policy_url", l.privacy_policy_url},
                                               {"support_url", l.support_url}});
}

// The review's notifications as the `offers.notifications` column stores them: a JSON array of objects.
std::string notifications_text(const std::vector<domain::Notification>& notifications) {
    boost::json::array out;
    for (const auto& n : notifications) {
        out.emplace_back(boost::json::object{
            {"code", n.code}, {"message", n.message}, {"location", n.location}, {"fix", n.fix}, {"field", n.field}});
    }
    return json::to_string(out);
}

std::vector<domain::Notification> parse_notifications(std::string_view text) {
    std::vector<domain::Notification> out;
    boost::system::error_code ec;
    const boost::json::value notes = boost::json::parse(text, ec);
    if (ec || !notes.is_array()) return out;
    for (const auto& n : notes.as_array()) {
        if (!n.is_object()) continue;
        const auto& no = n.as_object();
        out.push_back({text_field(no, "code"), text_field(no, "message"), text_field(no, "location"),
                       text_field(no, "fix"), text_field(no, "field")});
    }
    return out;
}

OfferRecord offer_from_row(const store::Row& r) {
    OfferRecord rec;
    domain::Offer& o = rec.offer;
    o.publisher_id = r.text(0);
    o.id = r.text(1);
    o.alias = r.text(2);
    rec.type = r.text(3);
    o.state = domain::parse_offer_state(r.text(4)).value_or(domain::OfferState::kDraft);
    o.licensing = {r.boolean(5), r.boolean(6)};
    o.licensing_locked = r.boolean(7);
    if (const auto cta = r.optional_text(8)) o.call_to_action = domain::parse_call_to_action(*cta);
    o.listing = parse_listing(r.text(9));
    o.package_url = r.text(10);
    rec.preview_token = r.text(11);
    rec.notifications = parse_notifications(r.text(12));
    rec.review_attempt = r.integer(13);
    rec.created_at = r.integer(14);
    rec.updated_at = r.integer(15);
    rec.reviewed_at = r.optional_integer(16);
    rec.live_at = r.optional_integer(17);
    if (!r.is_null(18)) rec.package_upload = PackageUpload{r.integer(18), r.text(19), r.integer(20)};
    o.has_uploaded_package = rec.package_upload.has_value();
    o.trial_offered = r.boolean(21);
    return rec;
}

PlanRecord plan_from_row(const store::Row& r, const std::string& publisher_id, const std::string& offer_id) {
    PlanRecord rec;
    rec.plan = {r.text(0), r.text(1), r.text(2), r.text(3),
                domain::parse_plan_state(r.text(4)).value_or(domain::PlanState::kDraft)};
    rec.service_id = domain::service_id(publisher_id, offer_id, rec.plan.id);
    rec.created_at = r.integer(5);
    rec.updated_at = r.integer(6);
    rec.plan.trial_days = static_cast<std::int32_t>(r.integer(7));
    rec.plan.trial_seats = static_cast<std::int32_t>(r.integer(8));
    return rec;
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

std::optional<OfferRecord> find_offer(store::Transaction& tx, const std::string& publisher_id,
                                      const std::string& offer_id) {
    const auto row = tx.query_one(kFindOffer, {publisher_id, offer_id});
    if (!row) return std::nullopt;
    return offer_from_row(*row);
}

std::vector<OfferRecord> list_offers(store::Transaction& tx, const std::string& publisher_id) {
    return map_rows(tx.query(kListOffers, {publisher_id}), offer_from_row);
}

bool offer_exists(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id) {
    return tx.query_one(kOfferExists, {publisher_id, offer_id}).has_value();
}

bool alias_taken(store::Transaction& tx, const std::string& publisher_id, const std::string& alias) {
    return tx.query_one(kAliasTaken, {publisher_id, alias}).has_value();
}

void insert_offer(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                  const std::string& alias, const std::string& type, Millis now) {
    tx.execute(kInsertOffer, {publisher_id, offer_id, alias, type, now, now});
}

void save_offer(store::Transaction& tx, const OfferRecord& rec) {
    const domain::Offer& o = rec.offer;
    tx.execute(
        kSaveOffer,
        {std::string(domain::to_string(o.state)), std::int64_t{o.licensing.license_management},
         std::int64_t{o.licensing.allow_install_without_license}, std::int64_t{o.licensing_locked},
         o.call_to_action ? store::Value{std::string(domain::to_string(*o.call_to_action))} : store::null_value(),
         listing_text(o.listing), store::text_or_null(o.package_url), store::text_or_null(rec.preview_token),
         notifications_text(rec.notifications), rec.review_attempt, rec.updated_at,
         store::optional_integer(rec.reviewed_at), store::optional_integer(rec.live_at), o.publisher_id, o.id});
}

std::optional<std::string> package_content(store::Transaction& tx, const std::string& publisher_id,
                                           const std::string& offer_id) {
    const auto row = tx.query_one(kPackageContent, {publisher_id, offer_id});
    if (!row) return std::nullopt;
    return row->blob(0);
}

void delete_package(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id) {
    tx.execute(kDeletePackage, {publisher_id, offer_id});
}

void replace_package(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                     const std::string& content, const PackageUpload& upload) {
    tx.execute(kDeletePackage, {publisher_id, offer_id});
    tx.execute(kInsertPackage,
               {publisher_id, offer_id, store::Blob{content}, upload.size, upload.sha256, upload.uploaded_at});
}

std::optional<PlanRecord> find_plan(store::Transaction& tx, const std::string& publisher_id,
                                    const std::string& offer_id, const std::string& plan_id) {
    const auto row = tx.query_one(kFindPlan, {publisher_id, offer_id, plan_id});
    if (!row) return std::nullopt;
    return plan_from_row(*row, publisher_id, offer_id);
}

std::vector<PlanRecord> list_plans(store::Transaction& tx, const std::string& publisher_id,
                                   const std::string& offer_id) {
    std::vector<PlanRecord> out;
    for (const auto& r : tx.query(kListPlans, {publisher_id, offer_id})) {
        out.push_back(plan_from_row(r, publisher_id, offer_id));
    }
    return out;
}

bool plan_exists(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                 const std::string& plan_id) {
    return tx.query_one(kPlanExists, {publisher_id, offer_id, plan_id}).has_value();
}

void insert_plan(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                 const PlanRecord& rec) {
    const domain::Plan& p = rec.plan;
    tx.execute(kInsertPlan, {publisher_id, offer_id, p.id, p.name, p.description, store::text_or_null(p.more_info_url),
                             std::string(domain::to_string(p.state)), rec.created_at, rec.updated_at});
}

void update_plan(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                 const PlanRecord& rec) {
    const domain::Plan& p = rec.plan;
    tx.execute(kUpdatePlan, {p.name, p.description, store::text_or_null(p.more_info_url), rec.updated_at,
                             std::int64_t{p.trial_days}, std::int64_t{p.trial_seats}, publisher_id, offer_id, p.id});
}

void set_plans_state(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                     std::optional<domain::PlanState> from, domain::PlanState to, Millis now) {
    const std::string from_text = from ? std::string(domain::to_string(*from)) : std::string();
    tx.execute(kSetPlansState, {std::string(domain::to_string(to)), now, publisher_id, offer_id, from_text, from_text});
}

}  // namespace seatkeeper::data::offers
