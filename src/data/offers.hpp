// The offers repository: offers (`offers`), their plans (`plans`) and uploaded packages (`packages`), read into
// typed records and written back. See data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "domain/offer.hpp"
#include "domain/package.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

struct PackageUpload {
    std::int64_t size = 0;
    std::string sha256;
    Millis uploaded_at = 0;
};

struct OfferRecord {
    domain::Offer offer;
    std::string type;
    std::vector<domain::Notification> notifications;
    std::optional<PackageUpload> package_upload;
    std::string preview_token;
    std::int64_t review_attempt = 0;
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> reviewed_at;
    std::optional<Millis> live_at;
};

struct PlanRecord {
    domain::Plan plan;
    std::string service_id;
    Millis created_at = 0;
    Millis updated_at = 0;
};

namespace offers {

// The listing as the `offers.listing` column stores it (JSON); empty fields when it can't be read. For
// repositories that read the column beside their own (deals, licenses).
domain::Listing parse_listing(std::string_view listing_json);

std::optional<OfferRecord> find_offer(store::Transaction& tx, const std::string& publisher_id,
                                      const std::string& offer_id);
// The publisher's offers, oldest first.
std::vector<OfferRecord> list_offers(store::Transaction& tx, const std::string& publisher_id);
bool offer_exists(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id);
bool alias_taken(store::Transaction& tx, const std::string& publisher_id, const std::string& alias);
// A new offer in draft, with nothing but its ids and type.
void insert_offer(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                  const std::string& alias, const std::string& type, Millis now);
// Writes every mutable column of the offer back.
void save_offer(store::Transaction& tx, const OfferRecord& record);

// The uploaded package's bytes, when there is one.
std::optional<std::string> package_content(store::Transaction& tx, const std::string& publisher_id,
                                           const std::string& offer_id);
void delete_package(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id);
// Replaces the offer's uploaded package (at most one per offer).
void replace_package(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                     const std::string& content, const PackageUpload& upload);

std::optional<PlanRecord> find_plan(store::Transaction& tx, const std::string& publisher_id,
                                    const std::string& offer_id, const std::string& plan_id);
// The offer's plans, oldest first.
std::vector<PlanRecord> list_plans(store::Transaction& tx, const std::string& publisher_id,
                                   const std::string& offer_id);
bool plan_exists(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                 const std::string& plan_id);
void insert_plan(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                 const PlanRecord& record);
// Writes the plan's name, description, more-info URL, trial and updated_at back.
void update_plan(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                 const PlanRecord& record);
// Moves the offer's plans in state `from` (every plan when nullopt) to state `to`.
void set_plans_state(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                     std::optional<domain::PlanState> from, domain::PlanState to, Millis now);

}  // namespace offers
}  // namespace seatkeeper::data
