#include "data/marketplace.hpp"

namespace seatkeeper::data::marketplace {

namespace {

using store::Query;

constexpr Query kLiveOffers{"marketplace.live_offers",
                            "SELECT publisher_id, id FROM offers WHERE state = 'live' "
                            "ORDER BY live_at DESC, publisher_id, id"};
constexpr Query kPublisherName{"marketplace.publisher_name", "SELECT name FROM publishers WHERE id = ?"};

constexpr Query kInsertLead{"lead.insert",
                            "INSERT INTO leads (id, publisher_id, offer_id, name, email, company, message, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kLeads{"lead.page",
                       "SELECT id, publisher_id, offer_id, name, email, company, message, created_at FROM leads "
                       "WHERE publisher_id = ? AND (? = '' OR offer_id = ?) AND "
                       "(? = 0 OR created_at < ? OR (created_at = ? AND id > ?)) "
                       "ORDER BY created_at DESC, id LIMIT ?"};

}  // namespace

std::vector<OfferKey> live_offers(store::Transaction& tx) {
    std::vector<OfferKey> out;
    for (const auto& r : tx.query(kLiveOffers)) out.push_back({r.text(0), r.text(1)});
    return out;
}

std::optional<std::string> publisher_name(store::Transaction& tx, const std::string& publisher_id) {
    const auto r = tx.query_one(kPublisherName, {publisher_id});
    if (!r) return std::nullopt;
    return r->text(0);
}

void insert_lead(store::Transaction& tx, const LeadRow& l) {
    tx.execute(kInsertLead, {l.id, l.publisher_id, l.offer_id, l.name, l.email, l.company, l.message, l.created_at});
}

std::vector<LeadRow> leads(store::Transaction& tx, const std::string& publisher_id, const std::string& offer_id,
                           bool after_present, Millis after_created_at, const std::string& after_id,
                           std::int64_t limit) {
    std::vector<LeadRow> out;
    for (const auto& r : tx.query(kLeads, {publisher_id, offer_id, offer_id, std::int64_t{after_present},
                                           after_created_at, after_created_at, after_id, limit})) {
        out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.integer(7)});
    }
    return out;
}

}  // namespace seatkeeper::data::marketplace
