// The usage repository (issue 15, API.md "Usage and seat activity"): seat activity (`seat_activity`: the days a
// seat was checked, written in batches by the runtime's recorder, check/seat_activity.hpp) and the license and
// seat history that usage reports replay (the `license.*` and `seat.*` rows of `events`, which
// data/events.hpp writes). See data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "data/accounts.hpp"
#include "domain/license_term.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

// One seat checked on one day.
struct ActivityRow {
    std::string publisher_id;
    std::string tenant_id;
    std::string service_id;
    std::string upn;
    domain::Day day = 0;
};

// A license or seat event as usage replays it; the texts are valid only during the visit.
struct HistoryEventView {
    std::int64_t id = 0;
    Millis created_at = 0;
    std::string_view type;
    std::string_view subject;
    std::string_view tenant_id;
    std::string_view payload;
};
using HistoryVisitor = std::function<void(const HistoryEventView&)>;

// A pool's distinct active seats in a period.
struct ActiveCountRow {
    std::string tenant_id;
    std::string service_id;
    std::int64_t active = 0;
};

namespace usage {

// Records each row once: a (tenant, service ID, UPN, day) another node (or an earlier batch) wrote is left as
// it is (`ON CONFLICT DO NOTHING`).
void insert_activity(store::Transaction& tx, const std::vector<ActivityRow>& rows);
// Deletes the rows of days before `before`, but each seat's latest one (its last check stays known). The rows
// deleted.
std::int64_t prune_activity(store::Transaction& tx, domain::Day before);
// The account's pools' distinct seats checked from `first` to `last` (inclusive).
std::vector<ActiveCountRow> active_counts(store::Transaction& tx, const AccountScope& account, domain::Day first,
                                          domain::Day last);
// The account's `license.*` and `seat.*` events written before `until`, in id order, streamed.
void each_history_event(store::Transaction& tx, const AccountScope& account, Millis until, const HistoryVisitor& visit);

// For `seatkeeper demo-seed` only, which makes its customers' history through the use cases in one go: dates
// the events after `after_id` (and the seats taken after `since`) at `at`, as if that part had happened then.
// Nothing else rewrites history.
void date_back_history(store::Transaction& tx, std::int64_t after_id, Millis since, Millis at);

}  // namespace usage
}  // namespace seatkeeper::data
