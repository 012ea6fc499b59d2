// The mail outbox of a publisher.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "service/mail.hpp"

namespace seatkeeper::http {

namespace {

// No body: it may hold an invitation link, which works for whoever has it.
boost::json::object mail_json(const data::MailRow& m) {
    const auto optional_time = [](const std::optional<Millis>& t) -> boost::json::value {
        return t ? boost::json::value(format_rfc3339(*t)) : nullptr;
    };
    return {{"id", m.id},
            {"to", m.to},
            {"subject", m.subject},
            {"state", m.state},
            {"attempts", m.attempts},
            {"last_error", m.last_error ? boost::json::value(*m.last_error) : nullptr},
            {"created_at", format_rfc3339(m.created_at)},
            {"sent_at", optional_time(m.sent_at)}};
}

}  // namespace

void add_mail_routes(Router& router, service::Services& services) {
    router.add({"GET", "/api/v1/mails", Access::kPublisher, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(const auto page, page_query(c));
                    SK_ASSIGN_OR_RETURN(
                        auto mails,
                        service::list_mails(services, c.who(), c.request.query_param("state").value_or(""), page));
                    boost::json::array items;
                    for (const auto& m : mails.items) items.emplace_back(mail_json(m));
                    return list_response(std::move(items), mails.next_cursor);
                }});
}

}  // namespace seatkeeper::http
