// JSON views of what the system keeps about itself: the change feed's events and the mail outbox. The rules
// all views follow are in account_views.hpp.
#pragma once

#include <boost/json.hpp>

#include "service/events.hpp"
#include "service/mail.hpp"

namespace seatkeeper::http::views {

// An event of the change feed: {id, created_at, actor, publisher_id, tenant_id, type, subject, payload}; the
// payload is the stored one (domain/events.hpp writes it), the ids null when the event has none.
boost::json::object event_json(const data::EventRow& e);
// A mail of the outbox, without its body: the body may hold an invitation link, which works for whoever has it.
boost::json::object mail_json(const data::MailRow& m);

}  // namespace seatkeeper::http::views
