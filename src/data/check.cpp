#include "data/check.hpp"

#include <algorithm>
#include <tuple>

#include "data/rows.hpp"

namespace seatkeeper::data::check {

namespace {

using store::Query;

constexpr Query kCatalogue{"check.catalogue",
                           "SELECT p.publisher_id, p.offer_id, p.id, o.allow_install_without_license FROM plans p "
                           "JOIN offers o ON o.publisher_id = p.publisher_id AND o.id = p.offer_id "
                           "WHERE o.license_management = 1 AND (? = '' OR p.publisher_id = ?)"};
constexpr Query kPools{"check.pools",
                       "SELECT tenant_id, service_id, publisher_id, offer_id, quantity, assigned FROM license_pools "
                       "WHERE (? = '' OR tenant_id = ?)"};
constexpr Query kTermedLicenses{
    "check.termed_licenses",
    "SELECT tenant_id, service_id, quantity, term_start, term_end, grace_days, suspended_at, site, trial FROM licenses "
    "WHERE active = 1 AND (term_start IS NOT NULL OR suspended_at IS NOT NULL OR site = 1 OR trial = 1) AND "
    "(? = '' OR tenant_id = ?)"};
constexpr Query kDomains{"check.domains",
                         "SELECT tenant_id, domain FROM tenant_domains WHERE (? = '' OR tenant_id = ?)"};
constexpr Query kSeatOrder{"check.seat_order",
                           "SELECT upn FROM seats WHERE tenant_id = ? AND service_id = ? ORDER BY seq"};
constexpr Query kInstallations{
    "check.installations",
    "SELECT tenant_id, publisher_id, offer_id FROM installations WHERE (? = '' OR tenant_id = ?)"};
constexpr Query kSeats{
    "check.seats",
    "SELECT tenant_id, service_id, upn, group_id IS NOT NULL FROM seats WHERE (? = '' OR tenant_id = ?)"};

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
    auto out = map_rows(tx.query(kPools, {tenant_id, tenant_id}), [](const store::Row& r) {
        return PoolRow{r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.integer(5), {}};
    });
    // Each termed license to its pool: sorted here, since the databases' collations order text differently.
    const auto by_key = [](const PoolRow& a, const PoolRow& b) {
        return std::tie(a.tenant_id, a.service_id) < std::tie(b.tenant_id, b.service_id);
    };
    std::sort(out.begin(), out.end(), by_key);
    for (const auto& r : tx.query(kTermedLicenses, {tenant_id, tenant_id})) {
        const auto key = std::make_pair(r.text(0), r.text(1));
        const auto pool = std::lower_bound(out.begin(), out.end(), key, [](const PoolRow& p, const auto& k) {
            return std::tie(p.tenant_id, p.service_id) < std::tie(k.first, k.second);
        });
        if (pool == out.end() || pool->tenant_id != key.first || pool->service_id != key.second) continue;
        TermedLicenseRow license{r.integer(2), std::nullopt, !r.is_null(6), r.boolean(7), r.boolean(8)};
        if (!r.is_null(3)) {
            license.term =
                domain::LicenseTerm{static_cast<domain::Day>(r.integer(3)), static_cast<domain::Day>(r.integer(4)),
                                    static_cast<std::int32_t>(r.integer(5))};
        }
        pool->termed.push_back(license);
    }
    return out;
}

std::vector<std::string> seat_order(store::Transaction& tx, const std::string& tenant_id,
                                    const std::string& service_id) {
    return texts(tx.query(kSeatOrder, {tenant_id, service_id}));
}

std::vector<InstallationRow> installations(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kInstallations, {tenant_id, tenant_id}), [](const store::Row& r) {
        return InstallationRow{r.text(0), r.text(1), r.text(2)};
    });
}

std::vector<std::pair<std::string, std::string>> domains(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kDomains, {tenant_id, tenant_id}),
                    [](const store::Row& r) { return std::make_pair(r.text(0), r.text(1)); });
}

void for_each_seat(store::Transaction& tx, const std::string& tenant_id, const SeatVisitor& visit) {
    tx.each(kSeats, {tenant_id, tenant_id}, [&](const store::RowView& r) {
        visit(SeatView{r.text(0), r.text(1), r.text(2), r.boolean(3)});
    });
}

std::vector<EventRow> events_after(store::Transaction& tx, std::int64_t after_id, std::int64_t limit) {
    return map_rows(tx.query(kEventsAfter, {after_id, limit}), [](const store::Row& r) {
        return EventRow{r.integer(0), r.text(1), r.text(2), r.optional_text(3), r.optional_text(4), r.text(5)};
    });
}

}  // namespace seatkeeper::data::check
