// Usage and seat activity (issue 15, API.md "Usage and seat activity"): usage reports for a publisher's global
// and account admins (their customers' pools of their service IDs) and for a tenant's staff (its own pools), as
// JSON and as CSV, and reclaim, which gives back the seats not checked for some days. Reclaim counts the seat
// activity this node holds and has not written yet, so a check answered by this node a moment ago counts.
#include "check/runtime.hpp"
#include "domain/customer.hpp"
#include "domain/limits.hpp"
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "http/inputs/tenant_inputs.hpp"
#include "http/views/usage_views.hpp"
#include "service/licenses.hpp"
#include "service/usage.hpp"

namespace seatkeeper::http {

namespace {

// A date parameter: YYYY-MM-DD, or absent.
Result<std::optional<domain::Day>> day_param(const Context& c, const std::string& name) {
    const auto text = c.request.query_param(name);
    if (!text) return std::optional<domain::Day>{};
    const auto day = domain::parse_day(*text);
    if (!day) return Status::Invalid(name, "date", name + " must be a date written YYYY-MM-DD (UTC)");
    return std::optional<domain::Day>{*day};
}

// The query of GET /api/v1/usage, /tenant/usage and their .csv twins; each parameter is checked, and a bad one is
// refused naming it.
Result<service::UsageQuery> usage_query(const Context& c) {
    service::UsageQuery q;
    SK_ASSIGN_OR_RETURN(q.from, day_param(c, "from"));
    SK_ASSIGN_OR_RETURN(q.to, day_param(c, "to"));
    if (const auto text = c.request.query_param("interval")) {
        const auto interval = domain::parse_usage_interval(*text);
        if (!interval) return Status::Invalid("interval", "enum", "interval must be day, week or month");
        q.interval = *interval;
    }
    if (const auto text = c.request.query_param("tenant_id"); text && !text->empty()) {
        const auto tenant = domain::normalize_tenant_id(*text);
        if (!tenant) return Status::Invalid("tenant_id", "format", "tenant_id must be a tenant ID (a GUID)");
        q.tenant_id = *tenant;
    }
    if (const auto text = c.request.query_param("service_id"); text && !text->empty()) {
        if (text->size() > domain::kMaxIdLength) {
            return Status::Invalid("service_id", "max_length",
                                   "service_id is at most " + std::to_string(domain::kMaxIdLength) + " characters");
        }
        q.service_id = *text;
    }
    return q;
}

Response csv_response(std::string csv, const std::string& file_name) {
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = std::move(csv);
    r.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
    return r;
}

void add_report(Router& router, service::Services& services, const std::string& path, Access access) {
    router.add({"GET", path, access, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto query, usage_query(c));
                    SK_ASSIGN_OR_RETURN(auto rows, service::usage_report(services, c.who(), query));
                    return json_response(200, views::usage_json(rows));
                }});
    router.add({"GET", path + ".csv", access, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto query, usage_query(c));
                    SK_ASSIGN_OR_RETURN(auto rows, service::usage_report(services, c.who(), query));
                    return csv_response(service::usage_csv(rows), "usage.csv");
                }});
}

}  // namespace

void add_usage_routes(Router& router, service::Services& services, check::Runtime& runtime) {
    add_report(router, services, "/api/v1/usage", Access::kPublisher);
    add_report(router, services, "/api/v1/tenant/usage", Access::kTenant);
    router.add({"POST", "/api/v1/tenant/licenses/{service_id}/reclaim", Access::kTenant,
                [&services, &runtime](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto input, read_input(c, inputs::parse_reclaim));
                    // What this node recorded but has not written yet decides as much as what it has.
                    const auto unwritten = [&runtime, &c](const std::string& service_id) {
                        return runtime.activity().unwritten(c.who().tenant_id, service_id);
                    };
                    SK_ASSIGN_OR_RETURN(auto reclaim, service::reclaim_seats(services, c.who(), c.param("service_id"),
                                                                             input, unwritten));
                    return json_response(200, views::reclaim_json(reclaim));
                }});
}

}  // namespace seatkeeper::http
