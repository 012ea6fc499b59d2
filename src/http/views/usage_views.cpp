#include "http/views/usage_views.hpp"

#include "http/views/json_array.hpp"

namespace seatkeeper::http::views {

boost::json::object usage_row_json(const service::UsageRow& row) {
    return {{"date", domain::format_day(row.date)},
            {"tenant_id", row.tenant_id},
            {"service_id", row.service_id},
            {"plan_id", row.plan_id},
            {"provisioned", row.provisioned},
            {"assigned", row.assigned},
            {"active", row.active}};
}

boost::json::object usage_json(const std::vector<service::UsageRow>& rows) {
    return {{"items", json_array(rows, usage_row_json)}};
}

boost::json::object reclaim_json(const service::Reclaim& reclaim) {
    boost::json::array items;
    items.reserve(reclaim.items.size());
    for (const auto& seat : reclaim.items) {
        items.emplace_back(boost::json::object{
            {"upn", seat.upn},
            {"last_checked_at", seat.last_checked ? boost::json::value(domain::format_day(*seat.last_checked))
                                                  : boost::json::value(nullptr)},
            {"assigned_at", format_rfc3339(seat.assigned_at)}});
    }
    return {{"dry_run", reclaim.dry_run}, {"inactive_days", reclaim.inactive_days}, {"items", std::move(items)}};
}

}  // namespace seatkeeper::http::views
