#include "http/views/tenant_views.hpp"

#include "common/clock.hpp"

namespace seatkeeper::http::views {

namespace {

boost::json::array strings(const std::vector<std::string>& values) {
    boost::json::array out;
    out.reserve(values.size());
    for (const auto& v : values) out.emplace_back(v);
    return out;
}

}  // namespace

boost::json::object tenant_json(const service::TenantRecord& t) {
    return {
        {"id", t.id}, {"name", t.name}, {"domains", strings(t.domains)}, {"created_at", format_rfc3339(t.created_at)}};
}

boost::json::object customer_tenant_json(const service::TenantRecord& t) {
    boost::json::object o = tenant_json(t);
    o["tenant_id"] = t.id;  // deprecated: `id` is the tenant's own id, as in every other object
    return o;
}

boost::json::object customer_json(const service::CustomerRecord& c) {
    boost::json::object o = customer_tenant_json(c.tenant);
    o["since"] = format_rfc3339(c.since);
    return o;
}

boost::json::object domain_json(const service::DomainRecord& d) {
    return {{"domain", d.domain},
            {"state", d.state},
            {"txt_record", d.txt_record ? boost::json::value(*d.txt_record) : boost::json::value(nullptr)},
            {"created_at", format_rfc3339(d.created_at)}};
}

boost::json::object directory_user_json(const data::DirectoryUserRow& u) {
    return {{"upn", u.upn}, {"display_name", u.display_name}, {"created_at", format_rfc3339(u.created_at)}};
}

boost::json::object directory_import_json(const std::vector<data::DirectoryUserRow>& added) {
    boost::json::array items;
    items.reserve(added.size());
    for (const auto& u : added) items.emplace_back(directory_user_json(u));
    return {{"added", added.size()}, {"items", std::move(items)}};
}

boost::json::object group_json(const service::GroupRecord& g) {
    return {{"id", g.id},
            {"name", g.name},
            {"members", strings(g.members)},
            {"service_ids", strings(g.service_ids)},
            {"created_at", format_rfc3339(g.created_at)}};
}

boost::json::object invitation_json(const service::InvitationView& v) {
    boost::json::array plans;
    for (const auto& [id, name] : v.plans) plans.emplace_back(boost::json::object{{"id", id}, {"name", name}});
    return {{"id", v.id},
            {"state", v.state},
            {"email", v.email},
            {"expires_at", format_rfc3339(v.expires_at)},
            {"publisher", {{"id", v.publisher_id}, {"name", v.publisher_name}}},
            {"offer", {{"id", v.offer_id}, {"name", v.offer_name}}},
            {"plans", std::move(plans)},
            {"customer_name", v.customer_name},
            {"tenant_id", v.tenant_id ? boost::json::value(*v.tenant_id) : boost::json::value(nullptr)}};
}

}  // namespace seatkeeper::http::views
