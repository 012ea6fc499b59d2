// The mail outbox of a publisher.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/views/json_array.hpp"
#include "http/views/system_views.hpp"
#include "service/mail.hpp"

namespace seatkeeper::http {

void add_mail_routes(Router& router, service::Services& services) {
    router.add({"GET", "/api/v1/mails", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(const auto page, page_query(c));
                    SK_ASSIGN_OR_RETURN(
                        auto mails,
                        service::list_mails(services, c.who(), c.request.query_param("state").value_or(""), page));
                    return list_response(views::json_array(mails.items, views::mail_json), mails.next_cursor);
                }});
}

}  // namespace seatkeeper::http
