// What every repository does with a result: each row through the function that reads its columns; and the SQL
// of rules more than one repository's queries apply.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "store/store.hpp"

// A license (alias `l`) in force on a day bound twice as `?` (domain/license_term.hpp's rules in SQL): not
// trashed, not suspended, and no term or start ≤ day ≤ end + grace days.
// clang-format off
#define SK_LICENSE_IN_FORCE(l)                                                   \
    l ".active = 1 AND " l ".suspended_at IS NULL AND "                          \
    "(" l ".term_start IS NULL OR "                                              \
    "(" l ".term_start <= ? AND ? <= " l ".term_end + " l ".grace_days))"
// clang-format on
// The active site licenses of the pool (alias `lp`): a site license counts no seats, so its pool's quantity may
// be 0 (issue 14).
// clang-format off
#define SK_SITE_LICENSE_OF(lp)                                                   \
    "SELECT 1 FROM licenses sl WHERE "                                           \
    "sl.tenant_id = " lp ".tenant_id AND sl.service_id = " lp ".service_id AND " \
    "sl.active = 1 AND sl.site = 1"
// clang-format on

// The columns of an `events` row in the order data::events::event_from_row reads them.
#define SK_EVENT_COLUMNS "id, created_at, actor, publisher_id, type, subject, payload, tenant_id"

namespace seatkeeper::data {

// Each row through `from_row` (const store::Row& → a typed row), in order.
template <typename FromRow>
auto map_rows(const store::Rows& rows, FromRow from_row) {
    std::vector<std::invoke_result_t<FromRow&, const store::Row&>> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(from_row(r));
    return out;
}

// The first column of each row, as text: for statements that select one column.
inline std::vector<std::string> texts(const store::Rows& rows) {
    return map_rows(rows, [](const store::Row& r) { return r.text(0); });
}

}  // namespace seatkeeper::data
