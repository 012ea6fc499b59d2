#include "data/check.hpp"

#include "data/rows.hpp"

namespace seatkeeper::data::check {

namespace {

using store::Query;

constexpr Query kCatalogue{"check.catalogue",
                           "SELECT p.publisher_id, p.offer_id, p.id, o.allow_install_without_license FROM plans p "
                           "JOIN offers o ON o.publisher_id = p.publisher_id AND o.id = p.offer_id "
                           "WHERE o.license_management = 1 AND (? = '' OR p.publisher_id = ?)"};
constexpr Query kPools{"check.pools",
                       "SELECT tenant_id, service_id, publisher_id, offer_id, quantity FROM license_pools "
                       "WHERE (? = '' OR tenant_id = ?)"};
constexpr Query kInstallations{
    "check.installations",
    "SELECT tenant_id, publisher_id, offer_id FROM installations WHERE (? = '' OR tenant_id = ?)"};
constexpr Query kSeats{"check.seats", "SELECT tenant_id, service_id, upn FROM seats WHERE (? = '' OR tenant_id = ?)"};

constexpr Query kLastEventId{"check.last_event_id", "SELECT MAX(id) FROM events"};
constexpr Query kEventsAfter{"check.events_after",
                             "SELECT id, subject, type, tenant_id, publisher_id, payload FROM events WHERE id > ? "
                             "ORDER BY id LIMIT ?"};

}  // namespace

std::vector<ServiceRow> catalogue(store::Transaction& tx, const std::string& publisher_id) {
    return map_rows(tx.query(kCatalogue, {publisher_id, publisher_id}), [](const store::Row& r) {
        return ServiceRow{r.text(0), r.text(1), r.text(2), r.boolean(3)};
    });
}

std::vector<PoolRow> pools(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kPools, {tenant_id, tenant_id}), [](const store::Row& r) {
        return PoolRow{r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4)};
    });
}

std::vector<InstallationRow> installations(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kInstallations, {tenant_id, tenant_id}), [](const store::Row& r) {
        return InstallationRow{r.text(0), r.text(1), r.text(2)};
    });
}

void for_each_seat(store::Transaction& tx, const std::string& tenant_id, const SeatVisitor& visit) {
    tx.each(kSeats, {tenant_id, tenant_id}, [&](const store::RowView& r) {
        visit(SeatView{r.text(0), r.text(1), r.text(2)});
    });
}

std::int64_t last_event_id(store::Transaction& tx) {
    const auto r = tx.query_one(kLastEventId);
    return r && !r->is_null(0) ? r->integer(0) : 0;
}

std::vector<EventRow> events_after(store::Transaction& tx, std::int64_t after_id, std::int64_t limit) {
    return map_rows(tx.query(kEventsAfter, {after_id, limit}), [](const store::Row& r) {
        return EventRow{r.integer(0), r.text(1), r.text(2), r.optional_text(3), r.optional_text(4), r.text(5)};
    });
}

}  // namespace seatkeeper::data::check
