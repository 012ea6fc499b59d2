#include "service/seats.hpp"

#include <algorithm>
#include <unordered_set>

#include "data/licenses.hpp"
#include "data/seats.hpp"
#include "service/events.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

domain::SeatSnapshot seat_snapshot(const data::PoolRow& pool, const std::string& upn, const std::string& group_id) {
    return {.tenant_id = pool.tenant_id,
            .service_id = pool.service_id,
            .upn = upn,
            .plan_id = pool.plan_id,
            .group_id = group_id.empty() ? std::nullopt : std::optional<std::string>(group_id)};
}

}  // namespace

Result<std::int64_t> take_seats(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool,
                                const std::vector<SeatRequest>& requests) {
    std::vector<const SeatRequest*> fresh;
    std::unordered_set<std::string_view> seen;
    for (const auto& request : requests) {
        if (!seen.insert(request.upn).second) continue;
        if (!data::seats::find_seat(tx, pool.tenant_id, pool.service_id, request.upn)) fresh.push_back(&request);
    }
    const auto n = static_cast<std::int64_t>(fresh.size());
    if (n == 0) return std::int64_t{0};
    const Millis now = now_millis();
    // The check and the write in one statement: see the file comment.
    if (!data::seats::take_from_pool(tx, pool.tenant_id, pool.service_id, n, now)) {
        const auto current = data::seats::find_pool(tx, pool.tenant_id, pool.service_id);
        const std::int64_t quantity = current ? current->quantity : 0;
        const std::int64_t in_force =
            data::licenses::in_force_quantity(tx, pool.tenant_id, pool.service_id, domain::day_of(now));
        const std::int64_t assigned = current ? current->assigned : 0;
        const std::int64_t available = std::max<std::int64_t>(0, std::min(quantity, in_force) - assigned);
        std::string message = "Assigning " + std::to_string(n) + (n == 1 ? " user needs " : " users needs ") +
                              std::to_string(n) + (n == 1 ? " license" : " licenses") + " of " + pool.service_id +
                              ", but only " + std::to_string(available) + " of " +
                              std::to_string(std::min(quantity, in_force)) + " are available";
        if (in_force < quantity) {
            message += " (" + std::to_string(quantity - in_force) +
                       " more are not in force: not started, expired or suspended)";
        }
        return Status::Conflict("over_capacity", message + "; nobody was assigned", "users");
    }
    std::int64_t seq = data::seats::last_seq(tx, pool.tenant_id, pool.service_id);
    for (const SeatRequest* request : fresh) {
        const data::NewSeat seat{
            request->upn, request->group_id.empty() ? std::nullopt : std::optional<std::string>(request->group_id)};
        data::seats::insert_seat(tx, pool.tenant_id, pool.service_id, seat, actor, now, ++seq);
        append_event(tx, actor, pool.publisher_id,
                     make_event<EventType::kSeatAssigned>(
                         domain::seat_subject(pool.tenant_id, pool.service_id, request->upn), std::nullopt,
                         seat_snapshot(pool, request->upn, request->group_id), pool.tenant_id));
    }
    return n;
}

void release_seat(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool, const std::string& upn) {
    const auto seat = data::seats::find_seat(tx, pool.tenant_id, pool.service_id, upn);
    if (!seat) return;
    data::seats::delete_seat(tx, pool.tenant_id, pool.service_id, upn);
    data::seats::give_back_to_pool(tx, pool.tenant_id, pool.service_id, now_millis());
    append_event(tx, actor, pool.publisher_id,
                 make_event<EventType::kSeatUnassigned>(domain::seat_subject(pool.tenant_id, pool.service_id, upn),
                                                        seat_snapshot(pool, upn, seat->value_or("")), std::nullopt,
                                                        pool.tenant_id));
}

void hand_back_group_seat(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool,
                          const std::string& upn) {
    if (const auto other = data::seats::first_assigned_group_of(tx, pool.tenant_id, pool.service_id, upn)) {
        data::seats::set_seat_group(tx, pool.tenant_id, pool.service_id, upn, *other);
    } else {
        release_seat(tx, actor, pool, upn);
    }
}

void end_group_assignment(store::Transaction& tx, const std::string& actor, const data::PoolRow& pool,
                          const std::string& group_id) {
    data::seats::delete_group_assignment(tx, pool.tenant_id, pool.service_id, group_id);
    append_event(tx, actor, "",
                 make_event<EventType::kGroupUnassigned>(
                     domain::group_assignment_subject(pool.tenant_id, pool.service_id, group_id),
                     domain::GroupAssignmentSnapshot{group_id, pool.service_id}, std::nullopt, pool.tenant_id));
    for (const auto& upn : data::seats::upns_seated_through(tx, pool.tenant_id, pool.service_id, group_id)) {
        hand_back_group_seat(tx, actor, pool, upn);
    }
}

Status resize_pool(store::Transaction& tx, const std::string& actor, const data::PoolRow& key, bool force) {
    const std::int64_t quantity = data::licenses::active_quantity(tx, key.tenant_id, key.service_id);
    const Millis now = now_millis();
    auto pool = data::seats::find_pool(tx, key.tenant_id, key.service_id);
    if (!pool) {
        data::PoolRow fresh = key;
        fresh.quantity = quantity;
        data::seats::insert_pool(tx, fresh, now);
        return Status::Ok();
    }
    if (quantity < pool->assigned) {
        if (!force) {
            return Status::Conflict(
                "below_assigned",
                "The customer has " + std::to_string(pool->assigned) + " users assigned to " + key.service_id +
                    "; the licenses would leave " + std::to_string(quantity) +
                    ". Unassign users first, or send force to unassign the most recently assigned users",
                "quantity");
        }
        for (const auto& upn : data::seats::newest_upns(tx, key.tenant_id, key.service_id, pool->assigned - quantity)) {
            release_seat(tx, actor, *pool, upn);
        }
    }
    data::seats::set_pool_quantity(tx, key.tenant_id, key.service_id, quantity, now);
    return Status::Ok();
}

}  // namespace seatkeeper::service
