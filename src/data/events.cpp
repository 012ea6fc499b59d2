#include "data/events.hpp"

#include "data/rows.hpp"

namespace seatkeeper::data::events {

namespace {

using store::Query;

constexpr Query kNewestEventId{"event.newest_id", "SELECT COALESCE(MAX(id), 0) FROM events"};
constexpr Query kInsertEvent{"event.insert",
                             "INSERT INTO events (created_at, actor, publisher_id, tenant_id, type, subject, payload) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"};

// The feed, one statement per scope column, with a fixed filter on the type: `? = 1` lets every type through,
// else a type passes when it begins with the prefix of one of kMaxTypePrefixes slots, each bound to a prefix's
// length and text or, unused, to NULL and NULL (which matches nothing). A family is a prefix of the stored type
// (domain::kEventTypes): substr is the same in SQLite and PostgreSQL and does not depend on a collation. A
// subject and everything under it ("offers/crm" and "offers/crm/plans/basic") is a range, so that it stays
// portable and index-friendly ('0' is the character after '/').
#define SK_TYPE_PREFIX_SLOT " OR substr(type, 1, CAST(? AS INTEGER)) = ?"
#define SK_FOUR_TYPE_PREFIX_SLOTS SK_TYPE_PREFIX_SLOT SK_TYPE_PREFIX_SLOT SK_TYPE_PREFIX_SLOT SK_TYPE_PREFIX_SLOT
#define SK_TYPE_FILTER \
    "(? = 1" SK_FOUR_TYPE_PREFIX_SLOTS SK_FOUR_TYPE_PREFIX_SLOTS SK_FOUR_TYPE_PREFIX_SLOTS SK_FOUR_TYPE_PREFIX_SLOTS ")"
#define SK_FEED_CONDITIONS                                                                              \
    " = ? AND id > ? AND (? = '' OR subject = ? OR (subject >= ? AND subject < ?)) AND " SK_TYPE_FILTER \
    " ORDER BY id LIMIT ?"

constexpr Query kFeedOfPublisher{"event.feed_of_publisher",
                                 "SELECT " SK_EVENT_COLUMNS " FROM events WHERE publisher_id" SK_FEED_CONDITIONS};
constexpr Query kFeedOfTenant{"event.feed_of_tenant",
                              "SELECT " SK_EVENT_COLUMNS " FROM events WHERE tenant_id" SK_FEED_CONDITIONS};

#undef SK_FEED_CONDITIONS
#undef SK_TYPE_FILTER
#undef SK_FOUR_TYPE_PREFIX_SLOTS
#undef SK_TYPE_PREFIX_SLOT

}  // namespace

std::int64_t newest_event_id(store::Transaction& tx) {
    const auto r = tx.query_one(kNewestEventId);
    return r ? r->integer(0) : 0;
}

EventRow event_from_row(const store::Row& r) {
    return {r.integer(0), r.integer(1), r.text(2), r.optional_text(3).value_or(""),
            r.text(4),    r.text(5),    r.text(6), r.optional_text(7).value_or("")};
}

void insert_event(store::Transaction& tx, const EventRow& event) {
    tx.execute(kInsertEvent, {event.created_at, event.actor, store::text_or_null(event.publisher_id),
                              store::text_or_null(event.tenant_id), event.type, event.subject, event.payload});
}

std::vector<EventRow> feed(store::Transaction& tx, const AccountScope& account, const FeedQuery& query) {
    const std::vector<std::string> no_prefixes;
    const auto& prefixes = query.type_prefixes ? *query.type_prefixes : no_prefixes;
    if (prefixes.size() > kMaxTypePrefixes) {
        throw store::Failure(Status::Internal("the event feed takes at most " + std::to_string(kMaxTypePrefixes) +
                                              " type prefixes, not " + std::to_string(prefixes.size())));
    }
    const std::string& subject = query.subject;
    store::Params params{account.id,
                         query.after,
                         subject,
                         subject,
                         subject + "/",
                         subject + "0",
                         std::int64_t{query.type_prefixes ? 0 : 1}};
    for (std::size_t i = 0; i < kMaxTypePrefixes; ++i) {
        if (i < prefixes.size()) {
            params.emplace_back(static_cast<std::int64_t>(prefixes[i].size()));
            params.emplace_back(prefixes[i]);
        } else {
            params.emplace_back(store::null_value());
            params.emplace_back(store::null_value());
        }
    }
    params.emplace_back(query.limit);
    const Query& statement = account.kind == AccountScope::Kind::kTenant ? kFeedOfTenant : kFeedOfPublisher;
    return map_rows(tx.query(statement, params), event_from_row);
}

}  // namespace seatkeeper::data::events
