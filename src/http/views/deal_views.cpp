#include "http/views/deal_views.hpp"

#include "common/clock.hpp"

namespace seatkeeper::http::views {

boost::json::object deal_json(const data::DealRow& d) {
    boost::json::object o = service::deal_json(d);
    o["created_at"] = format_rfc3339(d.created_at);
    o["updated_at"] = format_rfc3339(d.updated_at);
    return o;
}

boost::json::object invitation_link_json(const service::InvitationLink& link) {
    return {{"id", link.id},
            {"email", link.email},
            {"invitation_url", link.url},
            {"expires_at", format_rfc3339(link.expires_at)}};
}

}  // namespace seatkeeper::http::views
