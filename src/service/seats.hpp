// Seats: the check-and-write core of assignment (PRODUCT.md step 12), shared by direct assignments, groups
// and license changes. Every function runs inside the caller's write transaction.
//
// A tenant's seats for one service ID form a pool (`license_pools`): `quantity` is the sum of the active
// licenses of every deal, `assigned` the seats taken. Taking seats is ONE conditional UPDATE
// (`assigned = assigned + n WHERE assigned + n <= quantity`) before any seat row is written: the database
// decides, the row is locked on PostgreSQL, SQLite serialises writers, and the table's CHECK backs it up —
// so concurrent requests on any number of nodes never oversubscribe a pool.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/seats.hpp"
#include "service/context.hpp"

namespace seatkeeper::service {

struct SeatRequest {
    std::string upn;       // normalized, already in the tenant's directory
    std::string group_id;  // empty for a direct assignment
};

// Takes a seat for each requested user who has none in the pool yet; all or nothing: Conflict
// ("over_capacity") naming how many were asked for and how many are available. Returns the seats taken.
Result<std::int64_t> take_seats(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool,
                                const std::vector<SeatRequest>& requests);

// Gives one user's seat back to the pool (no-op when they hold none).
void release_seat(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool, const std::string& upn);

// A seat held through a group whose claim just ended (the user left the group, or the group was unassigned):
// another assigned group the user is still in keeps it, otherwise it goes back to the pool.
void hand_back_group_seat(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool,
                          const std::string& upn);

// Ends a group's assignment to a pool (the group was unassigned or deleted): the assignment row goes, an event
// says so, and every seat held through the group is handed back (hand_back_group_seat).
void end_group_assignment(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool,
                          const std::string& group_id);

// Sets a pool's quantity to the sum of its active licenses, creating the pool when new. When fewer seats
// remain than are assigned: Conflict ("below_assigned") naming both numbers, unless `force`, which releases
// the most recently assigned seats first (each an event).
Status resize_pool(store::Transaction& tx, const std::string& actor, const data::PoolRow& key, bool force);

}  // namespace seatkeeper::service
