// The marketplace repository: what the public marketplace lists (live offers, their publishers' names) and the
// Contact me leads it takes (`leads`). See data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

struct OfferKey {
    std::string publisher_id;
    std::string offer_id;
};

struct LeadRow {
    std::string id;
    std::string publisher_id;
    std::string offer_id;
    std::string name;
    std::string email;
    std::string company;
    std::string message;
    Millis created_at = 0;
};

namespace marketplace {

// The live offers, most recently gone live first.
std::vector<OfferKey> live_offers(store::Transaction& tx);
// The publisher's display name. Reads the accounts aggregate's `publishers` (a twin may live in its repository).
std::optional<std::string> publisher_name(store::Transaction& tx, const std::string& publisher_id);

void insert_lead(store::Transaction& tx, const LeadRow& lead);
// The publisher's leads for `offer_id` ("" for all its offers), newest first: at most `limit` of those after
// (`after_created_at`, `after_id`) in that order, or from the newest when `after_present` is false.
std::vector<LeadRow> leads(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                           bool after_present, Millis after_created_at, const std::string& after_id,
                           std::int64_t limit);

}  // namespace marketplace
}  // namespace seatkeeper::data
