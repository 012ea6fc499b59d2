// The seats repository: license pools (`license_pools`), the seats taken from them (`seats`) and the groups
// assigned to them (`group_assignments`). The data layer (src/data/) is the only place SQL is written: each
// repository holds the named queries of one aggregate (store::Query, declared in its .cpp) and hands out typed
// rows; services decide, repositories read and write. Every function runs in the caller's transaction and throws
// store::Failure on a database error, as Transaction does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/license_term.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

// A tenant's seats for one service ID: `quantity` is the sum of its licenses in force, `assigned` the seats taken.
struct PoolRow {
    std::string tenant_id;
    std::string service_id;
    std::string publisher_id;
    std::string offer_id;
    std::string plan_id;
    std::int64_t quantity = 0;
    std::int64_t assigned = 0;
};

struct NewSeat {
    std::string upn;
    std::optional<std::string> group_id;  // the group it is held through; nullopt for a direct assignment
};

namespace seats {

std::optional<PoolRow> find_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id);
void insert_pool(store::Transaction& tx, const PoolRow& pool, Millis now);
void set_pool_quantity(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                       std::int64_t quantity, Millis now);
// Adds `n` to the pool's assigned seats when that stays within its quantity and within the licenses in force on
// the day of `now` (issue 14), in one statement (the check and the
// write together: the database decides, see service/seats.hpp). Whether it did.
bool take_from_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id, std::int64_t n,
                    Millis now);
void give_back_to_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id, Millis now);

// Whether the user holds a seat in the pool, and through which group (nullopt inside: a direct seat).
std::optional<std::optional<std::string>> find_seat(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& service_id, const std::string& upn);
// The highest sequence number given in the pool (0 when none): seats are numbered in the order they were taken.
std::int64_t last_seq(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id);
void insert_seat(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                 const NewSeat& seat, const std::string& assigned_by, Millis assigned_at, std::int64_t seq);
void delete_seat(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                 const std::string& upn);
void set_seat_group(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                    const std::string& upn, const std::string& group_id);
// The users holding a seat through the group.
std::vector<std::string> upns_seated_through(store::Transaction& tx, const std::string& tenant_id,
                                             const std::string& service_id, const std::string& group_id);
// The `count` most recently taken seats' users, newest first.
std::vector<std::string> newest_upns(store::Transaction& tx, const std::string& tenant_id,
                                     const std::string& service_id, std::int64_t count);

// Of the groups assigned to the pool that the user is a member of, the one assigned first.
std::optional<std::string> first_assigned_group_of(store::Transaction& tx, const std::string& tenant_id,
                                                   const std::string& service_id, const std::string& upn);
void delete_group_assignment(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                             const std::string& group_id);

}  // namespace seats

// For tenants' groups (service/tenants.cpp): the licenses a group is assigned to, seen from the group.

// A group assigned to a pool: its members hold seats of the pool through it.
struct GroupAssignmentRow {
    std::string group_id;
    std::string service_id;
};

namespace seats {

// The service IDs the group is assigned to, in order.
std::vector<std::string> services_assigned_to_group(store::Transaction& tx, const std::string& tenant_id,
                                                    const std::string& group_id);
// The assignments of all the tenant's groups, by service ID within each group.
std::vector<GroupAssignmentRow> group_assignments_of_tenant(store::Transaction& tx, const std::string& tenant_id);

}  // namespace seats
}  // namespace seatkeeper::data

// Listings for service/licenses (a tenant's licenses, their assignments) and service/installations.
namespace seatkeeper::data {

// A tenant's pool as the tenant sees it: with its publisher's, offer's and plan's names.
struct PoolListingRow {
    std::string publisher_id;
    std::string publisher_name;
    std::string offer_id;
    std::string offer_listing;  // the offer's listing JSON
    std::string plan_id;
    std::string plan_name;
    std::string service_id;
    std::int64_t quantity = 0;
    std::int64_t assigned = 0;
};

// A seat with its user's display name from the directory.
struct SeatListingRow {
    std::string upn;
    std::optional<std::string> display_name;  // nullopt when the user is not in the directory
    std::optional<std::string> group_id;      // nullopt for a direct assignment
    std::string assigned_by;
    Millis assigned_at = 0;
    std::optional<domain::Day> last_checked_day;  // the last day it was checked (seat_activity); nullopt: never
};

namespace seats {

// The tenant's pools that have licenses or seats, by publisher, offer and plan.
std::vector<PoolListingRow> pool_listings(store::Transaction& tx, const std::string& tenant_id);
// The one for the service ID, when it has licenses or seats.
std::optional<PoolListingRow> find_pool_listing(store::Transaction& tx, const std::string& tenant_id,
                                                const std::string& service_id);
// Whether the tenant has licenses (a pool of quantity above 0) for any plan of the offer.
bool has_licensed_pool(store::Transaction& tx, const std::string& tenant_id, const std::string& publisher_id,
                       const std::string& offer_id);
// The pool's seats in the order they were taken.
std::vector<SeatListingRow> seat_listing(store::Transaction& tx, const std::string& tenant_id,
                                         const std::string& service_id);
// One user's seat in the pool, as the listing shows it.
std::optional<SeatListingRow> find_seat_listing(store::Transaction& tx, const std::string& tenant_id,
                                                const std::string& service_id, const std::string& upn);
// The groups assigned to the pool, in the order they were assigned.
std::vector<std::string> assigned_group_ids(store::Transaction& tx, const std::string& tenant_id,
                                            const std::string& service_id);
bool group_assigned(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                    const std::string& group_id);
void insert_group_assignment(store::Transaction& tx, const std::string& tenant_id, const std::string& service_id,
                             const std::string& group_id, const std::string& assigned_by, Millis assigned_at);

}  // namespace seats
}  // namespace seatkeeper::data
