#include "data/usage.hpp"

#include "data/rows.hpp"

namespace seatkeeper::data::usage {

namespace {

using store::Query;

// Portable upsert: SQLite and PostgreSQL both take ON CONFLICT (…) DO NOTHING on the primary key.
constexpr Query kInsertActivity{
    "activity.insert",
    "INSERT INTO seat_activity (tenant_id, service_id, upn, day, publisher_id) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (tenant_id, service_id, upn, day) DO NOTHING"};
constexpr Query kPruneActivity{"activity.prune",
                               "DELETE FROM seat_activity WHERE day < ? AND EXISTS (SELECT 1 FROM seat_activity later "
                               "WHERE later.tenant_id = seat_activity.tenant_id AND "
                               "later.service_id = seat_activity.service_id AND later.upn = seat_activity.upn AND "
                               "later.day > seat_activity.day)"};
// One statement per scope column (data/events.cpp does the same for the feed).
#define SK_ACTIVE_COUNTS(column)                                                         \
    "SELECT tenant_id, service_id, COUNT(DISTINCT upn) FROM seat_activity WHERE " column \
    " = ? AND day >= ? "                                                                 \
    "AND day <= ? GROUP BY tenant_id, service_id"
constexpr Query kActiveOfPublisher{"activity.active_of_publisher", SK_ACTIVE_COUNTS("publisher_id")};
constexpr Query kActiveOfTenant{"activity.active_of_tenant", SK_ACTIVE_COUNTS("tenant_id")};
#undef SK_ACTIVE_COUNTS
// A family is a prefix of the stored type (domain::kEventTypes); substr, as the feed, is portable.
#define SK_HISTORY(column)                                                               \
    "SELECT id, created_at, type, subject, tenant_id, payload FROM events WHERE " column \
    " = ? AND "                                                                          \
    "(substr(type, 1, 8) = 'license.' OR substr(type, 1, 5) = 'seat.') AND created_at < ? ORDER BY id"
constexpr Query kHistoryOfPublisher{"usage.history_of_publisher", SK_HISTORY("publisher_id")};
constexpr Query kHistoryOfTenant{"usage.history_of_tenant", SK_HISTORY("tenant_id")};
#undef SK_HISTORY

constexpr Query kDateBackEvents{"usage.date_back_events", "UPDATE events SET created_at = ? WHERE id > ?"};
constexpr Query kDateBackSeats{"usage.date_back_seats", "UPDATE seats SET assigned_at = ? WHERE assigned_at >= ?"};

bool of_tenant(const AccountScope& account) { return account.kind == AccountScope::Kind::kTenant; }

}  // namespace

void insert_activity(store::Transaction& tx, const std::vector<ActivityRow>& rows) {
    for (const auto& row : rows) {
        tx.execute(kInsertActivity, {row.tenant_id, row.service_id, row.upn, std::int64_t{row.day}, row.publisher_id});
    }
}

std::int64_t prune_activity(store::Transaction& tx, domain::Day before) {
    return tx.execute(kPruneActivity, {std::int64_t{before}});
}

std::vector<ActiveCountRow> active_counts(store::Transaction& tx, const AccountScope& account, domain::Day first,
                                          domain::Day last) {
    return map_rows(tx.query(of_tenant(account) ? kActiveOfTenant : kActiveOfPublisher,
                             {account.id, std::int64_t{first}, std::int64_t{last}}),
                    [](const store::Row& r) {
                        return ActiveCountRow{r.text(0), r.text(1), r.integer(2)};
                    });
}

void each_history_event(store::Transaction& tx, const AccountScope& account, Millis until,
                        const HistoryVisitor& visit) {
    tx.each(of_tenant(account) ? kHistoryOfTenant : kHistoryOfPublisher, {account.id, until},
            [&](const store::RowView& r) {
                visit(HistoryEventView{r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5)});
            });
}

void date_back_history(store::Transaction& tx, std::int64_t after_id, Millis since, Millis at) {
    tx.execute(kDateBackEvents, {at, after_id});
    tx.execute(kDateBackSeats, {at, since});
}

}  // namespace seatkeeper::data::usage
