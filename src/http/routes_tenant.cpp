// Admin Center (a customer tenant's staff): consent invitations, the tenant, its user directory and groups,
// licenses and seat assignments, installations.
#include "http/api.hpp"
#include "http/handlers.hpp"
#include "service/deals.hpp"
#include "service/installations.hpp"
#include "service/licenses.hpp"
#include "service/tenants.hpp"

namespace seatkeeper::http {

boost::json::object installation_json(const service::Installation& i);

namespace {

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

boost::json::object tenant_json(const service::TenantRecord& t) {
    boost::json::array domains;
    for (const auto& d : t.domains) domains.emplace_back(d);
    return {
        {"id", t.id}, {"name", t.name}, {"domains", std::move(domains)}, {"created_at", format_rfc3339(t.created_at)}};
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

boost::json::object group_json(const service::GroupRecord& g) {
    boost::json::array members;
    for (const auto& m : g.members) members.emplace_back(m);
    boost::json::array services;
    for (const auto& s : g.service_ids) services.emplace_back(s);
    return {{"id", g.id},
            {"name", g.name},
            {"members", std::move(members)},
            {"service_ids", std::move(services)},
            {"created_at", format_rfc3339(g.created_at)}};
}

boost::json::object tenant_license_json(const service::TenantLicense& l) {
    return {{"publisher_id", l.publisher_id}, {"publisher_name", l.publisher_name},
            {"offer_id", l.offer_id},         {"offer_name", l.offer_name},
            {"plan_id", l.plan_id},           {"plan_name", l.plan_name},
            {"service_id", l.service_id},     {"quantity", l.quantity},
            {"assigned", l.assigned},         {"available", std::max<std::int64_t>(0, l.quantity - l.assigned)}};
}

boost::json::object assignments_json(const service::Assignments& a) {
    boost::json::array users;
    for (const auto& u : a.users) {
        users.emplace_back(boost::json::object{
            {"upn", u.upn},
            {"display_name", u.display_name},
            {"group_id", u.group_id.empty() ? boost::json::value(nullptr) : boost::json::value(u.group_id)},
            {"assigned_by", u.assigned_by},
            {"assigned_at", format_rfc3339(u.assigned_at)}});
    }
    boost::json::array groups;
    for (const auto& g : a.group_ids) groups.emplace_back(g);
    return {{"license", tenant_license_json(a.license)},
            {"items", std::move(users)},
            {"groups", std::move(groups)},
            {"next_cursor", nullptr}};
}

Response no_content(int status = 204) {
    Response r;
    r.status = status;
    return r;
}

}  // namespace

void add_tenant_routes(Router& router, service::Services& services) {
    // Consent: anyone holding the link may read what it asks for; only a tenant's billing or global admin
    // may answer it.
    router.add({"GET", "/api/v1/invitations/{token}", Access::kPublic, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto v, service::view_invitation(services, c.param("token")));
                    return json_response(200, invitation_json(v));
                }});
    router.add(
        {"POST", "/api/v1/invitations/{token}/accept", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto v, service::accept_invitation(services, c.who(), c.param("token")));
             return json_response(200, invitation_json(v));
         }});
    router.add(
        {"POST", "/api/v1/invitations/{token}/decline", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto v, service::decline_invitation(services, c.who(), c.param("token")));
             return json_response(200, invitation_json(v));
         }});
    Route signup_code{"POST", "/api/v1/invitations/{token}/signup-code", Access::kPublic,
                      [&services](Context& c) -> Result<Response> {
                          SK_RETURN_IF_ERROR(service::send_signup_code(services, c.param("token")));
                          return no_content(202);
                      }};
    signup_code.public_write = true;  // it sends mail: throttled per address, as Contact me
    router.add(std::move(signup_code));
    Route signup{
        "POST", "/api/v1/invitations/{token}/signup", Access::kPublic, [&services](Context& c) -> Result<Response> {
            SK_ASSIGN_OR_RETURN(auto body, body_object(c));
            const json::Fields f(body);
            if (body.contains("domains")) {
                return Status::Invalid("domains", "not_allowed",
                                       "a sign-up registers the invited address's domain only; add further domains "
                                       "afterwards (Domains), each proven by a DNS TXT record");
            }
            SK_RETURN_IF_ERROR(f.only({"tenant_name", "name", "password", "code"}));
            service::InvitationSignup input;
            SK_ASSIGN_OR_RETURN(input.tenant_name, f.required_string("tenant_name", 1000));
            SK_ASSIGN_OR_RETURN(auto name, f.optional_string("name", 1000));
            input.name = name.value_or("");
            SK_ASSIGN_OR_RETURN(input.password, f.required_string("password", 1000, json::Text::kSecret));
            // Optional here so that the other fields are checked first (service::signup_from_invitation).
            SK_ASSIGN_OR_RETURN(auto code, f.optional_string("code", 100));
            input.code = code.value_or("");
            SK_ASSIGN_OR_RETURN(auto tenant, service::signup_from_invitation(services, c.param("token"), input));
            SK_ASSIGN_OR_RETURN(auto invitation, service::view_invitation(services, c.param("token")));
            SK_ASSIGN_OR_RETURN(auto signin, service::login(services, invitation.email, input.password));
            Response r = sign_in_response(201, signin, services.settings().secure_cookies);
            return r;
        }};
    signup.signs_in = true;
    router.add(std::move(signup));

    router.add({"GET", "/api/v1/tenant", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto tenant, service::get_tenant(services, c.who()));
                    return json_response(200, tenant_json(tenant));
                }});

    router.add({"GET", "/api/v1/tenant/domains", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto domains, service::list_domains(services, c.who()));
                    boost::json::array items;
                    for (const auto& d : domains) items.emplace_back(domain_json(d));
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"POST", "/api/v1/tenant/domains", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"domain"}));
                    SK_ASSIGN_OR_RETURN(auto domain, f.required_string("domain", 300));
                    SK_ASSIGN_OR_RETURN(auto added, service::add_domain(services, c.who(), domain));
                    return json_response(201, domain_json(added));
                }});
    router.add({"POST", "/api/v1/tenant/domains/{domain}/verify", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto verified, service::verify_domain(services, c.who(), c.param("domain")));
                    return json_response(200, domain_json(verified));
                }});
    router.add(
        {"DELETE", "/api/v1/tenant/domains/{domain}", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_RETURN_IF_ERROR(service::remove_domain(services, c.who(), c.param("domain")));
             return no_content();
         }});

    router.add({"GET", "/api/v1/tenant/users", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto users, service::list_directory(services, c.who()));
                    boost::json::array items;
                    for (const auto& u : users) items.emplace_back(directory_user_json(u));
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"POST", "/api/v1/tenant/users", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"upn", "display_name"}));
                    SK_ASSIGN_OR_RETURN(auto upn, f.required_string("upn", 300));
                    SK_ASSIGN_OR_RETURN(auto name, f.optional_string("display_name", 1000));
                    bool created = false;
                    SK_ASSIGN_OR_RETURN(
                        auto user, service::add_directory_user(services, c.who(), upn, name.value_or(""), &created));
                    return json_response(created ? 201 : 200, directory_user_json(user));
                }});
    Route import{
        "POST", "/api/v1/tenant/users/import", Access::kTenant, [&services](Context& c) -> Result<Response> {
            SK_ASSIGN_OR_RETURN(auto added, service::import_directory_csv(services, c.who(), c.request.body));
            boost::json::array items;
            for (const auto& u : added) items.emplace_back(directory_user_json(u));
            return json_response(200, boost::json::object{{"added", added.size()}, {"items", std::move(items)}});
        }};
    import.max_body = 2U << 20;
    router.add(std::move(import));

    router.add({"GET", "/api/v1/tenant/groups", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto groups, service::list_groups(services, c.who()));
                    boost::json::array items;
                    for (const auto& g : groups) items.emplace_back(group_json(g));
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"POST", "/api/v1/tenant/groups", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"name", "members"}));
                    SK_ASSIGN_OR_RETURN(auto name, f.required_string("name", 1000));
                    SK_ASSIGN_OR_RETURN(auto members, f.optional_string_list("members", 1000, 300));
                    SK_ASSIGN_OR_RETURN(
                        auto group,
                        service::create_group(services, c.who(), name, members.value_or(std::vector<std::string>{})));
                    return json_response(201, group_json(group));
                }});
    router.add(
        {"GET", "/api/v1/tenant/groups/{group_id}", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_ASSIGN_OR_RETURN(auto group, service::get_group(services, c.who(), c.param("group_id")));
             return json_response(200, group_json(group));
         }});
    router.add(
        {"DELETE", "/api/v1/tenant/groups/{group_id}", Access::kTenant, [&services](Context& c) -> Result<Response> {
             SK_RETURN_IF_ERROR(service::delete_group(services, c.who(), c.param("group_id")));
             return no_content();
         }});
    router.add({"POST", "/api/v1/tenant/groups/{group_id}/members", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"members"}));
                    SK_ASSIGN_OR_RETURN(auto members, f.optional_string_list("members", 1000, 300));
                    SK_ASSIGN_OR_RETURN(auto group,
                                        service::add_group_members(services, c.who(), c.param("group_id"),
                                                                   members.value_or(std::vector<std::string>{})));
                    return json_response(200, group_json(group));
                }});
    router.add({"DELETE", "/api/v1/tenant/groups/{group_id}/members/{upn}", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(
                        service::remove_group_member(services, c.who(), c.param("group_id"), c.param("upn")).status());
                    return no_content();
                }});

    router.add({"GET", "/api/v1/tenant/licenses", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto licenses, service::list_tenant_licenses(services, c.who()));
                    boost::json::array items;
                    for (const auto& l : licenses) items.emplace_back(tenant_license_json(l));
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"GET", "/api/v1/tenant/licenses/{service_id}/assignments", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto a, service::list_assignments(services, c.who(), c.param("service_id")));
                    return json_response(200, assignments_json(a));
                }});
    router.add({"POST", "/api/v1/tenant/licenses/{service_id}/assignments", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"users", "groups"}));
                    SK_ASSIGN_OR_RETURN(auto users, f.optional_string_list("users", 1000, 300));
                    SK_ASSIGN_OR_RETURN(auto groups, f.optional_string_list("groups", 100, 100));
                    SK_ASSIGN_OR_RETURN(auto a, service::assign_seats(services, c.who(), c.param("service_id"),
                                                                      users.value_or(std::vector<std::string>{}),
                                                                      groups.value_or(std::vector<std::string>{})));
                    return json_response(200, assignments_json(a));
                }});
    router.add({"DELETE", "/api/v1/tenant/licenses/{service_id}/assignments/{upn}", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(
                        service::unassign_user(services, c.who(), c.param("service_id"), c.param("upn")));
                    return no_content();
                }});
    router.add({"DELETE", "/api/v1/tenant/licenses/{service_id}/groups/{group_id}", Access::kTenant,
                [&services](Context& c) -> Result<Response> {
                    SK_RETURN_IF_ERROR(
                        service::unassign_group(services, c.who(), c.param("service_id"), c.param("group_id")));
                    return no_content();
                }});

    router.add({"GET", "/api/v1/tenant/installations", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto installs, service::list_tenant_installations(services, c.who()));
                    boost::json::array items;
                    for (const auto& i : installs) items.emplace_back(installation_json(i));
                    return paged_list_response(c, std::move(items));
                }});
    router.add({"POST", "/api/v1/tenant/installations", Access::kTenant, [&services](Context& c) -> Result<Response> {
                    SK_ASSIGN_OR_RETURN(auto body, body_object(c));
                    const json::Fields f(body);
                    SK_RETURN_IF_ERROR(f.only({"offer", "environment"}));
                    SK_ASSIGN_OR_RETURN(auto offer, f.required_string("offer", 300));
                    SK_ASSIGN_OR_RETURN(auto environment, f.optional_string("environment", 1000));
                    SK_ASSIGN_OR_RETURN(auto install, service::install_offer(services, c.who(), offer,
                                                                             environment.value_or("Production")));
                    return json_response(201, installation_json(install));
                }});
}

}  // namespace seatkeeper::http
