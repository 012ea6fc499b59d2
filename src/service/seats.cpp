#include "service/seats.hpp"

#include "service/events.hpp"

namespace seatkeeper::service {

using domain::EventType;
using domain::make_event;

namespace {

domain::SeatSnapshot seat_snapshot(const PoolRecord& pool, const std::string& upn, const std::string& group_id) {
    return {.tenant_id = pool.tenant_id,
            .service_id = pool.service_id,
            .upn = upn,
            .plan_id = pool.plan_id,
            .group_id = group_id.empty() ? std::nullopt : std::optional<std::string>(group_id)};
}

}  // namespace

std::optional<PoolRecord> load_pool(store::Transaction& tx, const std::string& tenant_id,
                                    const std::string& service_id) {
    const auto r = tx.query_one(
        "SELECT tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, assigned FROM license_pools "
        "WHERE tenant_id = ? AND service_id = ?",
        {tenant_id, service_id});
    if (!r) return std::nullopt;
    return PoolRecord{r->text(0), r->text(1), r->text(2), r->text(3), r->text(4), r->integer(5), r->integer(6)};
}

Result<std::int64_t> take_seats(store::Transaction& tx, const std::string& actor, const PoolRecord& pool,
                                const std::vector<SeatRequest>& requests) {
    std::vector<const SeatRequest*> fresh;
    for (const auto& request : requests) {
        const bool seated = tx.query_one("SELECT 1 FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?",
                                         {pool.tenant_id, pool.service_id, request.upn})
                                .has_value();
        const bool repeated =
            std::any_of(fresh.begin(), fresh.end(), [&](const SeatRequest* r) { return r->upn == request.upn; });
        if (!seated && !repeated) fresh.push_back(&request);
    }
    const auto n = static_cast<std::int64_t>(fresh.size());
    if (n == 0) return std::int64_t{0};
    const Millis now = now_millis();
    // The check and the write in one statement: see the file comment.
    const std::int64_t changed = tx.execute(
        "UPDATE license_pools SET assigned = assigned + ?, updated_at = ? "
        "WHERE tenant_id = ? AND service_id = ? AND assigned + ? <= quantity",
        {n, now, pool.tenant_id, pool.service_id, n});
    if (changed == 0) {
        const auto current = load_pool(tx, pool.tenant_id, pool.service_id);
        const std::int64_t quantity = current ? current->quantity : 0;
        const std::int64_t available = current ? current->quantity - current->assigned : 0;
        return Status::Conflict("over_capacity",
                                "Assigning " + std::to_string(n) + (n == 1 ? " user needs " : " users needs ") +
                                    std::to_string(n) + (n == 1 ? " license" : " licenses") + " of " + pool.service_id +
                                    ", but only " + std::to_string(available) + " of " + std::to_string(quantity) +
                                    " are available; nobody was assigned",
                                "users");
    }
    const auto top = tx.query_one("SELECT COALESCE(MAX(seq), 0) FROM seats WHERE tenant_id = ? AND service_id = ?",
                                  {pool.tenant_id, pool.service_id});
    std::int64_t seq = top ? top->integer(0) : 0;
    for (const SeatRequest* request : fresh) {
        tx.execute(
            "INSERT INTO seats (tenant_id, service_id, upn, group_id, assigned_by, assigned_at, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            {pool.tenant_id, pool.service_id, request->upn,
             request->group_id.empty() ? store::null_value() : store::Value{request->group_id}, actor, now, ++seq});
        append_event(tx, actor, pool.publisher_id,
                     make_event<EventType::kSeatAssigned>(
                         domain::seat_subject(pool.tenant_id, pool.service_id, request->upn), std::nullopt,
                         seat_snapshot(pool, request->upn, request->group_id), pool.tenant_id));
    }
    return n;
}

void release_seat(store::Transaction& tx, const std::string& actor, const PoolRecord& pool, const std::string& upn) {
    const auto seat = tx.query_one("SELECT group_id FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?",
                                   {pool.tenant_id, pool.service_id, upn});
    if (!seat) return;
    tx.execute("DELETE FROM seats WHERE tenant_id = ? AND service_id = ? AND upn = ?",
               {pool.tenant_id, pool.service_id, upn});
    tx.execute(
        "UPDATE license_pools SET assigned = assigned - 1, updated_at = ? WHERE tenant_id = ? AND service_id = ?",
        {now_millis(), pool.tenant_id, pool.service_id});
    append_event(tx, actor, pool.publisher_id,
                 make_event<EventType::kSeatUnassigned>(domain::seat_subject(pool.tenant_id, pool.service_id, upn),
                                                        seat_snapshot(pool, upn, seat->optional_text(0).value_or("")),
                                                        std::nullopt, pool.tenant_id));
}

void hand_back_group_seat(store::Transaction& tx, const std::string& actor, const PoolRecord& pool,
                          const std::string& upn) {
    const auto other = tx.query_one(
        "SELECT ga.group_id FROM group_assignments ga JOIN group_members gm ON gm.tenant_id = ga.tenant_id AND "
        "gm.group_id = ga.group_id WHERE ga.tenant_id = ? AND ga.service_id = ? AND gm.upn = ? "
        "ORDER BY ga.assigned_at LIMIT 1",
        {pool.tenant_id, pool.service_id, upn});
    if (other) {
        tx.execute("UPDATE seats SET group_id = ? WHERE tenant_id = ? AND service_id = ? AND upn = ?",
                   {other->text(0), pool.tenant_id, pool.service_id, upn});
    } else {
        release_seat(tx, actor, pool, upn);
    }
}

void end_group_assignment(store::Transaction& tx, const std::string& actor, const PoolRecord& pool,
                          const std::string& group_id) {
    tx.execute("DELETE FROM group_assignments WHERE tenant_id = ? AND service_id = ? AND group_id = ?",
               {pool.tenant_id, pool.service_id, group_id});
    append_event(tx, actor, "",
                 make_event<EventType::kGroupUnassigned>(
                     domain::group_assignment_subject(pool.tenant_id, pool.service_id, group_id),
                     domain::GroupAssignmentSnapshot{group_id, pool.service_id}, std::nullopt, pool.tenant_id));
    for (const auto& r : tx.query("SELECT upn FROM seats WHERE tenant_id = ? AND service_id = ? AND group_id = ?",
                                  {pool.tenant_id, pool.service_id, group_id})) {
        hand_back_group_seat(tx, actor, pool, r.text(0));
    }
}

Status resize_pool(store::Transaction& tx, const std::string& actor, const PoolRecord& key, bool force) {
    const auto sum = tx.query_one(
        "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM licenses WHERE tenant_id = ? AND service_id = ? AND "
        "active = 1",
        {key.tenant_id, key.service_id});
    const std::int64_t quantity = sum ? sum->integer(0) : 0;
    const Millis now = now_millis();
    auto pool = load_pool(tx, key.tenant_id, key.service_id);
    if (!pool) {
        tx.execute(
            "INSERT INTO license_pools (tenant_id, service_id, publisher_id, offer_id, plan_id, quantity, assigned, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
            {key.tenant_id, key.service_id, key.publisher_id, key.offer_id, key.plan_id, quantity, now});
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
        const std::int64_t excess = pool->assigned - quantity;
        const store::Rows newest =
            tx.query("SELECT upn FROM seats WHERE tenant_id = ? AND service_id = ? ORDER BY seq DESC LIMIT ?",
                     {key.tenant_id, key.service_id, excess});
        for (const auto& r : newest) release_seat(tx, actor, *pool, r.text(0));
    }
    tx.execute("UPDATE license_pools SET quantity = ?, updated_at = ? WHERE tenant_id = ? AND service_id = ?",
               {quantity, now, key.tenant_id, key.service_id});
    return Status::Ok();
}

}  // namespace seatkeeper::service
