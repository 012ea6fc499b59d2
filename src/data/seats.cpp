#include "data/seats.hpp"

#include "data/rows.hpp"
#include "domain/license_term.hpp"

namespace seatkeeper::data::seats {

namespace {

using store::Query;

constexpr Query kFindPool{
    "pool.find",
    "SELECT tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, assigned FROM license_pools "
    "WHERE tenant_id = ? AND service_id = ?"};
constexpr Query kInsertPool{
    "pool.insert",
    "INSERT INTO license_pools (tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, assigned, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)"};
constexpr Query kSetPoolQuantity{
    "pool.set_quantity",
    "UPDATE license_pools SET quantity = ?, updated_at = ? WHERE tenant_id = ? AND service_id = ?"};
// Within the pool's licenses, and within those in force on the day (data/licenses.hpp in_force_quantity).
constexpr Query kTakeFromPool{
    "pool.take",
    "UPDATE license_pools SET assigned = assigned + ?, updated_at = ? WHERE tenant_id = ? AND service_id = ? AND "
    "assigned + ? <= quantity AND assigned + ? <= (SELECT COALESCE(SUM(l.quantity), 0) FROM licenses l "
    "WHERE l.tenant_id = license_pools.tenant_id AND l.service_id = license_pools.service_id "
    "AND " SK_LICENSE_IN_FORCE("l") ")"};
constexpr Query kGiveBackToPool{
    "pool.give_back",
    "UPDATE license_pools SET assigned = assigned - 1, updated_at = ? WHERE tenant_id = ? AND service_id = ?"};

constexpr Query kFindSeat{"seat.find", "SELECT group_id FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?"};
constexpr Query kLastSeq{"seat.last_seq",
                         "SELECT COALESCE(MAX(seq), 0) FROM seats WHERE tenant_id = ? AND service_id = ?"};
constexpr Query kInsertSeat{"seat.insert",
                            "INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)"};
constexpr Query kDeleteSeat{"seat.delete", "DELETE FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?"};
constexpr Query kSetSeatGroup{"seat.set_group",
                              "UPDATE seats SET group_id = ? WHERE tenant_id = ? AND service_id = ? AND upn = ?"};
constexpr Query kUpnsSeatedThrough{"seat.upns_through_group",
                                   "SELECT upn FROM seats WHERE tenant_id = ? AND service_id = ? AND group_id = ?"};
constexpr Query kNewestUpns{"seat.newest_upns",
                            "SELECT upn FROM seats WHERE tenant_id = ? AND service_id = ? ORDER BY seq DESC LIMIT ?"};

constexpr Query kFirstAssignedGroupOf{
    "group_assignment.first_of_member",
    "SELECT ga.group_id FROM group_assignments ga JOIN group_members gm ON gm.tenant_id = ga.tenant_id AND "
    "gm.group_id = ga.group_id WHERE ga.tenant_id = ? AND ga.service_id = ? AND gm.upn = ? "
    "ORDER BY ga.assigned_at LIMIT 1"};
constexpr Query kDeleteGroupAssignment{
    "group_assignment.delete", "DELETE FROM group_assignments WHERE tenant_id = ? AND service_id = ? AND group_id = ?"};

}  // namespace

std::optional<PoolRow> find_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id) {
    const auto r = tx.query_one(kFindPool, {tenant_id, service_id});
    if (!r) return std::nullopt;
    return PoolRow{r->text(0), r->text(1), r->text(2), r->text(3), r->text(4), r->integer(5), r->integer(6)};
}

void insert_pool(store::Transaction& tx, const PoolRow& pool, Millis now) {
    tx.execute(kInsertPool,
               {pool.tenant_id, pool.service_id, pool.publisher_id, pool.offer_id, pool.plan_id, pool.quantity, now});
}

void set_pool_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                       std::int64_t quantity, Millis now) {
    tx.execute(kSetPoolQuantity, {quantity, now, tenant_id, service_id});
}

bool take_from_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id, std::int64_t n,
                    Millis now) {
    const std::int64_t today = domain::day_of(now);
    return tx.execute(kTakeFromPool, {n, now, tenant_id, service_id, n, n, today, today}) != 0;
}

void give_back_to_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                       Millis now) {
    tx.execute(kGiveBackToPool, {now, tenant_id, service_id});
}

std::optional<std::optional<std::string>> find_seat(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& service_id, const std::string& upn) {
    const auto r = tx.query_one(kFindSeat, {tenant_id, service_id, upn});
    if (!r) return std::nullopt;
    return r->optional_text(0);
}

std::int64_t last_seq(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id) {
    const auto r = tx.query_one(kLastSeq, {tenant_id, service_id});
    return r ? r->integer(0) : 0;
}

void insert_seat(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                 const NewSeat& seat, const std::string& assigned_by, Millis assigned_at, std::int64_t seq) {
    tx.execute(kInsertSeat,
               {tenant_id, service_id, seat.upn, store::optional_text(seat.group_id), assigned_by, assigned_at, seq});
}

void delete_seat(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                 const std::string& upn) {
    tx.execute(kDeleteSeat, {tenant_id, service_id, upn});
}

void set_seat_group(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                    const std::string& upn, const std::string& group_id) {
    tx.execute(kSetSeatGroup, {group_id, tenant_id, service_id, upn});
}

std::vector<std::string> upns_seated_through(store::Transaction& tx, const std::string& tenant_id,
                                             const std::string& service_id, const std::string& group_id) {
    return texts(tx.query(kUpnsSeatedThrough, {tenant_id, service_id, group_id}));
}

std::vector<std::string> newest_upns(store::Transaction& tx, const std::string& tenant_id,
                                     const std::string& service_id, std::int64_t count) {
    return texts(tx.query(kNewestUpns, {tenant_id, service_id, count}));
}

std::optional<std::string> first_assigned_group_of(store::Transaction& tx, const std::string& tenant_id,
                                                   const std::string& service_id, const std::string& upn) {
    const auto r = tx.query_one(kFirstAssignedGroupOf, {tenant_id, service_id, upn});
    if (!r) return std::nullopt;
    return r->text(0);
}

void delete_group_assignment(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                             const std::string& group_id) {
    tx.execute(kDeleteGroupAssignment, {tenant_id, service_id, group_id});
}

// For tenants' groups (service/tenants.cpp).

namespace {

constexpr Query kServicesAssignedToGroup{
    "group_assignment.services_of_group",
    "SELECT service_id FROM group_assignments WHERE tenant_id = ? AND group_id = ? ORDER BY service_id"};
constexpr Query kGroupAssignmentsOfTenant{
    "group_assignment.of_tenant",
    "SELECT group_id, service_id FROM group_assignments WHERE tenant_id = ? ORDER BY group_id, service_id"};

}  // namespace

std::vector<std::string> services_assigned_to_group(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& group_id) {
    return texts(tx.query(kServicesAssignedToGroup, {tenant_id, group_id}));
}

std::vector<GroupAssignmentRow> group_assignments_of_tenant(store::Transaction& tx, const std::string& tenant_id) {
    const store::Rows rows = tx.query(kGroupAssignmentsOfTenant, {tenant_id});
    std::vector<GroupAssignmentRow> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back({r.text(0), r.text(1)});
    return out;
}

}  // namespace seatkeeper::data::seats

// Listings for service/licenses (a tenant's licenses, their assignments) and service/installations.
namespace seatkeeper::data::seats {

namespace {

using store::Query;

// Both read a pool's listing, in pool_listing_from_row's column order; an empty service ID lists them all.
constexpr Query kPoolListings{
    "pool.listing",
    "SELECT lp.publisher_id, p.name, lp.offer_id, o.listing, lp.plan_id, pl.name, lp.service_id, lp.quantity, "
    "lp.assigned FROM license_pools lp JOIN publishers p ON p.id = lp.publisher_id "
    "JOIN offers o ON o.publisher_id = lp.publisher_id AND o.id = lp.offer_id "
    "JOIN plans pl ON pl.publisher_id = lp.publisher_id AND pl.offer_id = lp.offer_id AND pl.id = lp.plan_id "
    "WHERE lp.tenant_id = ? AND (? = '' OR lp.service_id = ?) AND (lp.quantity > 0 OR lp.assigned > 0 OR "
    "EXISTS (" SK_SITE_LICENSE_OF("lp") ")) "
    "ORDER BY lp.publisher_id, lp.offer_id, lp.plan_id"};

PoolListingRow pool_listing_from_row(const store::Row& r) {
    return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.integer(7), r.integer(8)};
}

constexpr Query kHasLicensedPool{
    "pool.licensed_for_offer",
    "SELECT 1 FROM license_pools lp WHERE lp.tenant_id = ? AND lp.publisher_id = ? AND lp.offer_id = ? AND "
    "(lp.quantity > 0 OR EXISTS (" SK_SITE_LICENSE_OF("lp") "))"};
// A seat as listed: with its user's display name and the last day it was checked (seat_activity, issue 15).
#define SK_SEAT_LISTING                                                            \
    "SELECT s.upn, d.display_name, s.group_id, s.assigned_by, s.assigned_at, "     \
    "(SELECT MAX(a.day) FROM seat_activity a WHERE a.tenant_id = s.tenant_id AND " \
    "a.service_id = s.service_id AND a.upn = s.upn) FROM seats s "                 \
    "LEFT JOIN directory_users d ON d.tenant_id = s.tenant_id AND d.upn = s.upn "  \
    "WHERE s.tenant_id = ? AND s.service_id = ?"
constexpr Query kSeatListing{"seat.listing", SK_SEAT_LISTING " ORDER BY s.seq"};
constexpr Query kSeatListingOfUser{"seat.listing_of_user", SK_SEAT_LISTING " AND s.upn = ?"};
#undef SK_SEAT_LISTING
constexpr Query kAssignedGroupIds{"group_assignment.of_pool",
                                  "SELECT group_id FROM group_assignments WHERE tenant_id = ? AND service_id = ? "
                                  "ORDER BY assigned_at, group_id"};
constexpr Query kGroupAssigned{
    "group_assignment.exists",
    "SELECT 1 FROM group_assignments WHERE tenant_id = ? AND service_id = ? AND group_id = ?"};
constexpr Query kInsertGroupAssignment{
    "group_assignment.insert",
    "INSERT INTO group_assignments (tenant_id, service_id, group_id, assigned_by, assigned_at) "
    "VALUES (?, ?, ?, ?, ?)"};

}  // namespace

std::vector<PoolListingRow> pool_listings(store::Transaction& tx, const std::string& tenant_id) {
    return map_rows(tx.query(kPoolListings, {tenant_id, "", ""}), pool_listing_from_row);
}

std::optional<PoolListingRow> find_pool_listing(store::Transaction& tx, const std::string& tenant_id,
                                                const std::string& service_id) {
    const auto r = tx.query_one(kPoolListings, {tenant_id, service_id, service_id});
    if (!r) return std::nullopt;
    return pool_listing_from_row(*r);
}

bool has_licensed_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& publisher_id,
                       const std::string& offer_id) {
    return tx.query_one(kHasLicensedPool, {tenant_id, publisher_id, offer_id}).has_value();
}

namespace {
SeatListingRow seat_listing_from_row(const store::Row& r) {
    SeatListingRow row{r.text(0), r.optional_text(1), r.optional_text(2), r.text(3), r.integer(4), std::nullopt};
    if (const auto day = r.optional_integer(5)) row.last_checked_day = static_cast<domain::Day>(*day);
    return row;
}
}  // namespace

std::vector<SeatListingRow> seat_listing(store::Transaction& tx, const std::string& tenant_id,
                                         const std::string& service_id) {
    return map_rows(tx.query(kSeatListing, {tenant_id, service_id}), seat_listing_from_row);
}

std::optional<SeatListingRow> find_seat_listing(store::Transaction& tx, const std::string& tenant_id,
                                                const std::string& service_id, const std::string& upn) {
    const auto row = tx.query_one(kSeatListingOfUser, {tenant_id, service_id, upn});
    if (!row) return std::nullopt;
    return seat_listing_from_row(*row);
}

std::vector<std::string> assigned_group_ids(store::Transaction& tx, const std::string& tenant_id,
                                            const std::string& service_id) {
    return texts(tx.query(kAssignedGroupIds, {tenant_id, service_id}));
}

bool group_assigned(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                    const std::string& group_id) {
    return tx.query_one(kGroupAssigned, {tenant_id, service_id, group_id}).has_value();
}

void insert_group_assignment(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                             const std::string& group_id, const std::string& assigned_by, Millis assigned_at) {
    tx.execute(kInsertGroupAssignment, {tenant_id, service_id, group_id, assigned_by, assigned_at});
}

}  // namespace seatkeeper::data::seats
