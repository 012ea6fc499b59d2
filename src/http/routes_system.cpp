// Health, readiness, metrics and the change feed.
#include "domain/limits.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/views/json_array.hpp"
#include "http/views/system_views.hpp"
#include "service/events.hpp"

namespace seatkeeper::http {

namespace {
constexpr std::int64_t kMaxWaitSeconds = 60;
}  // namespace

void add_system_routes(Router& router, Api& api) {
    router.add(from_memory({"GET", "/healthz", Access::kPublic, [](Context&) -> Result<Response> {
                                return json_response(200, boost::json::object{{"status", "ok"}});
                            }}));
    router.add({"GET", "/readyz", Access::kPublic, [&api](Context&) -> Result<Response> {
                    const Status db = api.services().store().ping();
                    if (!db.ok()) return Status::Unavailable("the database is not reachable", db.log_detail());
                    return json_response(
                        200, boost::json::object{{"status", "ready"}, {"database", api.services().store().backend()}});
                }});
    router.add(from_memory({"GET", "/metrics", Access::kPublic, [&api](Context&) -> Result<Response> {
                                Response r;
                                r.content_type = "text/plain; version=0.0.4";
                                r.body = api.metrics().render();
                                return r;
                            }}));
    router.add({"GET", "/api/v1/events", Access::kAccount, [&api](Context& c) -> Result<Response> {
                    service::EventQuery query;
                    SK_ASSIGN_OR_RETURN(query.after, integer_param(c, "after", 0, 0, INT64_MAX));
                    SK_ASSIGN_OR_RETURN(const std::int64_t limit,
                                        integer_param(c, "limit", domain::kDefaultPageSize, 1, domain::kMaxPageSize));
                    SK_ASSIGN_OR_RETURN(const std::int64_t wait, integer_param(c, "wait", 0, 0, kMaxWaitSeconds));
                    query.limit = static_cast<std::size_t>(limit);
                    query.subject = c.request.query_param("subject").value_or("");
                    SK_ASSIGN_OR_RETURN(auto events, service::list_events(api.services(), c.who(), query));
                    boost::json::array items = views::json_array(events, views::event_json);
                    // The cursor is the last id seen; with nothing new it stays where the client was.
                    const std::int64_t cursor = events.empty() ? query.after : events.back().id;
                    Response r = list_response(std::move(items), std::to_string(cursor));
                    if (events.empty() && wait > 0) r.poll_until = now_millis() + wait * 1000;
                    return r;
                }});
}

}  // namespace seatkeeper::http
